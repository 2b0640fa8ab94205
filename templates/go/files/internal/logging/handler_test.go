package logging

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"time"
)

// The access line's fast path writes what slog's JSON handler writes for the same record, byte for byte.
func TestLogRequestWritesTheJSONHandlersLine(t *testing.T) {
	at := time.Date(2026, 12, 6, 17, 45, 9, 60998000, time.UTC)
	for _, path := range []string{"/api/books/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "/", "/a<b>&c~\x7f", "/docs/index.html"} {
		var fast, slow bytes.Buffer
		out := NewWriter(&fast, 1<<10, time.Hour)
		if !NewHandler(out, slog.LevelInfo).LogRequest(at, "req-1", "GET", path, 200, 12) {
			t.Fatalf("%q: left to the generic path", path)
		}
		_ = out.Close()

		line := slog.NewRecord(at, slog.LevelInfo, "request", 0)
		line.AddAttrs(slog.String("request_id", "req-1"), slog.String("method", "GET"), slog.String("path", path),
			slog.Int("status", 200), slog.Int64("duration_ms", 12))
		_ = slog.NewJSONHandler(&slow, nil).Handle(context.Background(), line)
		if fast.String() != slow.String() {
			t.Errorf("fast path\n%s, JSON handler\n%s", fast.String(), slow.String())
		}
	}
}

// A string slog would escape is left to it: nothing is written, and the caller takes the generic path.
func TestLogRequestLeavesEscapesToSlog(t *testing.T) {
	for _, path := range []string{`/a"b`, `/a\b`, "/a\nb", "/caf\u00e9", "/\xff"} {
		var got bytes.Buffer
		out := NewWriter(&got, 1<<10, time.Hour)
		if NewHandler(out, slog.LevelInfo).LogRequest(time.Now(), "req-1", "GET", path, 200, 0) {
			t.Errorf("%q: written by the fast path", path)
		}
		_ = out.Close()
		if got.Len() != 0 {
			t.Errorf("%q: wrote %q", path, got.String())
		}
	}
}
