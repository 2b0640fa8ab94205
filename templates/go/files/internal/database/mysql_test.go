package database

import (
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
)

func TestMySQLConfigReadsTheURLFormOfEveryStack(t *testing.T) {
	cfg, err := mysqlConfig("mysql://app:p%40ss%2Fword@db.internal/shop?tls=true")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.User != "app" || cfg.Passwd != "p@ss/word" || cfg.Net != "tcp" || cfg.Addr != "db.internal:3306" || cfg.DBName != "shop" {
		t.Fatalf("user %q, password %q, address %s %s, database %q", cfg.User, cfg.Passwd, cfg.Net, cfg.Addr, cfg.DBName)
	}
	if cfg.TLSConfig != "true" || cfg.TLS == nil || cfg.TLS.ServerName != "db.internal" {
		t.Fatalf("tls %q %+v, want the URL's true, verifying the URL's host", cfg.TLSConfig, cfg.TLS)
	}
	if !cfg.ParseTime || cfg.Loc != time.UTC || cfg.Collation != "utf8mb4_unicode_ci" || cfg.Timeout != 5*time.Second {
		t.Fatalf("parseTime %v, loc %v, collation %q, timeout %v", cfg.ParseTime, cfg.Loc, cfg.Collation, cfg.Timeout)
	}
}

func TestMySQLConfigKeepsAnExplicitPort(t *testing.T) {
	cfg, err := mysqlConfig("mysql://app:app@localhost:53306/shop")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "localhost:53306" {
		t.Fatalf("address %s", cfg.Addr)
	}
}

func TestMySQLConfigRefusesOtherURLsWithoutShowingThem(t *testing.T) {
	for _, url := range []string{"postgres://app:secret@localhost/shop", "app:secret@tcp(localhost)/shop", "mysql:///shop"} {
		_, err := mysqlConfig(url)
		if err == nil || !strings.Contains(err.Error(), "mysql://user:password@localhost:3306/name") || strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: %v", url, err)
		}
	}
}

func TestMySQLConfigReportsABadDriverParameter(t *testing.T) {
	_, err := mysqlConfig("mysql://app:app@localhost/shop?parseTime=maybe")
	if err == nil || !strings.Contains(err.Error(), "DATABASE_URL") {
		t.Fatalf("%v", err)
	}
}

func TestMySQLViolationsByNumber(t *testing.T) {
	for _, message := range []string{"Duplicate entry 'a' for key 'uq_products_sku'", "Duplicate entry 'a' for key 'products.uq_products_sku'"} {
		names, ok := mysqlDialect.UniqueViolation(&mysql.MySQLError{Number: 1062, Message: message})
		if !ok || len(names) != 1 || names[0] != "uq_products_sku" {
			t.Errorf("%s: %v %v", message, names, ok)
		}
	}
	if !mysqlDialect.IsForeignKeyViolation(&mysql.MySQLError{Number: 1451}) || mysqlDialect.IsForeignKeyViolation(&mysql.MySQLError{Number: 1062}) {
		t.Fatal("foreign key violations are 1216, 1217, 1451 and 1452")
	}
}
