package resource

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Store reads and writes the documents of one entity, one collection named like its SQL table. Documents use
// the API's field names, `_id` is the id, an optional value that is null is absent, and a many-to-many set is
// the sorted array of ids on the declaring side (ARCHITECTURE.md of create-backend, "MongoDB").
type Store struct {
	db         *mongo.Database
	dialect    Dialect
	entity     *Entity
	collection *mongo.Collection
	// keys maps the columns the query and input parsers name to document keys (the API's names).
	keys map[string]string
}

// ownerField holds the account that created a document of an owned entity.
const ownerField = "ownerUserId"

// NewStore returns the store of entity e in db.
func NewStore(db *mongo.Database, dialect Dialect, e *Entity) *Store {
	keys := map[string]string{"id": "_id", "created_at": "createdAt", "updated_at": "updatedAt"}
	for _, f := range e.Fields {
		keys[f.Column] = f.Name
	}
	for _, r := range e.References {
		keys[r.Column] = r.Name
	}
	return &Store{db: db, dialect: dialect, entity: e, collection: db.Collection(e.Table), keys: keys}
}

var timestamp = Field{Kind: KindDatetime}

// record turns a stored document into the record the API shows.
func (s *Store) record(doc bson.M) Record {
	e := s.entity
	values := make([]any, 0, 3+len(e.Fields)+len(e.References)+len(e.Links))
	values = append(values, doc["_id"])
	for _, f := range e.Fields {
		if v, ok := doc[f.Name]; ok && v != nil {
			values = append(values, fromDocument(f, v))
		} else {
			values = append(values, nil)
		}
	}
	for _, r := range e.References {
		if id, ok := doc[r.Name].(string); ok {
			values = append(values, id)
		} else {
			values = append(values, nil)
		}
	}
	for _, l := range e.Links {
		ids := []string{}
		if stored, ok := doc[l.Name].(bson.A); ok {
			for _, id := range stored {
				if id, ok := id.(string); ok {
					ids = append(ids, id)
				}
			}
		}
		values = append(values, ids)
	}
	values = append(values, fromDocument(timestamp, doc["createdAt"]), fromDocument(timestamp, doc["updatedAt"]))
	return Record{entity: e, values: values}
}

// scope is the filter of one document: its id, and its owner for owned entities.
func (s *Store) scope(ctx context.Context, id string) bson.D {
	filter := bson.D{{Key: "_id", Value: id}}
	if s.entity.Owned {
		filter = append(filter, bson.E{Key: ownerField, Value: ownerOf(ctx)})
	}
	return filter
}

// Get returns the record with the given id, or ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (Record, error) {
	var doc bson.M
	err := s.collection.FindOne(ctx, s.scope(ctx, id)).Decode(&doc)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Record{}, ErrNotFound
	}
	if err != nil {
		return Record{}, fmt.Errorf("get %s %s: %w", s.entity.Name, id, err)
	}
	return s.record(doc), nil
}

// List returns one page of the records that match the query's filters, in its order. MongoDB sorts a missing
// value first when ascending, and the API puts nulls last both ways, so a sort on an optional field is two
// queries: the documents with a value in order, then those without one by id.
func (s *Store) List(ctx context.Context, query ListQuery) (Page, error) {
	filter := bson.D{}
	if s.entity.Owned {
		filter = append(filter, bson.E{Key: ownerField, Value: ownerOf(ctx)})
	}
	for _, f := range query.Filters {
		value, err := toDocument(f.Field, f.Value)
		if err != nil {
			return Page{}, err
		}
		filter = append(filter, bson.E{Key: s.keys[f.Column], Value: value})
	}
	total, err := s.collection.CountDocuments(ctx, filter)
	if err != nil {
		return Page{}, fmt.Errorf("count %s: %w", s.entity.Name, err)
	}

	key := s.keys[query.Sort.Column]
	if f := query.Sort.Field; f != nil && f.Kind == KindDecimal {
		key = DecimalOrderKey(f.Name)
	}
	direction := 1
	if query.Sort.Descending {
		direction = -1
	}
	order := bson.D{{Key: key, Value: direction}}
	if key != "_id" {
		order = append(order, bson.E{Key: "_id", Value: 1})
	}
	page := Page{Items: []Record{}, Total: total, Limit: query.Limit, Offset: query.Offset}
	if f := query.Sort.Field; f == nil || f.Required {
		page.Items, err = s.find(ctx, filter, order, int64(query.Offset), int64(query.Limit))
		return page, err
	}

	withValue := bson.D{{Key: "$and", Value: bson.A{filter, bson.D{{Key: key, Value: bson.D{{Key: "$ne", Value: nil}}}}}}}
	valued, err := s.collection.CountDocuments(ctx, withValue)
	if err != nil {
		return Page{}, fmt.Errorf("count %s: %w", s.entity.Name, err)
	}
	if int64(query.Offset) < valued {
		if page.Items, err = s.find(ctx, withValue, order, int64(query.Offset), int64(query.Limit)); err != nil {
			return Page{}, err
		}
	}
	if len(page.Items) < query.Limit {
		withoutValue := bson.D{{Key: "$and", Value: bson.A{filter, bson.D{{Key: key, Value: nil}}}}}
		rest, err := s.find(ctx, withoutValue, bson.D{{Key: "_id", Value: 1}}, max(0, int64(query.Offset)-valued), int64(query.Limit-len(page.Items)))
		if err != nil {
			return Page{}, err
		}
		page.Items = append(page.Items, rest...)
	}
	return page, nil
}

func (s *Store) find(ctx context.Context, filter, order bson.D, skip, limit int64) ([]Record, error) {
	cursor, err := s.collection.Find(ctx, filter, options.Find().SetSort(order).SetSkip(skip).SetLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", s.entity.Name, err)
	}
	var docs []bson.M
	if err := cursor.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("list %s: %w", s.entity.Name, err)
	}
	records := make([]Record, len(docs))
	for i, doc := range docs {
		records[i] = s.record(doc)
	}
	return records, nil
}

// Create inserts a new document from validated input.
func (s *Store) Create(ctx context.Context, c changes) (Record, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return Record{}, fmt.Errorf("new id: %w", err)
	}
	now := bson.NewDateTimeFromTime(time.Now())
	doc := bson.D{{Key: "_id", Value: id.String()}}
	written := bson.M{}
	order := bson.D{}
	for _, f := range s.entity.Fields {
		value, err := toDocument(f, c.columns[f.Column])
		if err != nil {
			return Record{}, err
		}
		if value == nil {
			continue
		}
		doc, written[f.Name] = append(doc, bson.E{Key: f.Name, Value: value}), value
		if f.Kind == KindDecimal {
			order = append(order, bson.E{Key: f.Name, Value: decimalOrderKey(f, value.(string))})
		}
	}
	for _, r := range s.entity.References {
		if v, ok := c.columns[r.Column]; ok && v != nil {
			doc, written[r.Name] = append(doc, bson.E{Key: r.Name, Value: v}), v
		}
	}
	for _, l := range s.entity.Links {
		doc = append(doc, bson.E{Key: l.Name, Value: idSet(c.links[l.Name])})
	}
	if s.entity.Owned {
		doc = append(doc, bson.E{Key: ownerField, Value: ownerOf(ctx)})
	}
	doc = append(doc, bson.E{Key: "createdAt", Value: now}, bson.E{Key: "updatedAt", Value: now})
	if hasDecimals(s.entity) {
		doc = append(doc, bson.E{Key: "_order", Value: order})
	}

	var rec Record
	err = s.inTx(ctx, func(ctx context.Context) error {
		if err := s.checkReferences(ctx, c); err != nil {
			return err
		}
		if _, err := s.collection.InsertOne(ctx, doc); err != nil {
			return err
		}
		rec, err = s.Get(ctx, id.String())
		return err
	})
	if err != nil {
		return Record{}, s.writeError(ctx, err, written, id.String())
	}
	return rec, nil
}

// Update applies a partial update; id lists replace the whole set.
func (s *Store) Update(ctx context.Context, id string, c changes) (Record, error) {
	set := bson.D{{Key: "updatedAt", Value: bson.NewDateTimeFromTime(time.Now())}}
	unset := bson.D{}
	written := bson.M{}
	change := func(key string, value any) {
		if value == nil {
			unset = append(unset, bson.E{Key: key, Value: ""})
			return
		}
		set = append(set, bson.E{Key: key, Value: value})
	}
	for _, f := range s.entity.Fields {
		raw, ok := c.columns[f.Column]
		if !ok {
			continue
		}
		value, err := toDocument(f, raw)
		if err != nil {
			return Record{}, err
		}
		change(f.Name, value)
		written[f.Name] = value
		if f.Kind == KindDecimal {
			var key any
			if value != nil {
				key = decimalOrderKey(f, value.(string))
			}
			change(DecimalOrderKey(f.Name), key)
		}
	}
	for _, r := range s.entity.References {
		if v, ok := c.columns[r.Column]; ok {
			change(r.Name, v)
			written[r.Name] = v
		}
	}
	for _, l := range s.entity.Links {
		if ids, ok := c.links[l.Name]; ok {
			set = append(set, bson.E{Key: l.Name, Value: idSet(ids)})
		}
	}
	update := bson.D{{Key: "$set", Value: set}}
	if len(unset) > 0 {
		update = append(update, bson.E{Key: "$unset", Value: unset})
	}

	var rec Record
	err := s.inTx(ctx, func(ctx context.Context) error {
		if _, err := s.Get(ctx, id); err != nil {
			return err
		}
		if err := s.checkReferences(ctx, c); err != nil {
			return err
		}
		if _, err := s.collection.UpdateOne(ctx, s.scope(ctx, id), update); err != nil {
			return err
		}
		var err error
		rec, err = s.Get(ctx, id)
		return err
	})
	if err != nil {
		return Record{}, s.writeError(ctx, err, written, id)
	}
	return rec, nil
}

// hasDecimals reports whether e's documents carry an `_order` sub-document (see decimalOrderKey).
func hasDecimals(e *Entity) bool {
	return slices.ContainsFunc(e.Fields, func(f Field) bool { return f.Kind == KindDecimal })
}

// idSet is a many-to-many set as stored: each id once, sorted.
func idSet(ids []string) []string {
	set := slices.Clone(ids)
	slices.Sort(set)
	return slices.Compact(set)
}

// Delete removes a document with what it cascades to (integrity.go); documents that restrict it make it a conflict.
func (s *Store) Delete(ctx context.Context, id string) error {
	return s.inTx(ctx, func(ctx context.Context) error {
		err := s.collection.FindOne(ctx, s.scope(ctx, id), options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})).Err()
		if errors.Is(err, mongo.ErrNoDocuments) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("delete %s %s: %w", s.entity.Name, id, err)
		}
		return deleteWithReferences(ctx, s.db, batch{collection: s.entity.Table, ids: []string{id}})
	})
}

// inTx runs fn in a transaction where the server has them, otherwise as it is. Writes are ordered so that a
// process stopped half way leaves no reference to a missing document either way (integrity.go); a transaction
// adds all-or-nothing and isolation from concurrent writers.
func (s *Store) inTx(ctx context.Context, fn func(ctx context.Context) error) error {
	has, err := s.dialect.Transactions(ctx, s.db)
	if err != nil {
		return err
	}
	if !has {
		return fn(ctx)
	}
	session, err := s.db.Client().StartSession()
	if err != nil {
		return fmt.Errorf("start session: %w", err)
	}
	defer session.EndSession(context.WithoutCancel(ctx))
	_, err = session.WithTransaction(ctx, func(ctx context.Context) (any, error) { return nil, fn(ctx) })
	return err
}

// checkReferences answers a key or id list that names a missing document with a 400 naming the field.
func (s *Store) checkReferences(ctx context.Context, c changes) error {
	return c.missingReferences(s.entity, func(collection string, owned bool, ids []string) ([]string, error) {
		return s.missing(ctx, collection, owned, ids)
	})
}

// missing returns the ids that have no document in collection (none of the user's own, when it is owned).
func (s *Store) missing(ctx context.Context, collection string, owned bool, ids []string) ([]string, error) {
	filter := bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}}
	if owned {
		filter = append(filter, bson.E{Key: ownerField, Value: ownerOf(ctx)})
	}
	found, err := idsOf(ctx, s.db.Collection(collection), filter)
	if err != nil {
		return nil, fmt.Errorf("check references in %s: %w", collection, err)
	}
	var missing []string
	for _, id := range ids {
		if !slices.Contains(found, id) {
			missing = append(missing, id)
		}
	}
	return missing, nil
}

// isUniqueViolation reports whether err broke a unique index: E11000, or FerretDB 1.x's internal error carrying
// its SQLite message, which is how it reports an update that does.
func isUniqueViolation(err error) bool {
	if mongo.IsDuplicateKeyError(err) {
		return true
	}
	var server mongo.ServerError
	return errors.As(err, &server) && server.HasErrorCode(1) && server.HasErrorMessage("UNIQUE constraint failed")
}

// writeError turns a unique violation into a 409 naming the fields, and wraps anything that is not already an
// API error. MongoDB names the index in its message; FerretDB does not always, so then the fields are found by
// looking for another document with the value written (written, keyed by document key, of document id).
func (s *Store) writeError(ctx context.Context, err error, written bson.M, id string) error {
	var apiError *Error
	if errors.As(err, &apiError) {
		return err
	}
	if !isUniqueViolation(err) {
		return fmt.Errorf("write %s: %w", s.entity.Name, err)
	}
	type uniqueKey struct{ key, index string }
	var unique []uniqueKey
	for _, f := range s.entity.Fields {
		if f.UniqueIndex != "" {
			unique = append(unique, uniqueKey{f.Name, f.UniqueIndex})
		}
	}
	for _, r := range s.entity.References {
		if r.UniqueIndex != "" {
			unique = append(unique, uniqueKey{r.Name, r.UniqueIndex})
		}
	}
	message := err.Error()
	named := func(index string) bool { return strings.Contains(message, index) }
	var fields []FieldError
	for _, u := range unique {
		// One index name can hold another (uq_t_sku in uq_t_sku_label); the message names the longer one only.
		shadowed := slices.ContainsFunc(unique, func(o uniqueKey) bool { return o != u && named(o.index) && strings.Contains(o.index, u.index) })
		if named(u.index) && !shadowed {
			fields = append(fields, FieldError{Field: u.key, Message: "is already taken"})
		}
	}
	if fields == nil {
		for _, u := range unique {
			value, ok := written[u.key]
			if !ok || value == nil {
				continue
			}
			n, lookupErr := s.collection.CountDocuments(ctx, bson.D{{Key: u.key, Value: value}, {Key: "_id", Value: bson.D{{Key: "$ne", Value: id}}}}, options.Count().SetLimit(1))
			if lookupErr != nil {
				return fmt.Errorf("write %s: %w", s.entity.Name, errors.Join(err, lookupErr))
			}
			if n > 0 {
				fields = append(fields, FieldError{Field: u.key, Message: "is already taken"})
			}
		}
	}
	return &Error{Status: http.StatusConflict, Detail: "A resource with the same unique value already exists.", Fields: fields}
}

// CreateFromBody validates body as a POST does and inserts it: the seed command's way in, so that sample rows
// pass the same checks as the API's.
func (s *Store) CreateFromBody(ctx context.Context, body map[string]any) (Record, error) {
	input, problem := s.entity.parseInput(body, true)
	if problem != nil {
		return Record{}, problem
	}
	return s.Create(ctx, input)
}
