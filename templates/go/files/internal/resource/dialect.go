package resource

import (
	"encoding/json"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// Dialect is what differs between the SQL databases: identifier quoting, placeholders, how a value of each
// kind is stored, and how constraint violations are reported.
type Dialect struct {
	// Placeholder is the n-th (1-based) bind parameter.
	Placeholder func(n int) string
	Quote       func(identifier string) string
	// SortExpr orders a column by value (SQLite keeps decimals as text, which would sort as text).
	SortExpr              func(f Field, quoted string) string
	IsUniqueViolation     func(err error) bool
	IsForeignKeyViolation func(err error) bool
	// ToColumn turns a canonical wire value into the value bound for its column.
	ToColumn func(f Field, value any) (any, error)
}

// SQLite stores booleans as 0/1 and decimals, dates, datetimes and JSON as text.
var SQLite = Dialect{
	Placeholder: func(int) string { return "?" },
	Quote:       func(id string) string { return `"` + strings.ReplaceAll(id, `"`, `""`) + `"` },
	SortExpr: func(f Field, quoted string) string {
		if f.Kind == KindDecimal {
			return "CAST(" + quoted + " AS REAL)"
		}
		return quoted
	},
	IsUniqueViolation: func(err error) bool { return strings.Contains(err.Error(), "UNIQUE constraint failed") },
	IsForeignKeyViolation: func(err error) bool {
		return strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
	},
	ToColumn: func(f Field, value any) (any, error) {
		switch v := value.(type) {
		case nil:
			return nil, nil
		case bool:
			if v {
				return int64(1), nil
			}
			return int64(0), nil
		}
		if f.Kind == KindJSON {
			text, err := json.Marshal(value)
			return string(text), err
		}
		return value, nil
	},
}

// fromColumn turns what the driver scanned into the field's canonical wire value.
func fromColumn(f Field, value any) any {
	if b, ok := value.([]byte); ok {
		value = string(b)
	}
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
