package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// Limits of every request body.
const (
	MaxBodyBytes = 1 << 20
	MaxJSONDepth = 32
)

// NulMessage is the one wording for a string holding U+0000, which PostgreSQL text cannot store.
const NulMessage = "must not contain the NUL character (U+0000)"

// Responder answers requests with JSON and problem+json, logging server errors.
type Responder struct {
	Log *slog.Logger
}

// jsonAppender is a body that encodes itself (resource.Record and Page). It is not a json.Marshaler because
// encoding/json validates and compacts whatever a Marshaler returns: a second pass over every record of a page.
type jsonAppender interface {
	AppendJSON(buf []byte) ([]byte, error)
}

// jsonContentType is every JSON body's Content-Type, one shared full slice (len = cap, so an Add copies it).
var jsonContentType = []string{"application/json; charset=utf-8"}

// bodies recycles the buffers JSON encodes into: a page of records takes several KiB, which a fresh buffer
// would reach in a few allocations and copies on every request.
var bodies = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

// maxPooledBody bounds what bodies keeps: a rare large page is not worth holding on to.
const maxPooledBody = 64 << 10

// JSON sends body as JSON, a jsonAppender in one write with its length.
func (rs Responder) JSON(w http.ResponseWriter, r *http.Request, status int, body any) {
	appender, ok := body.(jsonAppender)
	if !ok {
		WriteJSON(w, status, body)
		return
	}
	buf := bodies.Get().(*[]byte)
	defer func() {
		if cap(*buf) <= maxPooledBody {
			bodies.Put(buf)
		}
	}()
	text, err := appender.AppendJSON((*buf)[:0])
	if err != nil {
		rs.Error(w, r, err)
		return
	}
	text = append(text, '\n') // as json.Encoder ends every body
	*buf = text[:0]
	h := w.Header()
	h["Content-Type"] = jsonContentType // canonical names assigned directly: Set canonicalises them every time
	h["Content-Length"] = []string{strconv.Itoa(len(text))}
	w.WriteHeader(status)
	_, _ = w.Write(text) // the status is sent; a failed write means the client went away
}

// Error answers err (see WriteError).
func (rs Responder) Error(w http.ResponseWriter, r *http.Request, err error) {
	WriteError(w, r, rs.Log, err)
}

// DecodeObject reads a JSON object body with numbers kept exact. A body that is not JSON (415), too large
// (413), malformed, nested too deep, not an object or holding U+0000 (400) is answered here, and false returned.
func (rs Responder) DecodeObject(w http.ResponseWriter, r *http.Request) (map[string]any, bool) {
	body, err := readJSON(w, r)
	if err != nil {
		rs.Error(w, r, err)
		return nil, false
	}
	return body, true
}

func readJSON(w http.ResponseWriter, r *http.Request) (map[string]any, error) {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || (mediaType != "application/json" && !strings.HasSuffix(mediaType, "+json")) {
		return nil, &Error{Status: http.StatusUnsupportedMediaType, Detail: "The request body must be JSON (Content-Type: application/json)."}
	}
	text, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, &Error{Status: http.StatusRequestEntityTooLarge, Detail: "The request body is larger than 1 MiB."}
		}
		return nil, &Error{Status: http.StatusBadRequest, Detail: "The request body could not be read."}
	}
	if nestsDeeperThan(text, MaxJSONDepth) {
		return nil, &Error{Status: http.StatusBadRequest, Detail: "JSON nesting deeper than 32 levels is not accepted."}
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var value any
	if err := dec.Decode(&value); err != nil || dec.More() {
		return nil, malformed()
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, malformed()
	}
	object, ok := value.(map[string]any)
	if !ok {
		return nil, &Error{Status: http.StatusBadRequest, Detail: "The request body is invalid.", Fields: []FieldError{{Field: "body", Message: "must be an object"}}}
	}
	var nul []FieldError
	for key, item := range object {
		if strings.ContainsRune(key, 0) || holdsNul(item) {
			nul = append(nul, FieldError{Field: key, Message: NulMessage})
		}
	}
	if nul != nil {
		return nil, &Error{Status: http.StatusBadRequest, Detail: "The request body is invalid.", Fields: nul}
	}
	return object, nil
}

func malformed() error {
	return &Error{Status: http.StatusBadRequest, Detail: "The request body is not valid JSON.", Fields: []FieldError{{Field: "body", Message: "malformed JSON"}}}
}

// holdsNul reports whether a string, or any string or key nested in an array or object, contains U+0000.
func holdsNul(value any) bool {
	switch v := value.(type) {
	case string:
		return strings.ContainsRune(v, 0)
	case []any:
		for _, item := range v {
			if holdsNul(item) {
				return true
			}
		}
	case map[string]any:
		for key, item := range v {
			if strings.ContainsRune(key, 0) || holdsNul(item) {
				return true
			}
		}
	}
	return false
}

// nestsDeeperThan reports whether JSON text nests arrays and objects deeper than max, in one pass without
// parsing, so that no recursive walk ever meets a body nested thousands deep. Brackets in strings do not count.
func nestsDeeperThan(text []byte, max int) bool {
	depth, inString, escaped := 0, false, false
	for _, c := range text {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > max {
				return true
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return false
}
