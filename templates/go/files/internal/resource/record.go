package resource

import (
	"encoding/json"
	"strconv"
)

// Record is one row as the API shows it: its canonical wire values in the order of backend.yaml, id first,
// then the fields, the keys, the id lists and the two timestamps (the order of Entity.wireKeys).
type Record struct {
	entity *Entity
	values []any
}

// ID returns the record's id.
func (r Record) ID() string { s, _ := r.values[0].(string); return s }

// AppendJSON appends the record as a JSON object: the values under their keys, absent ones as null, with the
// keys encoded once per entity. The responder writes it straight to the response (see web.WriteJSON): as a
// json.Marshaler its output would be validated and compacted again by encoding/json, record by record.
func (r Record) AppendJSON(buf []byte) ([]byte, error) {
	keys := r.entity.wireKeys()
	buf = append(buf, '{')
	for i, value := range r.values {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, keys[i]...)
		var err error
		if buf, err = appendJSON(buf, value); err != nil {
			return nil, err
		}
	}
	return append(buf, '}'), nil
}

// appendJSON appends v as encoding/json writes it: strings that need no escaping, booleans and integers
// directly, anything else (numbers, JSON values, id lists, escaped text) through encoding/json.
func appendJSON(buf []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(buf, "null"...), nil
	case bool:
		return strconv.AppendBool(buf, v), nil
	case int64:
		return strconv.AppendInt(buf, v, 10), nil
	case string:
		if plainJSON(v) {
			buf = append(buf, '"')
			buf = append(buf, v...)
			return append(buf, '"'), nil
		}
	}
	text, err := json.Marshal(v)
	return append(buf, text...), err
}

// plainJSON reports whether s stands in a JSON string as it is: printable ASCII without the quote, the
// backslash, or the characters encoding/json escapes for HTML (<, >, &).
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

// Page is the body of a collection GET.
type Page struct {
	Items  []Record
	Total  int64
	Limit  int
	Offset int
}

// AppendJSON appends the page as {"items":[...],"total":…,"limit":…,"offset":…}, its records written in place.
func (p Page) AppendJSON(buf []byte) ([]byte, error) {
	buf = append(buf, `{"items":[`...)
	for i, r := range p.Items {
		if i > 0 {
			buf = append(buf, ',')
		}
		var err error
		if buf, err = r.AppendJSON(buf); err != nil {
			return nil, err
		}
	}
	buf = append(buf, `],"total":`...)
	buf = strconv.AppendInt(buf, p.Total, 10)
	buf = append(buf, `,"limit":`...)
	buf = strconv.AppendInt(buf, int64(p.Limit), 10)
	buf = append(buf, `,"offset":`...)
	buf = strconv.AppendInt(buf, int64(p.Offset), 10)
	return append(buf, '}'), nil
}
