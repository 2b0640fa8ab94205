package database

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
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

// testCA is a self-signed CA and a server certificate it signed for a name other than the address dialled,
// as Cloud SQL's are.
func testCA(t *testing.T, name string) (caPEM []byte, server [][]byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "project:region:instance"},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leaf, caCert, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), [][]byte{leafDER}
}

func TestMySQLConfigVerifiesTheServerAgainstTheCAOfSSLCA(t *testing.T) {
	caPEM, server := testCA(t, "instance CA")
	file := filepath.Join(t.TempDir(), "server-ca.pem")
	if err := os.WriteFile(file, caPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := mysqlConfig("mysql://app:app@10.0.0.3/shop?ssl_ca=" + file)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.TLS == nil || cfg.TLS.VerifyPeerCertificate == nil || cfg.Params["ssl_ca"] != "" {
		t.Fatalf("tls %+v, params %v: want a chain check, and ssl_ca kept from the server", cfg.TLS, cfg.Params)
	}
	if err := cfg.TLS.VerifyPeerCertificate(server, nil); err != nil {
		t.Fatalf("a certificate of the instance's CA, for another name than the address: %v", err)
	}
	_, other := testCA(t, "someone else's CA")
	if err := cfg.TLS.VerifyPeerCertificate(other, nil); err == nil {
		t.Fatal("a certificate of another CA was accepted")
	}
	if _, err := mysqlConfig("mysql://app:app@10.0.0.3/shop?ssl_ca=/nonexistent/ca.pem"); err == nil || !strings.Contains(err.Error(), "ssl_ca") {
		t.Fatalf("a missing CA file: %v", err)
	}
}
