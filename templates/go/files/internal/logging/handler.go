package logging

import (
	"log/slog"
	"strconv"
	"sync"
	"time"
)

// Handler is slog's JSON handler over a Writer, with a faster path for the access log: LogRequest writes the
// line the JSON handler would write for the same record, byte for byte, by appending its fields to a pooled
// buffer. slog's generic path (a Record, attribute kinds, a handler state per line) was most of what the access
// line cost on a GET by id.
type Handler struct {
	*slog.JSONHandler
	out *Writer
}

// NewHandler returns a JSON handler writing lines at level and above to out.
func NewHandler(out *Writer, level slog.Leveler) *Handler {
	return &Handler{JSONHandler: slog.NewJSONHandler(out, &slog.HandlerOptions{Level: level}), out: out}
}

// lines recycles the buffers access lines are encoded into.
var lines = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// LogRequest writes the access line {"time","level":"INFO","msg":"request","request_id","method","path",
// "status","duration_ms"} if info is enabled (the caller checks). It returns false, writing nothing, when a
// string would need JSON escaping: that rare line is left to the JSON handler's own escaping.
func (h *Handler) LogRequest(t time.Time, id, method, path string, status int, durationMS int64) bool {
	if !plain(id) || !plain(method) || !plain(path) {
		return false
	}
	buf := lines.Get().(*[]byte)
	b := append((*buf)[:0], `{"time":"`...)
	b = t.Round(0).AppendFormat(b, time.RFC3339Nano) // as the JSON handler writes a record's time
	b = append(b, `","level":"INFO","msg":"request","request_id":"`...)
	b = append(b, id...)
	b = append(b, `","method":"`...)
	b = append(b, method...)
	b = append(b, `","path":"`...)
	b = append(b, path...)
	b = append(b, `","status":`...)
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, `,"duration_ms":`...)
	b = strconv.AppendInt(b, durationMS, 10)
	b = append(b, "}\n"...)
	_, _ = h.out.Write(b) // Write copies the line; a line that cannot be written has nowhere better to go
	*buf = b
	lines.Put(buf)
	return true
}

// plain reports whether slog's JSON handler writes s as it is: every byte printable ASCII (DEL included) but the
// quote and the backslash.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
