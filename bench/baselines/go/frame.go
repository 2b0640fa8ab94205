package main

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/go-chi/chi/v5/middleware"
	"github.com/google/uuid"
)

// The frame (BENCH_FRAME=1): what SPEC 5 makes every generated response carry, written the way a hand-written chi
// server would, and nothing else: the generated server's response headers on these endpoints (names and values;
// bench/servers.mjs compares them on the wire before the load), a request id kept from X-Request-Id or made fresh,
// and one JSON access line per request with that id, from log/slog's JSON handler into a buffered stdout.

// frameHeaders are the generated server's headers besides the request id and those of the body.
var frameHeaders = [][2]string{
	{"Cache-Control", "no-store"},
	{"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Cross-Origin-Resource-Policy", "same-site"},
	{"Origin-Agent-Cluster", "?1"},
	{"Referrer-Policy", "no-referrer"},
	{"X-Content-Type-Options", "nosniff"},
	{"X-Dns-Prefetch-Control", "off"},
	{"X-Download-Options", "noopen"},
	{"X-Frame-Options", "DENY"},
	{"X-Permitted-Cross-Domain-Policies", "none"},
	{"X-Xss-Protection", "0"},
}

// withFrame wraps the router in the frame, logging through log.
func withFrame(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			id := r.Header.Get("X-Request-Id")
			if id == "" || len(id) > 128 {
				id = uuid.NewString()
			}
			h := w.Header()
			h.Set("X-Request-Id", id)
			for _, kv := range frameHeaders {
				h.Set(kv[0], kv[1])
			}
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r)
			log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("request_id", id),
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", ww.Status()),
				slog.Int64("duration_ms", time.Since(start).Milliseconds()))
		})
	}
}

// bufferedStdout holds log lines for at most 100 ms (or 32 KiB) before one write to stdout, as the generated
// server's log writer does: a write call per line would make the log a system call per request.
type bufferedStdout struct {
	mu  sync.Mutex
	buf *bufio.Writer
}

// newBufferedStdout starts the flushing loop, which ends (after a last flush) with ctx.
func newBufferedStdout(ctx context.Context, out io.Writer) *bufferedStdout {
	b := &bufferedStdout{buf: bufio.NewWriterSize(out, 32<<10)}
	go func() {
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				_ = b.Flush()
			case <-ctx.Done():
				return
			}
		}
	}()
	return b
}

func (b *bufferedStdout) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// Flush writes out what the buffer holds; main calls it once more after the server has stopped.
func (b *bufferedStdout) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Flush()
}
