package resource

import (
	"context"
	"fmt"
	"net/http"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// What a foreign key's ON DELETE does on SQL databases, done by the application: MongoDB has no foreign keys.
// A delete is planned first (the documents it cascades to, and whether a restricting reference blocks it), then
// applied children first, each batch after the references to it are removed, so that a process stopped half
// way leaves some of the cascade done but never a reference to a missing document. Where the server has
// transactions (a replica set) the whole delete is one (Store.inTx); without them (a standalone server,
// FerretDB) a write that adds a reference between the plan and the delete can still leave one dangling.

// onDelete is what deleting a referenced document does to a referencing one.
type onDelete int

const (
	restrict onDelete = iota // refuse the delete (409)
	cascade                  // delete the referencing document too
	setNull                  // remove the reference from it
	unlink                   // pull the id from its many-to-many array
)

// inboundReference is a field of collection holding ids of the collection it is listed under (references.go).
type inboundReference struct {
	collection string
	field      string
	onDelete   onDelete
}

// batch is a set of documents of one collection that a delete removes.
type batch struct {
	collection string
	ids        []string
}

var errStillReferenced = &Error{Status: http.StatusConflict, Detail: "The resource is still referenced by other resources; delete or change those first."}

// deleteWithReferences deletes root's documents with everything they cascade to, or refuses with a 409 when a
// document outside the cascade restricts it.
func deleteWithReferences(ctx context.Context, db *mongo.Database, root batch) error {
	batches, err := plan(ctx, db, root)
	if err != nil {
		return err
	}
	for i := len(batches) - 1; i >= 0; i-- {
		if err := remove(ctx, db, batches[i]); err != nil {
			return err
		}
	}
	return nil
}

// plan lists the batches a delete removes, root first.
func plan(ctx context.Context, db *mongo.Database, root batch) ([]batch, error) {
	batches := []batch{root}
	planned := map[string]map[string]bool{root.collection: set(root.ids)}
	type document struct{ collection, id string }
	var restricting []document
	for i := 0; i < len(batches); i++ {
		b := batches[i]
		for _, ref := range referencedBy[b.collection] {
			if ref.onDelete != cascade && ref.onDelete != restrict {
				continue
			}
			referencing, err := idsOf(ctx, db.Collection(ref.collection), bson.D{{Key: ref.field, Value: bson.D{{Key: "$in", Value: b.ids}}}})
			if err != nil {
				return nil, fmt.Errorf("plan delete from %s: %w", ref.collection, err)
			}
			if ref.onDelete == restrict {
				for _, id := range referencing {
					restricting = append(restricting, document{ref.collection, id})
				}
				continue
			}
			seen := planned[ref.collection]
			if seen == nil {
				seen = map[string]bool{}
				planned[ref.collection] = seen
			}
			var fresh []string
			for _, id := range referencing {
				if !seen[id] {
					seen[id] = true
					fresh = append(fresh, id)
				}
			}
			if fresh != nil {
				batches = append(batches, batch{collection: ref.collection, ids: fresh})
			}
		}
	}
	// A restricting document that the same delete cascades to is going anyway.
	for _, d := range restricting {
		if !planned[d.collection][d.id] {
			return nil, errStillReferenced
		}
	}
	return batches, nil
}

// remove clears the references to a batch (set-null, unlink), then deletes it.
func remove(ctx context.Context, db *mongo.Database, b batch) error {
	for _, ref := range referencedBy[b.collection] {
		filter := bson.D{{Key: ref.field, Value: bson.D{{Key: "$in", Value: b.ids}}}}
		var update bson.D
		switch ref.onDelete {
		case setNull:
			update = bson.D{{Key: "$unset", Value: bson.D{{Key: ref.field, Value: ""}}}}
		case unlink:
			update = bson.D{{Key: "$pullAll", Value: bson.D{{Key: ref.field, Value: b.ids}}}}
		default:
			continue
		}
		if _, err := db.Collection(ref.collection).UpdateMany(ctx, filter, update); err != nil {
			return fmt.Errorf("clear references in %s.%s: %w", ref.collection, ref.field, err)
		}
	}
	if _, err := db.Collection(b.collection).DeleteMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: b.ids}}}}); err != nil {
		return fmt.Errorf("delete from %s: %w", b.collection, err)
	}
	return nil
}

// idsOf returns the ids of the documents of collection that match filter.
func idsOf(ctx context.Context, collection *mongo.Collection, filter bson.D) ([]string, error) {
	cursor, err := collection.Find(ctx, filter, options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, err
	}
	var docs []struct {
		ID string `bson:"_id"`
	}
	if err := cursor.All(ctx, &docs); err != nil {
		return nil, err
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return ids, nil
}

func set(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}
