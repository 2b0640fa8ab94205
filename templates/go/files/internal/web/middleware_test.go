package web

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

func serveOnce(t *testing.T, log *slog.Logger, h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	Middleware(Options{Log: log})(h).ServeHTTP(rec, req)
	return rec
}

func TestAccessLogWritesOneLinePerRequest(t *testing.T) {
	var out bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&out, nil))
	req := httptest.NewRequest(http.MethodGet, "/api/pets?limit=5", nil)
	req.Header.Set("X-Request-Id", "req-42")
	serveOnce(t, log, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		w.WriteHeader(http.StatusOK) // dropped: the line shows the status sent
	}), req)

	var line map[string]any
	if err := json.Unmarshal(out.Bytes(), &line); err != nil {
		t.Fatalf("not one JSON line: %q", out.String())
	}
	want := map[string]any{"level": "INFO", "msg": "request", "request_id": "req-42", "method": "GET", "path": "/api/pets", "status": float64(http.StatusTeapot)}
	for key, value := range want {
		if line[key] != value {
			t.Errorf("%s: %v, want %v (line %s)", key, line[key], value, out.String())
		}
	}
	for _, key := range []string{"time", "duration_ms"} {
		if _, ok := line[key]; !ok {
			t.Errorf("no %s in %s", key, out.String())
		}
	}
}

func TestAccessLogFollowsTheLevel(t *testing.T) {
	var out bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&out, &slog.HandlerOptions{Level: slog.LevelWarn}))
	serveOnce(t, log, http.NotFoundHandler(), httptest.NewRequest(http.MethodGet, "/", nil))
	if out.Len() != 0 {
		t.Errorf("an info line at level warn: %s", out.String())
	}
}

func TestRequestIDs(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	var seen string
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = RequestID(r.Context())
		_, _ = w.Write([]byte("ok"))
	})
	cases := map[string]bool{ // the client's id, kept or not
		"trace-42": true, "a.b:c@d_e-F9": true, string(bytes.Repeat([]byte("x"), 128)): true,
		"": false, "two words": false, "é": false, string(bytes.Repeat([]byte("x"), 129)): false,
	}
	for incoming, kept := range cases {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		if incoming != "" {
			req.Header.Set("X-Request-Id", incoming)
		}
		got := serveOnce(t, log, echo, req).Header().Get("X-Request-Id")
		if got != seen {
			t.Errorf("%q: header %q, context %q", incoming, got, seen)
		}
		if kept && got != incoming || !kept && (got == incoming || len(got) != 36) {
			t.Errorf("%q: id %q (kept: %v)", incoming, got, kept)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	api := serveOnce(t, log, http.NotFoundHandler(), httptest.NewRequest(http.MethodGet, "/api/pets", nil)).Header()
	for _, header := range securityHeaders {
		if got := api.Get(header.name); got != header.values[0] {
			t.Errorf("%s: %q", header.name, got)
		}
	}
	if api.Get("Cache-Control") != "no-store" || api.Get("Strict-Transport-Security") != "" {
		t.Errorf("API response: Cache-Control %q, HSTS %q without TLS", api.Get("Cache-Control"), api.Get("Strict-Transport-Security"))
	}
	docs := serveOnce(t, log, http.NotFoundHandler(), httptest.NewRequest(http.MethodGet, "https://example.com/docs", nil)).Header()
	if docs.Get("Cache-Control") != "" || docs.Get("Strict-Transport-Security") == "" {
		t.Errorf("docs over TLS: Cache-Control %q, HSTS %q", docs.Get("Cache-Control"), docs.Get("Strict-Transport-Security"))
	}
}

func TestPanicIsA500AndLogged(t *testing.T) {
	var out bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&out, nil))
	rec := serveOnce(t, log, http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }),
		httptest.NewRequest(http.MethodGet, "/api/pets", nil))
	if rec.Code != http.StatusInternalServerError || !bytes.Contains(out.Bytes(), []byte(`"panic":"boom"`)) ||
		!bytes.Contains(out.Bytes(), []byte(`"status":500`)) {
		t.Errorf("status %d, log %s", rec.Code, out.String())
	}
}
