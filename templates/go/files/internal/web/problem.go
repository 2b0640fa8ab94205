// Package web holds what every route shares: problem+json errors, JSON bodies and the middleware chain.
package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
)

// FieldError names one field (its wire name) and what is wrong with it.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Problem is an RFC 9457 problem details body.
type Problem struct {
	Type   string       `json:"type"`
	Title  string       `json:"title"`
	Status int          `json:"status"`
	Detail string       `json:"detail"`
	Errors []FieldError `json:"errors"`
}

// WriteProblem sends a problem+json response.
func WriteProblem(w http.ResponseWriter, status int, detail string, fields []FieldError) {
	if fields == nil {
		fields = []FieldError{}
	}
	title := http.StatusText(status)
	if title == "" {
		title = "Error"
	}
	w.Header().Set("Content-Type", "application/problem+json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(Problem{Type: "about:blank", Title: title, Status: status, Detail: detail, Errors: fields})
}

// WriteJSON sends a JSON response.
func WriteJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body) // the status is sent; a failed write means the client went away
}

// Error is a failure the client caused; it is answered with its status, detail and field errors.
type Error struct {
	Status int
	Detail string
	Fields []FieldError
}

func (e *Error) Error() string { return fmt.Sprintf("%d %s", e.Status, e.Detail) }

// WriteError answers err: an *Error with its own status, anything else with a generic 500 whose cause
// goes to the log only (never SQL, paths or stack traces to the client).
func WriteError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var client *Error
	if errors.As(err, &client) {
		WriteProblem(w, client.Status, client.Detail, client.Fields)
		return
	}
	log.ErrorContext(r.Context(), "request failed", "request_id", RequestID(r.Context()), "error", err)
	WriteProblem(w, http.StatusInternalServerError, "An unexpected error occurred.", nil)
}
