package resource

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Dialect is what differs between MongoDB deployments: multi-document transactions need a replica set or a
// sharded cluster (MongoDB Atlas, a production deployment); a standalone server or FerretDB has none. The
// server's `hello` says which, asked on the first write and remembered once it has answered.
type Dialect struct {
	transactions *transactionSupport
}

// NewDialect returns the dialect of one database handle.
func NewDialect() Dialect { return Dialect{transactions: &transactionSupport{}} }

type transactionSupport struct {
	mu    sync.Mutex
	known bool
	has   bool
}

// Transactions reports whether the server behind db runs multi-document transactions.
func (d Dialect) Transactions(ctx context.Context, db *mongo.Database) (bool, error) {
	t := d.transactions
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.known {
		return t.has, nil
	}
	var hello struct {
		SetName string `bson:"setName"`
		Msg     string `bson:"msg"`
	}
	if err := db.RunCommand(ctx, bson.D{{Key: "hello", Value: 1}}).Decode(&hello); err != nil {
		return false, fmt.Errorf("hello: %w", err)
	}
	t.known, t.has = true, hello.SetName != "" || hello.Msg == "isdbgrid"
	return t.has, nil
}

// DecimalOrderKey is the document key holding the order key of decimal field name (see decimalOrderKey).
func DecimalOrderKey(name string) string { return "_order." + name }

// toDocument turns a canonical wire value into the value stored in a document, the same on every stack of
// create-backend: decimals as their exact text (FerretDB has no Decimal128, and a double is not exact), dates as
// YYYY-MM-DD text, datetimes as BSON dates, integers as int32, bigints as int64, JSON as its text (a document
// cannot hold every JSON object: keys with a `$` or a dot are refused). Callers leave a nil value out.
func toDocument(f Field, value any) (any, error) {
	switch f.Kind {
	case KindInteger:
		if i, ok := value.(int64); ok {
			return int32(i), nil
		}
	case KindDatetime:
		if s, ok := value.(string); ok {
			t, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				return nil, err
			}
			return bson.NewDateTimeFromTime(t), nil
		}
	case KindJSON:
		return jsonText(value)
	}
	return value, nil
}

// jsonText encodes a JSON value as JavaScript's JSON.stringify does (no HTML escaping), as the other stacks store it.
func jsonText(value any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(value); err != nil {
		return "", err
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

// fromDocument turns a stored value into the field's canonical wire value. Numbers are read whatever BSON
// type another stack wrote them with (a JavaScript number that is whole is stored as an int32).
func fromDocument(f Field, value any) any {
	switch f.Kind {
	case KindInteger, KindBigint:
		switch v := value.(type) {
		case int32:
			return int64(v)
		case int64:
			return v
		case float64:
			return int64(v)
		}
	case KindNumber:
		switch v := value.(type) {
		case int32:
			return float64(v)
		case int64:
			return float64(v)
		}
	case KindDecimal:
		if s, ok := value.(string); ok {
			if r, ok := new(big.Rat).SetString(s); ok {
				return r.FloatString(f.Scale)
			}
		}
	case KindDatetime:
		if t, ok := value.(bson.DateTime); ok {
			return t.Time().UTC().Format(DatetimeLayout)
		}
	case KindJSON:
		if s, ok := value.(string); ok {
			return json.RawMessage(s)
		}
	}
	return value
}

// decimalOrderKey is a string whose byte order is the numeric order of the decimals of one field (fixed
// precision and scale), kept under `_order` and sorted on, since the exact strings do not sort numerically:
// `p` + the digits zero-padded for zero and positive values, `n` + their nines' complement for negative ones
// (precision 6, scale 2: 12.5 → p001250, -12.5 → n998749). value is canonical (exactly Scale fraction digits).
func decimalOrderKey(f Field, value string) string {
	negative := strings.HasPrefix(value, "-")
	whole, fraction, _ := strings.Cut(strings.TrimPrefix(value, "-"), ".")
	digits := []byte(strings.Repeat("0", max(0, f.Precision-f.Scale-len(whole))) + whole + fraction)
	if !negative {
		return "p" + string(digits)
	}
	for i, d := range digits {
		digits[i] = '9' - d + '0'
	}
	return "n" + string(digits)
}
