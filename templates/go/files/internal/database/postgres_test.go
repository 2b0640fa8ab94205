package database

import (
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

func TestPostgresOpenRefusesOtherURLsWithoutShowingThem(t *testing.T) {
	for _, url := range []string{"mysql://app:secret@localhost/shop", "host=localhost password=secret"} {
		_, err := Open(url)
		if err == nil || !strings.Contains(err.Error(), "postgres://user:password@localhost:5432/name") || strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: %v", url, err)
		}
	}
}

func TestPostgresOpenMasksThePasswordOfABadURL(t *testing.T) {
	_, err := Open("postgres://app:secret@localhost:5432/shop?sslmode=sometimes")
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Fatalf("%v", err)
	}
}

func TestPostgresViolationsByCode(t *testing.T) {
	unique := &pgconn.PgError{Code: "23505", ConstraintName: "uq_products_sku"}
	if names, ok := postgres.UniqueViolation(errors.Join(errors.New("write Product"), unique)); !ok || len(names) != 1 || names[0] != "uq_products_sku" {
		t.Fatalf("unique violation: %v %v", names, ok)
	}
	if !postgres.IsForeignKeyViolation(&pgconn.PgError{Code: "23503"}) || postgres.IsForeignKeyViolation(unique) {
		t.Fatal("foreign key violation is 23503 alone")
	}
}
