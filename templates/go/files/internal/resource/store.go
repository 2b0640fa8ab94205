package resource

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
)

// Store reads and writes the rows of one entity.
type Store struct {
	db      DB
	dialect Dialect
	entity  *Entity
	// selectFrom is "SELECT <every column> FROM <table>", quoted once here rather than on every read.
	selectFrom string
	// columnFields describes each column of selectFrom: the id, the fields, the keys (ids), the timestamps.
	columnFields []Field
	// selectByID is selectFrom narrowed to one id and, for an owned entity, to its owner's rows ($1, $2), built
	// once here rather than on every GET by id.
	selectByID string
	// readers recycles rowReaders (their cells and scan destinations) from one request to the next.
	readers sync.Pool
}

// NewStore returns the store of entity e in db.
func NewStore(db DB, dialect Dialect, e *Entity) *Store {
	s := &Store{db: db, dialect: dialect, entity: e}
	cols := e.columns()
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = s.q(c)
	}
	s.selectFrom = "SELECT " + strings.Join(quoted, ", ") + " FROM " + s.q(e.Table)
	s.columnFields = append(s.columnFields, idField)
	s.columnFields = append(s.columnFields, e.Fields...)
	for range e.References {
		s.columnFields = append(s.columnFields, idField)
	}
	s.columnFields = append(s.columnFields, timestamp, timestamp)
	byID := s.newStatement().write(s.selectFrom, " WHERE ", s.q("id"), " = ").bind(nil)
	if e.Owned {
		byID.write(" AND ", s.q(ownerColumn), " = ").bind(nil)
	}
	s.selectByID = byID.text.String()
	s.readers.New = func() any { return s.newRowReader() }
	return s
}

// ownerColumn holds the account that created a row of an owned entity.
const ownerColumn = "owner_user_id"

var timestamp = Field{Kind: KindDatetime}

// statement builds SQL text with the dialect's placeholders, keeping the arguments in step.
type statement struct {
	dialect Dialect
	text    strings.Builder
	args    []any
}

func (s *statement) write(parts ...string) *statement {
	for _, p := range parts {
		s.text.WriteString(p)
	}
	return s
}

func (s *statement) bind(value any) *statement {
	s.args = append(s.args, value)
	s.text.WriteString(s.dialect.Placeholder(len(s.args)))
	return s
}

func (s *Store) newStatement() *statement { return &statement{dialect: s.dialect} }

func (s *Store) q(identifier string) string { return s.dialect.Quote(identifier) }

// rowReader reads rows of selectFrom into Records (their id lists empty until loadLinks fills them in). Its
// cells, the dialect's scan destinations in the order of columns(), serve row after row and, through the
// store's pool, request after request: read copies each row's values out of them.
type rowReader struct {
	entity *Entity
	cells  []Cell
	dest   []any
}

func (s *Store) newRowReader() *rowReader {
	n := len(s.columnFields)
	r := &rowReader{entity: s.entity, cells: make([]Cell, n), dest: make([]any, n)}
	for i, f := range s.columnFields {
		r.cells[i] = s.dialect.NewCell(f)
		r.dest[i] = r.cells[i].Dest()
	}
	return r
}

// reader takes a rowReader from the pool; hand it back with s.readers.Put once its rows are read.
func (s *Store) reader() *rowReader { return s.readers.Get().(*rowReader) }

func (r *rowReader) read(row Row) (Record, error) {
	if err := row.Scan(r.dest...); err != nil {
		return Record{}, err
	}
	// The id lists stand between the keys and the two timestamps, as in Entity.wireKeys.
	values := make([]any, 0, len(r.cells)+len(r.entity.Links))
	timestamps := len(r.cells) - 2
	for _, c := range r.cells[:timestamps] {
		values = append(values, c.Value())
	}
	for range r.entity.Links {
		values = append(values, []string{})
	}
	for _, c := range r.cells[timestamps:] {
		values = append(values, c.Value())
	}
	return Record{entity: r.entity, values: values}, nil
}

// loadLinks fills in every many-to-many id list of the records, sorted.
func (s *Store) loadLinks(ctx context.Context, q Querier, records []Record) error {
	if len(records) == 0 {
		return nil
	}
	byID := make(map[string]Record, len(records))
	for _, r := range records {
		byID[r.ID()] = r
	}
	for j, l := range s.entity.Links {
		slot := s.entity.linkSlot(j)
		st := s.newStatement().write("SELECT ", s.q(l.SourceColumn), ", ", s.q(l.TargetColumn), " FROM ", s.q(l.JoinTable), " WHERE ", s.q(l.SourceColumn), " IN (")
		for i, r := range records {
			if i > 0 {
				st.write(", ")
			}
			st.bind(r.ID())
		}
		st.write(") ORDER BY ", s.q(l.TargetColumn))
		rows, err := q.Query(ctx, st.text.String(), st.args...)
		if err != nil {
			return fmt.Errorf("load %s.%s: %w", s.entity.Name, l.Name, err)
		}
		for rows.Next() {
			var source, target string
			if err := rows.Scan(&source, &target); err != nil {
				rows.Close()
				return fmt.Errorf("load %s.%s: %w", s.entity.Name, l.Name, err)
			}
			rec := byID[source]
			rec.values[slot] = append(rec.values[slot].([]string), target)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("load %s.%s: %w", s.entity.Name, l.Name, err)
		}
	}
	return nil
}

// Get returns the record with the given id, or ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (Record, error) {
	return s.get(ctx, s.db, id)
}

func (s *Store) get(ctx context.Context, q Querier, id string) (Record, error) {
	args := []any{id}
	if s.entity.Owned {
		args = append(args, ownerOf(ctx))
	}
	reader := s.reader()
	rec, err := reader.read(q.QueryRow(ctx, s.selectByID, args...))
	s.readers.Put(reader)
	if errors.Is(err, sql.ErrNoRows) {
		return Record{}, ErrNotFound
	}
	if err != nil {
		return Record{}, fmt.Errorf("get %s %s: %w", s.entity.Name, id, err)
	}
	if err := s.loadLinks(ctx, q, []Record{rec}); err != nil {
		return Record{}, err
	}
	return rec, nil
}

// List returns one page of the records that match the query's filters, in its order.
func (s *Store) List(ctx context.Context, query ListQuery) (Page, error) {
	where := s.newStatement()
	if s.entity.Owned {
		where.write(" WHERE ", s.q(ownerColumn), " = ").bind(ownerOf(ctx))
	}
	for _, filter := range query.Filters {
		if len(where.args) == 0 {
			where.write(" WHERE ")
		} else {
			where.write(" AND ")
		}
		value, err := s.dialect.ToColumn(filter.Field, filter.Value)
		if err != nil {
			return Page{}, err
		}
		where.write(s.q(filter.Column), " = ").bind(value)
	}

	var total int64
	count := "SELECT COUNT(*) FROM " + s.q(s.entity.Table) + where.text.String()
	if err := s.db.QueryRow(ctx, count, where.args...).Scan(&total); err != nil {
		return Page{}, fmt.Errorf("count %s: %w", s.entity.Name, err)
	}

	st := s.newStatement()
	st.args = slices.Clone(where.args)
	sortBy := s.q(query.Sort.Column)
	if query.Sort.Field != nil {
		sortBy = s.dialect.SortExpr(*query.Sort.Field, sortBy)
	}
	direction := " ASC"
	if query.Sort.Descending {
		direction = " DESC"
	}
	st.write(s.selectFrom, where.text.String(),
		" ORDER BY (", s.q(query.Sort.Column), " IS NULL), ", sortBy, direction, ", ", s.q("id"), " ASC LIMIT ")
	st.bind(query.Limit).write(" OFFSET ").bind(query.Offset)

	rows, err := s.db.Query(ctx, st.text.String(), st.args...)
	if err != nil {
		return Page{}, fmt.Errorf("list %s: %w", s.entity.Name, err)
	}
	defer rows.Close()
	items := []Record{}
	reader := s.reader()
	defer s.readers.Put(reader)
	for rows.Next() {
		rec, err := reader.read(rows)
		if err != nil {
			return Page{}, fmt.Errorf("list %s: %w", s.entity.Name, err)
		}
		items = append(items, rec)
	}
	if err := rows.Err(); err != nil {
		return Page{}, fmt.Errorf("list %s: %w", s.entity.Name, err)
	}
	if err := s.loadLinks(ctx, s.db, items); err != nil {
		return Page{}, err
	}
	return Page{Items: items, Total: total, Limit: query.Limit, Offset: query.Offset}, nil
}

// Create inserts a new record from validated input.
func (s *Store) Create(ctx context.Context, c changes) (Record, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return Record{}, fmt.Errorf("new id: %w", err)
	}
	now, err := s.now()
	if err != nil {
		return Record{}, err
	}
	var rec Record
	err = s.db.InTx(ctx, func(tx Querier) error {
		if err := s.checkReferences(ctx, tx, c); err != nil {
			return err
		}
		cols := []string{"id"}
		values := []any{id.String()}
		for _, f := range s.entity.Fields {
			if v, ok := c.columns[f.Column]; ok {
				bound, err := s.dialect.ToColumn(f, v)
				if err != nil {
					return err
				}
				cols, values = append(cols, f.Column), append(values, bound)
			}
		}
		for _, r := range s.entity.References {
			if v, ok := c.columns[r.Column]; ok {
				cols, values = append(cols, r.Column), append(values, v)
			}
		}
		if s.entity.Owned {
			cols, values = append(cols, ownerColumn), append(values, ownerOf(ctx))
		}
		cols, values = append(cols, "created_at", "updated_at"), append(values, now, now)

		st := s.newStatement().write("INSERT INTO ", s.q(s.entity.Table), " (")
		for i, col := range cols {
			if i > 0 {
				st.write(", ")
			}
			st.write(s.q(col))
		}
		st.write(") VALUES (")
		for i, v := range values {
			if i > 0 {
				st.write(", ")
			}
			st.bind(v)
		}
		st.write(")")
		if _, err := tx.Exec(ctx, st.text.String(), st.args...); err != nil {
			return s.writeError(err)
		}
		if err := s.replaceLinks(ctx, tx, id.String(), c.links); err != nil {
			return err
		}
		rec, err = s.get(ctx, tx, id.String())
		return err
	})
	return rec, err
}

// Update applies a partial update; ids lists replace the whole set.
func (s *Store) Update(ctx context.Context, id string, c changes) (Record, error) {
	var rec Record
	err := s.db.InTx(ctx, func(tx Querier) error {
		if _, err := s.get(ctx, tx, id); err != nil {
			return err
		}
		if err := s.checkReferences(ctx, tx, c); err != nil {
			return err
		}
		now, err := s.now()
		if err != nil {
			return err
		}
		st := s.newStatement().write("UPDATE ", s.q(s.entity.Table), " SET ", s.q("updated_at"), " = ").bind(now)
		for _, f := range s.entity.Fields {
			if v, ok := c.columns[f.Column]; ok {
				bound, err := s.dialect.ToColumn(f, v)
				if err != nil {
					return err
				}
				st.write(", ", s.q(f.Column), " = ").bind(bound)
			}
		}
		for _, r := range s.entity.References {
			if v, ok := c.columns[r.Column]; ok {
				st.write(", ", s.q(r.Column), " = ").bind(v)
			}
		}
		st.write(" WHERE ", s.q("id"), " = ").bind(id)
		if _, err := tx.Exec(ctx, st.text.String(), st.args...); err != nil {
			return s.writeError(err)
		}
		if err := s.replaceLinks(ctx, tx, id, c.links); err != nil {
			return err
		}
		rec, err = s.get(ctx, tx, id)
		return err
	})
	return rec, err
}

// now is the current time, to the millisecond the API shows, as bound for a timestamp column.
func (s *Store) now() (any, error) {
	return s.dialect.ToColumn(timestamp, time.Now().UTC().Format(DatetimeLayout))
}

// Delete removes a record and its many-to-many links; rows that still reference it make it a conflict.
func (s *Store) Delete(ctx context.Context, id string) error {
	st := s.newStatement().write("DELETE FROM ", s.q(s.entity.Table), " WHERE ", s.q("id"), " = ").bind(id)
	s.scopeToOwner(ctx, st)
	n, err := s.db.Exec(ctx, st.text.String(), st.args...)
	if err != nil {
		if s.dialect.IsForeignKeyViolation(err) {
			return &Error{Status: http.StatusConflict, Detail: "The resource is still referenced by other resources; delete or change those first."}
		}
		return fmt.Errorf("delete %s %s: %w", s.entity.Name, id, err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// scopeToOwner narrows a statement that ends in a WHERE clause to the user's rows, for owned entities.
func (s *Store) scopeToOwner(ctx context.Context, st *statement) {
	if s.entity.Owned {
		st.write(" AND ", s.q(ownerColumn), " = ").bind(ownerOf(ctx))
	}
}

// checkReferences answers a key or id list that names a missing row with a 400 naming the field.
func (s *Store) checkReferences(ctx context.Context, q Querier, c changes) error {
	return c.missingReferences(s.entity, func(table string, owned bool, ids []string) ([]string, error) {
		return s.missing(ctx, q, table, owned, ids)
	})
}

// missing returns the ids that have no row in table (none of the user's own, when the table is owned).
func (s *Store) missing(ctx context.Context, q Querier, table string, owned bool, ids []string) ([]string, error) {
	st := s.newStatement().write("SELECT ", s.q("id"), " FROM ", s.q(table), " WHERE ", s.q("id"), " IN (")
	for i, id := range ids {
		if i > 0 {
			st.write(", ")
		}
		st.bind(id)
	}
	st.write(")")
	if owned {
		st.write(" AND ", s.q(ownerColumn), " = ").bind(ownerOf(ctx))
	}
	rows, err := q.Query(ctx, st.text.String(), st.args...)
	if err != nil {
		return nil, fmt.Errorf("check references in %s: %w", table, err)
	}
	defer rows.Close()
	found := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		found[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var missing []string
	for _, id := range ids {
		if !found[id] {
			missing = append(missing, id)
		}
	}
	return missing, nil
}

func (s *Store) replaceLinks(ctx context.Context, tx Querier, id string, links map[string][]string) error {
	for _, l := range s.entity.Links {
		ids, ok := links[l.Name]
		if !ok {
			continue
		}
		del := s.newStatement().write("DELETE FROM ", s.q(l.JoinTable), " WHERE ", s.q(l.SourceColumn), " = ").bind(id)
		if _, err := tx.Exec(ctx, del.text.String(), del.args...); err != nil {
			return fmt.Errorf("replace %s.%s: %w", s.entity.Name, l.Name, err)
		}
		for _, target := range ids {
			ins := s.newStatement().write("INSERT INTO ", s.q(l.JoinTable), " (", s.q(l.SourceColumn), ", ", s.q(l.TargetColumn), ") VALUES (").bind(id).write(", ").bind(target).write(")")
			if _, err := tx.Exec(ctx, ins.text.String(), ins.args...); err != nil {
				return s.writeError(err)
			}
		}
	}
	return nil
}

// writeError turns a unique violation into a 409 naming the field, a foreign key failure (a race with a
// delete after checkReferences) into a 400, and wraps anything else.
func (s *Store) writeError(err error) error {
	switch {
	case s.dialect.IsUniqueViolation(err):
		names, _ := s.dialect.UniqueViolation(err)
		violated := func(index, column string) bool {
			return index != "" && (slices.Contains(names, index) || slices.Contains(names, s.entity.Table+"."+column))
		}
		var fields []FieldError
		for _, f := range s.entity.Fields {
			if violated(f.UniqueIndex, f.Column) {
				fields = append(fields, FieldError{Field: f.Name, Message: "is already taken"})
			}
		}
		for _, r := range s.entity.References {
			if violated(r.UniqueIndex, r.Column) {
				fields = append(fields, FieldError{Field: r.Name, Message: "is already taken"})
			}
		}
		return &Error{Status: http.StatusConflict, Detail: "A resource with the same unique value already exists.", Fields: fields}
	case s.dialect.IsForeignKeyViolation(err):
		return invalid(errMissingReference, nil)
	}
	return fmt.Errorf("write %s: %w", s.entity.Name, err)
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

// columns lists the entity's own columns in wire order, id first and timestamps last.
func (e *Entity) columns() []string {
	cols := []string{"id"}
	for _, f := range e.Fields {
		cols = append(cols, f.Column)
	}
	for _, r := range e.References {
		cols = append(cols, r.Column)
	}
	return append(cols, "created_at", "updated_at")
}

// linkSlot is where the j-th id list stands in a record's values.
func (e *Entity) linkSlot(j int) int { return 1 + len(e.Fields) + len(e.References) + j }
