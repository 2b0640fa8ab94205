package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
)

// Options are the settings of Middleware.
type Options struct {
	Log                *slog.Logger
	CORSOrigins        []string       // none: no CORS header is ever sent
	TrustedProxies     []netip.Prefix // see clientOf
	RateLimitPerMinute int            // 0: no limit
}

// Middleware is what every request goes through, in this order: a request id, the security headers, the access
// line (written once the response is), recovery from a panic, CORS, the client's address and the rate limit.
// It is one function rather than a chain of seven, so that a request costs one context value and one state
// (requestState, which also records the status for the access line) instead of a closure call, a context value
// and a copy of the request per step: on a GET by id the chain cost more than the SQL's own Go side.
func Middleware(o Options) func(http.Handler) http.Handler {
	f := &frame{Options: o, log: o.Log.Handler()}
	f.fast, _ = f.log.(requestLogger)
	if o.RateLimitPerMinute > 0 {
		f.limiter = &fixedWindow{limit: o.RateLimitPerMinute, window: time.Minute, counts: map[string]int{}}
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			q := &requestState{ResponseWriter: w, id: requestID(r.Header),
				client: clientOf(r.RemoteAddr, r.Header.Values("X-Forwarded-For"), o.TrustedProxies)}
			h := w.Header()
			q.idHeader[0] = q.id
			h["X-Request-Id"] = q.idHeader[:]
			for _, header := range securityHeaders {
				h[header.name] = header.values
			}
			if r.TLS != nil {
				h["Strict-Transport-Security"] = hsts // only over TLS, where it means something
			}
			if !strings.HasPrefix(r.URL.Path, "/docs") {
				h["Cache-Control"] = noStore
			}
			r = r.WithContext(context.WithValue(r.Context(), stateKey{}, q))
			f.serve(next, q, r)
			f.accessLine(r, q, start)
		})
	}
}

// requestState is one request's id, client address and response status, behind the ResponseWriter it wraps.
type requestState struct {
	http.ResponseWriter
	status   int // 0 until the status is written
	id       string
	client   string
	idHeader [1]string // the X-Request-Id header's value slice, without an allocation of its own
}

// WriteHeader records the first final status and passes it on; a second call is dropped, as by chi's
// middleware.WrapResponseWriter, which this replaces.
func (q *requestState) WriteHeader(code int) {
	if code >= 100 && code <= 199 && code != http.StatusSwitchingProtocols {
		q.ResponseWriter.WriteHeader(code)
		return
	}
	if q.status == 0 {
		q.status = code
		q.ResponseWriter.WriteHeader(code)
	}
}

func (q *requestState) Write(b []byte) (int, error) {
	if q.status == 0 {
		q.WriteHeader(http.StatusOK)
	}
	return q.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (q *requestState) Unwrap() http.ResponseWriter { return q.ResponseWriter }

type stateKey struct{}

func stateOf(ctx context.Context) *requestState {
	q, _ := ctx.Value(stateKey{}).(*requestState)
	return q
}

// RequestID is the id Middleware gave the request ("" outside of it).
func RequestID(ctx context.Context) string {
	if q := stateOf(ctx); q != nil {
		return q.id
	}
	return ""
}

// Client is the client's address (see clientOf) for the rate limit and the login throttle.
func Client(r *http.Request) string {
	if q := stateOf(r.Context()); q != nil {
		return q.client
	}
	return peer(r.RemoteAddr)
}

// requestID keeps an X-Request-Id from the client that looks like one (so that ids carry across services) and
// makes a fresh one otherwise.
func requestID(h http.Header) string {
	if values := h["X-Request-Id"]; len(values) > 0 && validRequestID(values[0]) {
		return values[0]
	}
	return uuid.NewString()
}

// validRequestID is ^[\w.:@-]{1,128}$, by hand: a regexp match was a tenth of the middleware's cost.
func validRequestID(id string) bool {
	if len(id) == 0 || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '_', c == '.', c == ':', c == '@', c == '-':
		default:
			return false
		}
	}
	return true
}

// securityHeaders is helmet's set, tightened for an API whose only HTML page is /docs. The names are in
// canonical form and each value a ready []string, assigned into the header map as they are: no
// canonicalisation or allocation per response. Sharing the slices is safe, as each is full (len = cap): a
// Header.Add appends into a new one.
var securityHeaders = []struct {
	name   string
	values []string
}{
	{"Content-Security-Policy", []string{"default-src 'none'; frame-ancestors 'none'"}},
	{"Cross-Origin-Opener-Policy", []string{"same-origin"}},
	{"Cross-Origin-Resource-Policy", []string{"same-site"}},
	{"Origin-Agent-Cluster", []string{"?1"}},
	{"Referrer-Policy", []string{"no-referrer"}},
	{"X-Content-Type-Options", []string{"nosniff"}},
	{"X-Dns-Prefetch-Control", []string{"off"}},
	{"X-Download-Options", []string{"noopen"}},
	{"X-Frame-Options", []string{"DENY"}},
	{"X-Permitted-Cross-Domain-Policies", []string{"none"}},
	{"X-Xss-Protection", []string{"0"}},
}

var (
	hsts    = []string{"max-age=31536000; includeSubDomains"}
	noStore = []string{"no-store"} // the Cache-Control of every response but the docs'
)

// frame is Middleware's state shared by every request.
type frame struct {
	Options
	log     slog.Handler
	fast    requestLogger // the log's own writer of access lines, when it has one
	limiter *fixedWindow
}

// serve runs the rest of the request (CORS, the rate limit, next), answering a panic with a generic 500.
func (f *frame) serve(next http.Handler, w *requestState, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			f.Log.ErrorContext(r.Context(), "panic", "request_id", w.id, "panic", v)
			WriteProblem(w, http.StatusInternalServerError, "An unexpected error occurred.", nil)
		}
	}()
	if len(f.CORSOrigins) > 0 && f.cors(w, r) {
		return
	}
	if f.limiter != nil && r.URL.Path != "/health" && !f.allow(w, w.client) {
		return
	}
	next.ServeHTTP(w, r)
}

// requestLogger is a log handler that writes the access line itself (logging.Handler), the same bytes as
// slog's JSON handler, faster; it returns false when it leaves a line to the generic path.
type requestLogger interface {
	LogRequest(t time.Time, id, method, path string, status int, durationMS int64) bool
}

// accessLine writes one JSON line per request: time, level, msg, request_id, method, path, status, duration_ms.
// Without the log's fast path, the record goes straight to its handler: Logger.LogAttrs would walk the stack for
// the caller's program counter, which no access line shows. Its attributes are typed, so that none is boxed.
func (f *frame) accessLine(r *http.Request, q *requestState, start time.Time) {
	if !f.log.Enabled(r.Context(), slog.LevelInfo) {
		return
	}
	now := time.Now()
	ms := now.Sub(start).Milliseconds()
	if f.fast != nil && f.fast.LogRequest(now, q.id, r.Method, r.URL.Path, q.status, ms) {
		return
	}
	line := slog.NewRecord(now, slog.LevelInfo, "request", 0)
	line.AddAttrs(
		slog.String("request_id", q.id),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", q.status),
		slog.Int64("duration_ms", ms),
	)
	_ = f.log.Handle(r.Context(), line) // a log line that cannot be written has nowhere better to go
}

// cors answers for the listed origins only; it reports whether it answered the request (a preflight).
func (f *frame) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || !slices.Contains(f.CORSOrigins, origin) {
		return false
	}
	h := w.Header()
	h.Add("Vary", "Origin")
	h.Set("Access-Control-Allow-Origin", origin)
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		h.Set("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id")
		h.Set("Access-Control-Max-Age", "600")
		w.WriteHeader(http.StatusNoContent)
		return true
	}
	h.Set("Access-Control-Expose-Headers", "Location, Retry-After, X-Request-Id")
	return false
}

// allow counts the request against its client's RateLimitPerMinute in this minute (every route but /health),
// or answers 429 and returns false.
func (f *frame) allow(w http.ResponseWriter, client string) bool {
	wait, ok := f.limiter.allow(client, time.Now())
	if ok {
		return true
	}
	seconds := int(wait.Seconds() + 0.999)
	w.Header().Set("Retry-After", strconv.Itoa(seconds))
	WriteProblem(w, http.StatusTooManyRequests,
		"Rate limit of "+strconv.Itoa(f.RateLimitPerMinute)+" requests per minute exceeded; retry in "+strconv.Itoa(seconds)+" s.", nil)
	return false
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
