package config

import (
	"strings"
	"testing"
)

func TestLoadRefusesMissingShortAndPublishedSecrets(t *testing.T) {
	cases := map[string]string{
		"":      "JWT_SECRET is required",
		"short": "JWT_SECRET must be at least 32 bytes long",
		"replace-with-output-of-openssl-rand-base64-48": "JWT_SECRET is the placeholder from .env.example",
	}
	for secret, want := range cases {
		t.Setenv("JWT_SECRET", secret)
		if _, err := Load(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("JWT_SECRET=%q: got %v, want an error containing %q", secret, err, want)
		}
	}
	t.Setenv("JWT_SECRET", strings.Repeat("k", 32))
	if _, err := Load(); err != nil {
		t.Errorf("a 32-byte secret: %v", err)
	}
}
