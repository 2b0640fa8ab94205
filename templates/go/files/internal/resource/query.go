package resource

import (
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Paging bounds of every collection.
const (
	DefaultLimit = 20
	MaxLimit     = 100
	maxOffset    = 2147483647
)

// Filter is one ?field=value equality condition.
type Filter struct {
	Column string
	Field  Field
	Value  any
}

// Sort is the order of a list: one column, then id.
type Sort struct {
	Column     string
	Field      *Field // nil for id and the timestamps
	Descending bool
}

// ListQuery is a validated collection query.
type ListQuery struct {
	Limit   int
	Offset  int
	Sort    Sort
	Filters []Filter
}

// SortKeys lists every value ?sort= accepts, ascending and descending.
func (e *Entity) SortKeys() []string {
	var keys []string
	for _, f := range e.Fields {
		if f.Sortable() {
			keys = append(keys, f.Name, "-"+f.Name)
		}
	}
	return append(keys, "createdAt", "-createdAt", "updatedAt", "-updatedAt", "id", "-id")
}

// ParseListQuery checks the query string of a collection GET; every problem is reported at once.
func (e *Entity) ParseListQuery(values url.Values) (ListQuery, *Error) {
	q := ListQuery{Limit: DefaultLimit, Sort: Sort{Column: "created_at"}}
	var problems []FieldError
	report := func(field, message string) { problems = append(problems, FieldError{Field: field, Message: message}) }

	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if len(values[name]) > 1 {
			report(name, "must be given once")
			continue
		}
		text := values.Get(name)
		if strings.ContainsRune(text, 0) {
			report(name, nulMessage)
			continue
		}
		switch name {
		case "limit":
			if n, message := parseBoundedInt(text, 1, MaxLimit); message != "" {
				report(name, message)
			} else {
				q.Limit = n
			}
		case "offset":
			if n, message := parseBoundedInt(text, 0, maxOffset); message != "" {
				report(name, message)
			} else {
				q.Offset = n
			}
		case "sort":
			if sort, ok := e.parseSort(text); ok {
				q.Sort = sort
			} else {
				report(name, "must be one of: "+strings.Join(e.SortKeys(), ", "))
			}
		default:
			filter, message, known := e.parseFilter(name, text)
			switch {
			case !known:
				report(name, "is not a known query parameter")
			case message != "":
				report(name, message)
			default:
				q.Filters = append(q.Filters, filter)
			}
		}
	}
	if problems != nil {
		return ListQuery{}, invalid("The request query is invalid.", problems)
	}
	return q, nil
}

const nulMessage = "must not contain the NUL character (U+0000)"

func parseBoundedInt(text string, lo, hi int) (int, string) {
	n, err := strconv.Atoi(text)
	if err != nil {
		return 0, "must be an integer"
	}
	if n < lo {
		return 0, "must be at least " + strconv.Itoa(lo)
	}
	if n > hi {
		return 0, "must be at most " + strconv.Itoa(hi)
	}
	return n, ""
}

func (e *Entity) parseSort(text string) (Sort, bool) {
	name, descending := strings.CutPrefix(text, "-")
	switch name {
	case "id":
		return Sort{Column: "id", Descending: descending}, true
	case "createdAt":
		return Sort{Column: "created_at", Descending: descending}, true
	case "updatedAt":
		return Sort{Column: "updated_at", Descending: descending}, true
	}
	if f, ok := e.field(name); ok && f.Sortable() {
		return Sort{Column: f.Column, Field: &f, Descending: descending}, true
	}
	return Sort{}, false
}

// parseFilter reads a filter value in the body's format: numbers and booleans are JSON literals, everything
// else text, and the field's own rules apply.
func (e *Entity) parseFilter(name, text string) (Filter, string, bool) {
	if r, ok := e.reference(name); ok {
		id, ok := parseID(text)
		if !ok {
			return Filter{}, "must be a UUID", true
		}
		return Filter{Column: r.Column, Field: idField, Value: id}, "", true
	}
	f, ok := e.field(name)
	if !ok || !f.Filterable() {
		return Filter{}, "", false
	}
	var raw any = text
	switch f.Kind {
	case KindInteger, KindBigint, KindNumber:
		raw = json.Number(text)
		if _, err := strconv.ParseFloat(text, 64); err != nil {
			raw = text
		}
	case KindBoolean:
		switch text {
		case "true":
			raw = true
		case "false":
			raw = false
		}
	}
	value, messages := f.Parse(raw)
	if messages != nil {
		return Filter{}, messages[0], true
	}
	return Filter{Column: f.Column, Field: f, Value: value}, "", true
}
