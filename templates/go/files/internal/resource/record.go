package resource

import (
	"bytes"
	"encoding/json"
)

// Record is one row as the API shows it: wire names to canonical wire values.
type Record struct {
	entity *Entity
	values map[string]any
}

// ID returns the record's id.
func (r Record) ID() string { s, _ := r.values["id"].(string); return s }

// MarshalJSON writes the fields in the order of backend.yaml (id first, timestamps last), absent ones as null.
func (r Record) MarshalJSON() ([]byte, error) {
	names := []string{"id"}
	for _, f := range r.entity.Fields {
		names = append(names, f.Name)
	}
	for _, ref := range r.entity.References {
		names = append(names, ref.Name)
	}
	for _, l := range r.entity.Links {
		names = append(names, l.Name)
	}
	names = append(names, "createdAt", "updatedAt")

	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, name := range names {
		if i > 0 {
			buf.WriteByte(',')
		}
		key, _ := json.Marshal(name)
		value, err := json.Marshal(r.values[name])
		if err != nil {
			return nil, err
		}
		buf.Write(key)
		buf.WriteByte(':')
		buf.Write(value)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// Page is the body of a collection GET.
type Page struct {
	Items  []Record `json:"items"`
	Total  int64    `json:"total"`
	Limit  int      `json:"limit"`
	Offset int      `json:"offset"`
}
