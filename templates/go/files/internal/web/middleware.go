package web

import (
	"context"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5/middleware"
	"github.com/google/uuid"
)

// incomingRequestID is what an X-Request-Id from the client must look like to be kept (so ids carry across
// services); anything else is replaced by a fresh one.
var incomingRequestID = regexp.MustCompile(`^[\w.:@-]{1,128}$`)

// RequestID gives every request an id, in its context (middleware.GetReqID) and in the X-Request-Id header.
func RequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !incomingRequestID.MatchString(id) {
			id = uuid.NewString()
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), middleware.RequestIDKey, id)))
	})
}

// securityHeaders is helmet's set, tightened for an API whose only HTML page is /docs. The names are in
// canonical form and each value a ready []string, so that every response takes them without an allocation;
// sharing the slices is safe, as each is full (len = cap): a Header.Add appends into a new one.
var securityHeaders = http.Header{
	"Content-Security-Policy":           {"default-src 'none'; frame-ancestors 'none'"},
	"Cross-Origin-Opener-Policy":        {"same-origin"},
	"Cross-Origin-Resource-Policy":      {"same-site"},
	"Origin-Agent-Cluster":              {"?1"},
	"Referrer-Policy":                   {"no-referrer"},
	"X-Content-Type-Options":            {"nosniff"},
	"X-Dns-Prefetch-Control":            {"off"},
	"X-Download-Options":                {"noopen"},
	"X-Frame-Options":                   {"DENY"},
	"X-Permitted-Cross-Domain-Policies": {"none"},
	"X-Xss-Protection":                  {"0"},
}

// noStore is the Cache-Control of every response but the docs' (ready, as securityHeaders).
var noStore = []string{"no-store"}

// SecurityHeaders sets the security headers of every response; HSTS only over TLS, where it means something.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for name, values := range securityHeaders {
			h[name] = values
		}
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		if !strings.HasPrefix(r.URL.Path, "/docs") {
			h["Cache-Control"] = noStore
		}
		next.ServeHTTP(w, r)
	})
}

// AccessLog writes one JSON line per request, with its request id. The record goes straight to the logger's
// handler: Logger.LogAttrs would walk the stack for the caller's program counter on every request, which no
// access log line shows (a tenth of the line's cost). Its attributes are typed, so that none is boxed.
func AccessLog(log *slog.Logger) func(http.Handler) http.Handler {
	handler := log.Handler()
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r)
			ctx := r.Context()
			if !handler.Enabled(ctx, slog.LevelInfo) {
				return
			}
			line := slog.NewRecord(time.Now(), slog.LevelInfo, "request", 0)
			line.AddAttrs(
				slog.String("request_id", middleware.GetReqID(ctx)),
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", ww.Status()),
				slog.Int64("duration_ms", time.Since(start).Milliseconds()),
			)
			_ = handler.Handle(ctx, line) // a log line that cannot be written has nowhere better to go
		})
	}
}

// Recoverer answers a panic with a generic 500 and logs it.
func Recoverer(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if v := recover(); v != nil {
					if v == http.ErrAbortHandler {
						panic(v)
					}
					log.ErrorContext(r.Context(), "panic", "request_id", middleware.GetReqID(r.Context()), "panic", v)
					WriteProblem(w, http.StatusInternalServerError, "An unexpected error occurred.", nil)
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// CORS allows the listed origins only; with none listed, no CORS header is ever sent.
func CORS(origins []string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			origin := r.Header.Get("Origin")
			if origin == "" || !slices.Contains(origins, origin) {
				next.ServeHTTP(w, r)
				return
			}
			h := w.Header()
			h.Add("Vary", "Origin")
			h.Set("Access-Control-Allow-Origin", origin)
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				h.Set("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE")
				h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id")
				h.Set("Access-Control-Max-Age", "600")
				w.WriteHeader(http.StatusNoContent)
				return
			}
			h.Set("Access-Control-Expose-Headers", "Location, Retry-After, X-Request-Id")
			next.ServeHTTP(w, r)
		})
	}
}

// RateLimit allows perMinute requests per client address (see ClientAddress) in each minute, on every route
// but /health.
func RateLimit(perMinute int) func(http.Handler) http.Handler {
	limiter := &fixedWindow{limit: perMinute, window: time.Minute, counts: map[string]int{}}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/health" {
				next.ServeHTTP(w, r)
				return
			}
			if wait, ok := limiter.allow(Client(r), time.Now()); !ok {
				seconds := int(wait.Seconds() + 0.999)
				w.Header().Set("Retry-After", strconv.Itoa(seconds))
				WriteProblem(w, http.StatusTooManyRequests,
					"Rate limit of "+strconv.Itoa(perMinute)+" requests per minute exceeded; retry in "+strconv.Itoa(seconds)+" s.", nil)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// fixedWindow counts requests per client in windows of a fixed length; all counts reset together.
type fixedWindow struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	start  time.Time
	counts map[string]int
}

func (f *fixedWindow) allow(client string, now time.Time) (time.Duration, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if now.Sub(f.start) >= f.window {
		f.start = now
		clear(f.counts)
	}
	if f.counts[client] >= f.limit {
		return f.start.Add(f.window).Sub(now), false
	}
	f.counts[client]++
	return 0, true
}
