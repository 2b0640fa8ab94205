package resource

import (
	"encoding/json"
	"slices"
	"strings"
)

// changes are the validated values of a create or an update, ready to be written.
type changes struct {
	columns map[string]any      // column → canonical wire value
	links   map[string][]string // link name → the whole new set of ids
	refs    map[string]string   // reference name → id, to be checked for existence
}

// missingReferences answers a key or id list that names a missing row with a 400 naming the field.
// missing is the store's lookup: the ids of ids that target (a table or collection) lacks, scoped to the
// user's own when the target is owned.
func (c changes) missingReferences(e *Entity, missing func(target string, owned bool, ids []string) ([]string, error)) error {
	var problems []FieldError
	for _, r := range e.References {
		id, ok := c.refs[r.Name]
		if !ok {
			continue
		}
		absent, err := missing(r.Target, r.TargetOwned, []string{id})
		if err != nil {
			return err
		}
		for _, m := range absent {
			problems = append(problems, FieldError{Field: r.Name, Message: "no resource with id " + m})
		}
	}
	for _, l := range e.Links {
		ids, ok := c.links[l.Name]
		if !ok || len(ids) == 0 {
			continue
		}
		absent, err := missing(l.Target, l.TargetOwned, ids)
		if err != nil {
			return err
		}
		for _, m := range absent {
			problems = append(problems, FieldError{Field: l.Name, Message: "no resource with id " + m})
		}
	}
	if problems != nil {
		return invalid(errMissingReference, problems)
	}
	return nil
}

// parseInput checks a JSON object body against the entity: every problem of every field at once. A create
// applies defaults and needs every required field; an update (PATCH) takes any subset.
func (e *Entity) parseInput(body map[string]any, create bool) (changes, *Error) {
	c := changes{columns: map[string]any{}, links: map[string][]string{}, refs: map[string]string{}}
	var problems []FieldError
	report := func(field string, messages []string) {
		for _, m := range messages {
			problems = append(problems, FieldError{Field: field, Message: m})
		}
	}

	for _, f := range e.Fields {
		raw, present := body[f.Name]
		if !present {
			if !create {
				continue
			}
			if f.Default == "" {
				if f.Required {
					report(f.Name, []string{"is required"})
				}
				continue
			}
			raw = decodeDefault(f.Default)
		}
		value, messages := f.Parse(raw)
		report(f.Name, messages)
		if messages == nil {
			c.columns[f.Column] = value
		}
	}
	for _, r := range e.References {
		raw, present := body[r.Name]
		switch {
		case !present:
			if create && r.Required {
				report(r.Name, []string{"is required"})
			}
		case raw == nil:
			if r.Required {
				report(r.Name, []string{"must not be null"})
			} else {
				c.columns[r.Column] = nil
			}
		default:
			id, ok := parseID(raw)
			if !ok {
				report(r.Name, []string{"must be a UUID"})
				continue
			}
			c.columns[r.Column] = id
			c.refs[r.Name] = id
		}
	}
	for _, l := range e.Links {
		raw, present := body[l.Name]
		if !present {
			continue
		}
		ids, messages := parseIDs(raw)
		report(l.Name, messages)
		if messages == nil {
			c.links[l.Name] = ids
		}
	}

	var unknown []string
	for key := range body {
		if _, ok := e.field(key); ok {
			continue
		}
		if _, ok := e.reference(key); ok {
			continue
		}
		if _, ok := e.link(key); ok {
			continue
		}
		unknown = append(unknown, key)
	}
	slices.Sort(unknown)
	for _, key := range unknown {
		report(key, []string{"is not a known field"})
	}

	if problems != nil {
		return changes{}, invalid("The request body is invalid.", problems)
	}
	return c, nil
}

func decodeDefault(text string) any {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		panic("resource: a field default is not JSON: " + err.Error()) // generated code: a bug, not input
	}
	return v
}

var idField = Field{Kind: KindUUID, Required: true}

func parseID(raw any) (string, bool) {
	value, messages := idField.Parse(raw)
	if messages != nil {
		return "", false
	}
	return value.(string), true
}

func parseIDs(raw any) ([]string, []string) {
	items, ok := raw.([]any)
	if !ok {
		return nil, []string{"must be an array"}
	}
	if len(items) > maxLinks {
		return nil, []string{"must have at most 1000 items"}
	}
	ids := make([]string, 0, len(items))
	for _, item := range items {
		id, ok := parseID(item)
		if !ok {
			return nil, []string{"must be a UUID"}
		}
		if slices.Contains(ids, id) {
			return nil, []string{"must not repeat an item"}
		}
		ids = append(ids, id)
	}
	return ids, nil
}
