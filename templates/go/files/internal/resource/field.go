package resource

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dlclark/regexp2"
	"github.com/google/uuid"
)

// Kind is a field type of backend.yaml.
type Kind int

const (
	KindString Kind = iota
	KindText
	KindInteger
	KindBigint
	KindNumber
	KindDecimal
	KindBoolean
	KindDate
	KindDatetime
	KindUUID
	KindEmail
	KindURL
	KindEnum
	KindJSON
)

// DateLayout and DatetimeLayout are the wire formats of date and datetime values.
const (
	DateLayout     = "2006-01-02"
	DatetimeLayout = "2006-01-02T15:04:05.000Z07:00"
)

// maxSafeInteger is the largest integer a JSON client written in JavaScript reads exactly.
const maxSafeInteger = 1<<53 - 1

// Field describes one field of an entity: its wire name, column and every constraint of backend.yaml.
type Field struct {
	Name     string
	Column   string
	Kind     Kind
	Required bool
	// UniqueIndex names the unique index on the column ("" when the field is not unique), so that a
	// violation is reported on this field.
	UniqueIndex string
	Default     string // JSON text of the value a create applies when the field is left out; "" for none
	Min, Max    *float64
	MinLength   int // 0 for none
	MaxLength   int // 0 for none
	Pattern     *regexp2.Regexp
	Values      []string // enum
	Precision   int      // decimal
	Scale       int      // decimal
}

// Bound returns a pointer to v, for Field.Min and Field.Max.
func Bound(v float64) *float64 { return &v }

// Pattern compiles a field's pattern as ECMAScript, the dialect of backend.yaml and of the OpenAPI document's
// `pattern` (lookaheads included, which Go's regexp lacks). A backtracking engine can be made to run long, so
// a match gives up after patternTimeout and the value is refused.
func Pattern(expr string) *regexp2.Regexp {
	re := regexp2.MustCompile(expr, regexp2.ECMAScript)
	re.MatchTimeout = patternTimeout
	return re
}

const patternTimeout = 100 * time.Millisecond

// Filterable reports whether the field may be used as an equality filter (?field=value).
func (f Field) Filterable() bool {
	return f.Kind != KindJSON && f.Name != "limit" && f.Name != "offset" && f.Name != "sort"
}

// Sortable reports whether the field may be named in ?sort=.
func (f Field) Sortable() bool { return f.Kind != KindJSON }

// shape names what a value must look like when its JSON type alone does not say.
func (f Field) shape() string {
	switch f.Kind {
	case KindDecimal:
		return fmt.Sprintf("must be a decimal number with at most %d digits, %d after the point", f.Precision, f.Scale)
	case KindEnum:
		return "must be one of: " + strings.Join(f.Values, ", ")
	case KindUUID:
		return "must be a UUID"
	case KindDate:
		return "must be a date (YYYY-MM-DD)"
	case KindDatetime:
		return "must be an RFC 3339 date-time"
	}
	return "must be a string"
}

// Parse checks one JSON value of the field (decoded with UseNumber) and returns its canonical wire value:
// strings as given (UUIDs in lower case), integers as int64, numbers as float64, decimals as text with
// exactly Scale fraction digits, datetimes in UTC with milliseconds. A nil value is returned as nil when
// the field is optional. Every problem is one message, worded as on every other stack.
func (f Field) Parse(value any) (any, []string) {
	if value == nil {
		if f.Required {
			return nil, []string{"must not be null"}
		}
		return nil, nil
	}
	switch f.Kind {
	case KindInteger, KindBigint:
		return f.parseInteger(value)
	case KindNumber:
		return f.parseNumber(value)
	case KindDecimal:
		return f.parseDecimal(value)
	case KindBoolean:
		if b, ok := value.(bool); ok {
			return b, nil
		}
		return nil, []string{"must be a boolean"}
	case KindJSON:
		return value, nil
	}
	s, ok := value.(string)
	if !ok {
		return nil, []string{f.shape()}
	}
	return f.parseText(s)
}

func (f Field) parseText(s string) (any, []string) {
	var problems []string
	switch f.Kind {
	case KindEnum:
		for _, v := range f.Values {
			if s == v {
				return s, nil
			}
		}
		return nil, []string{f.shape()}
	case KindUUID:
		id, err := uuid.Parse(s)
		if err != nil || len(s) != 36 {
			return nil, []string{f.shape()}
		}
		return id.String(), nil
	case KindDate:
		if _, err := time.Parse(DateLayout, s); err != nil {
			return nil, []string{f.shape()}
		}
		return s, nil
	case KindDatetime:
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, []string{f.shape()}
		}
		return t.UTC().Format(DatetimeLayout), nil
	case KindEmail:
		if !emailText.MatchString(s) {
			problems = append(problems, "must be an email address")
		}
	case KindURL:
		if !urlText.MatchString(s) {
			problems = append(problems, "must be a URL")
		}
	}
	length := utf8.RuneCountInString(s)
	if f.MinLength > 0 && length < f.MinLength {
		problems = append(problems, fmt.Sprintf("must be at least %d characters", f.MinLength))
	}
	if f.MaxLength > 0 && length > f.MaxLength {
		problems = append(problems, fmt.Sprintf("must be at most %d characters", f.MaxLength))
	}
	if f.Pattern != nil {
		if matched, err := f.Pattern.MatchString(s); !matched || err != nil {
			problems = append(problems, "must match the pattern "+f.Pattern.String())
		}
	}
	if problems != nil {
		return nil, problems
	}
	return s, nil
}

func (f Field) parseInteger(value any) (any, []string) {
	n, ok := value.(json.Number)
	if !ok {
		return nil, []string{"must be an integer"}
	}
	i, err := strconv.ParseInt(n.String(), 10, 64)
	if err != nil {
		// 1.0 and 1e3 are integers too.
		v, ferr := n.Float64()
		if ferr != nil || v != math.Trunc(v) || math.Abs(v) > maxSafeInteger {
			return nil, []string{"must be an integer"}
		}
		i = int64(v)
	}
	lo, hi := int64(-maxSafeInteger), int64(maxSafeInteger)
	if f.Kind == KindInteger {
		lo, hi = math.MinInt32, math.MaxInt32
	}
	if i < lo {
		return nil, []string{"must be at least " + strconv.FormatInt(lo, 10)}
	}
	if i > hi {
		return nil, []string{"must be at most " + strconv.FormatInt(hi, 10)}
	}
	if problem := f.checkBounds(new(big.Rat).SetInt64(i)); problem != "" {
		return nil, []string{problem}
	}
	return i, nil
}

func (f Field) parseNumber(value any) (any, []string) {
	n, ok := value.(json.Number)
	if !ok {
		return nil, []string{"must be a number"}
	}
	v, err := n.Float64()
	if err != nil || math.IsInf(v, 0) {
		return nil, []string{"must be a number"}
	}
	if problem := f.checkBounds(new(big.Rat).SetFloat64(v)); problem != "" {
		return nil, []string{problem}
	}
	return v, nil
}

// parseDecimal takes a JSON string or number and returns the exact value as text with Scale fraction digits.
func (f Field) parseDecimal(value any) (any, []string) {
	var text string
	switch v := value.(type) {
	case string:
		text = v
	case json.Number:
		text = v.String()
	default:
		return nil, []string{f.shape()}
	}
	if !decimalText.MatchString(text) {
		return nil, []string{f.shape()}
	}
	whole, fraction, _ := strings.Cut(strings.TrimLeft(text, "+-"), ".")
	whole = strings.TrimLeft(whole, "0")
	fraction = strings.TrimRight(fraction, "0")
	if len(fraction) > f.Scale || len(whole) > f.Precision-f.Scale {
		return nil, []string{f.shape()}
	}
	r, _ := new(big.Rat).SetString(text)
	if problem := f.checkBounds(r); problem != "" {
		return nil, []string{problem}
	}
	return r.FloatString(f.Scale), nil
}

var decimalText = regexp.MustCompile(`^[+-]?\d+(\.\d+)?$`)

func (f Field) checkBounds(v *big.Rat) string {
	if f.Min != nil && v.Cmp(new(big.Rat).SetFloat64(*f.Min)) < 0 {
		return "must be at least " + formatBound(*f.Min)
	}
	if f.Max != nil && v.Cmp(new(big.Rat).SetFloat64(*f.Max)) > 0 {
		return "must be at most " + formatBound(*f.Max)
	}
	return ""
}

func formatBound(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
