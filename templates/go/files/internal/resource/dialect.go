package resource

import (
	"encoding/json"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// Dialect is what differs between the SQL databases: identifier quoting, placeholders, how a value of each
// kind is stored, and how constraint violations are reported. The database package defines the one its
// driver speaks.
type Dialect struct {
	// Placeholder is the n-th (1-based) bind parameter.
	Placeholder func(n int) string
	Quote       func(identifier string) string
	// SortExpr orders a column by value (SQLite keeps decimals as text, which would sort as text).
	SortExpr func(f Field, quoted string) string
	// UniqueViolation reports whether err broke a unique index, and the names the driver gives for it: the
	// index on PostgreSQL and MySQL, "table.column" on SQLite.
	UniqueViolation       func(err error) (names []string, ok bool)
	IsForeignKeyViolation func(err error) bool
	// ToColumn turns a canonical wire value into the value bound for its column.
	ToColumn func(f Field, value any) (any, error)
	// NewCell returns the scan destination of a column of f in the form the driver decodes directly.
	NewCell func(f Field) Cell
}

// Cell receives one column of row after row and gives the field's canonical wire value of the last one. A
// driver decodes into some destinations directly and into others through conversions (pgx turns every value
// into a driver.Value for a sql.Scanner), so each dialect picks its own.
type Cell interface {
	// Dest is what a row's Scan fills in.
	Dest() any
	// Value is the wire value of what Dest received last, sharing no memory with the driver's buffers.
	Value() any
}

// ScannedColumn is the cell of database/sql's drivers (SQLite, MySQL): a sql.Scanner that keeps the value as
// database/sql hands it over (every integer as int64, text as string or []byte), which fromColumn reads.
func ScannedColumn(f Field) Cell { return &scannedColumn{field: f} }

type scannedColumn struct {
	field Field
	value any
}

func (c *scannedColumn) Dest() any { return c }

// Scan copies text out of the driver's buffer, which the next row overwrites.
func (c *scannedColumn) Scan(src any) error {
	if b, ok := src.([]byte); ok {
		src = string(b)
	}
	c.value = src
	return nil
}

func (c *scannedColumn) Value() any { return fromColumn(c.field, c.value) }

// IsUniqueViolation reports whether err broke a unique index.
func (d Dialect) IsUniqueViolation(err error) bool {
	_, ok := d.UniqueViolation(err)
	return ok
}

// QuoteDouble quotes an identifier the standard SQL way (PostgreSQL, SQLite).
func QuoteDouble(id string) string { return `"` + strings.ReplaceAll(id, `"`, `""`) + `"` }

// SortByValue orders a column as it is: its type orders by value.
func SortByValue(_ Field, quoted string) string { return quoted }

// ServerColumn binds a wire value for a database with typed columns (PostgreSQL, MySQL): datetimes as
// time.Time, so the driver writes an instant whatever the column's text format; JSON as its text; every
// other value (decimals as exact text, dates as YYYY-MM-DD, booleans, integers) as it is.
func ServerColumn(f Field, value any) (any, error) {
	if value == nil {
		return nil, nil
	}
	switch f.Kind {
	case KindDatetime:
		if s, ok := value.(string); ok {
			return time.Parse(time.RFC3339Nano, s)
		}
	case KindJSON:
		text, err := json.Marshal(value)
		return string(text), err
	}
	return value, nil
}

// fromColumn turns what a database/sql driver scanned (see scannedColumn: text arrives as a string) into the
// field's canonical wire value.
func fromColumn(f Field, value any) any {
	if value == nil {
		return nil
	}
	switch f.Kind {
	case KindInteger, KindBigint:
		switch v := value.(type) {
		case int64:
			return v
		case string:
			i, _ := strconv.ParseInt(v, 10, 64)
			return i
		}
	case KindNumber:
		switch v := value.(type) {
		case float64:
			return v
		case int64:
			return float64(v)
		case string:
			n, _ := strconv.ParseFloat(v, 64)
			return n
		}
	case KindDecimal:
		r := new(big.Rat)
		switch v := value.(type) {
		case string:
			r.SetString(v)
		case float64:
			r.SetFloat64(v)
		case int64:
			r.SetInt64(v)
		}
		return r.FloatString(f.Scale)
	case KindBoolean:
		switch v := value.(type) {
		case bool:
			return v
		case int64:
			return v != 0
		case string: // MySQL's text protocol sends a TINYINT(1) as "0" or "1"
			return v != "0"
		}
	case KindDate:
		switch v := value.(type) {
		case time.Time:
			return v.Format(DateLayout)
		case string:
			return v[:min(len(v), len(DateLayout))]
		}
	case KindDatetime:
		switch v := value.(type) {
		case time.Time:
			return v.UTC().Format(DatetimeLayout)
		case string:
			if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
				return t.UTC().Format(DatetimeLayout)
			}
			return v
		}
	case KindJSON:
		if s, ok := value.(string); ok {
			return json.RawMessage(s)
		}
	}
	return value
}
