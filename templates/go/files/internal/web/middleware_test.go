package web

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestAccessLogWritesOneLinePerRequest(t *testing.T) {
	var out bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&out, nil))
	h := RequestID(AccessLog(log)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusTeapot)
	})))
	req := httptest.NewRequest(http.MethodGet, "/api/pets?limit=5", nil)
	req.Header.Set("X-Request-Id", "req-42")
	h.ServeHTTP(httptest.NewRecorder(), req)

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
	AccessLog(log)(http.NotFoundHandler()).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	if out.Len() != 0 {
		t.Errorf("an info line at level warn: %s", out.String())
	}
}
