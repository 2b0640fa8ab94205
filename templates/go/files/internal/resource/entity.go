package resource

import (
	"encoding/json"
	"sync"
)

// Reference is a many-to-one or one-to-one relation: a foreign key column holding the id of a Target row.
type Reference struct {
	Name     string // wire name of the key, e.g. "categoryId"
	Column   string
	Target   string // table of the referenced entity
	Required bool
	// UniqueIndex names the unique index on the column of a one-to-one relation ("" for many-to-one).
	UniqueIndex string
	// TargetOwned: the referenced entity is owned, so only the user's own rows may be referenced.
	TargetOwned bool
}

// Link is a many-to-many relation, kept in a join table and exposed as a list of ids.
type Link struct {
	Name         string // wire name of the id list, e.g. "tagIds"
	Target       string // table of the linked entity
	JoinTable    string
	SourceColumn string
	TargetColumn string
	TargetOwned  bool
}

// Entity describes one resource of the API: where it lives on the wire and in the database, and its fields.
type Entity struct {
	Name       string // "Product", as in backend.yaml
	Path       string // "/api/products": where the collection is served
	Table      string
	Fields     []Field
	References []Reference
	Links      []Link
	// Owned rows belong to the user who created them; other users get 404 for them.
	Owned bool

	wire     sync.Once
	wireText [][]byte // see wireKeys
}

// maxLinks caps the ids a many-to-many list may hold in one request.
const maxLinks = 1000

func (e *Entity) field(name string) (Field, bool) {
	for _, f := range e.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

func (e *Entity) reference(name string) (Reference, bool) {
	for _, r := range e.References {
		if r.Name == name {
			return r, true
		}
	}
	return Reference{}, false
}

func (e *Entity) link(name string) (Link, bool) {
	for _, l := range e.Links {
		if l.Name == name {
			return l, true
		}
	}
	return Link{}, false
}

// wireKeys returns the JSON keys of a record, each encoded with its colon, in the order of backend.yaml: id,
// the fields, the keys, the id lists, createdAt and updatedAt. They are encoded on first use.
func (e *Entity) wireKeys() [][]byte {
	e.wire.Do(func() {
		names := []string{"id"}
		for _, f := range e.Fields {
			names = append(names, f.Name)
		}
		for _, r := range e.References {
			names = append(names, r.Name)
		}
		for _, l := range e.Links {
			names = append(names, l.Name)
		}
		for _, name := range append(names, "createdAt", "updatedAt") {
			text, _ := json.Marshal(name) // a string always encodes
			e.wireText = append(e.wireText, append(text, ':'))
		}
	})
	return e.wireText
}
