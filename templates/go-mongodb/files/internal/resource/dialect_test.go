package resource

import (
	"encoding/json"
	"slices"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
)

func TestDecimalOrderKeySortsByValue(t *testing.T) {
	price := Field{Kind: KindDecimal, Precision: 6, Scale: 2}
	values := []string{"-12.50", "-1.00", "-0.01", "0.00", "0.01", "1.00", "9.99", "10.00", "12.50", "9999.99"}
	shuffled := slices.Clone(values)
	slices.Reverse(shuffled)
	slices.SortFunc(shuffled, func(a, b string) int {
		x, y := decimalOrderKey(price, a), decimalOrderKey(price, b)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	})
	if !slices.Equal(shuffled, values) {
		t.Fatalf("ordered by key: %v, want %v", shuffled, values)
	}
	// The keys every stack writes (ARCHITECTURE.md of create-backend, "MongoDB").
	for value, want := range map[string]string{"12.50": "p001250", "-12.50": "n998749", "0.00": "p000000"} {
		if got := decimalOrderKey(price, value); got != want {
			t.Errorf("decimalOrderKey(%s) = %s, want %s", value, got, want)
		}
	}
}

func TestStoredValuesReadBackAsTheAPIShowsThem(t *testing.T) {
	cases := []struct {
		field  Field
		wire   any
		stored any
	}{
		{Field{Kind: KindInteger}, int64(42), int32(42)},
		{Field{Kind: KindBigint}, int64(9007199254740991), int64(9007199254740991)},
		{Field{Kind: KindDecimal, Precision: 10, Scale: 2}, "12.50", "12.50"},
		{Field{Kind: KindDatetime}, "2024-01-02T03:04:05.678Z", bson.DateTime(1704164645678)},
		{Field{Kind: KindDate}, "2024-01-02", "2024-01-02"},
	}
	for _, c := range cases {
		stored, err := toDocument(c.field, c.wire)
		if err != nil {
			t.Fatal(err)
		}
		if stored != c.stored {
			t.Errorf("kind %d: stored %#v, want %#v", c.field.Kind, stored, c.stored)
		}
		if back := fromDocument(c.field, stored); back != c.wire {
			t.Errorf("kind %d: read back %#v, want %#v", c.field.Kind, back, c.wire)
		}
	}
}

func TestNumbersReadWhateverBSONTypeAnotherStackWrote(t *testing.T) {
	// A JavaScript number that is whole is stored as an int32.
	if got := fromDocument(Field{Kind: KindNumber}, int32(3)); got != float64(3) {
		t.Errorf("number from int32: %#v", got)
	}
	if got := fromDocument(Field{Kind: KindBigint}, int32(3)); got != int64(3) {
		t.Errorf("bigint from int32: %#v", got)
	}
}

func TestJSONIsStoredAsTextWithoutHTMLEscapes(t *testing.T) {
	stored, err := toDocument(Field{Kind: KindJSON}, map[string]any{"html": "<b>&</b>", "n": json.Number("1.5")})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"html":"<b>&</b>","n":1.5}`; stored != want {
		t.Fatalf("stored %v, want %s", stored, want)
	}
	if back, ok := fromDocument(Field{Kind: KindJSON}, stored).(json.RawMessage); !ok || string(back) != stored {
		t.Fatalf("read back %#v", back)
	}
}
