// Command baseline is the hand-written baseline of the Go stack: the same router and driver as the generated
// server (chi, pgx; here pgxpool directly, without database/sql) serving the same two endpoints with the same
// SQL and the same JSON, and nothing else: no middleware, no logging, no validation beyond the id's shape.
// With BENCH_FRAME=1 it also does the frame SPEC 5 requires of every response (frame.go), and still nothing else.
// Env: DATABASE_URL, PORT, HOST, BENCH_FRAME.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

const (
	dateLayout     = "2006-01-02"
	datetimeLayout = "2006-01-02T15:04:05.000Z07:00"
	columns        = `"id", "title", "isbn", "published_at", "author_id", "created_at", "updated_at"`
)

type book struct {
	ID          string  `json:"id"`
	Title       string  `json:"title"`
	ISBN        *string `json:"isbn"`
	PublishedAt *string `json:"publishedAt"`
	AuthorID    *string `json:"authorId"`
	CreatedAt   string  `json:"createdAt"`
	UpdatedAt   string  `json:"updatedAt"`
}

type page struct {
	Items  []book `json:"items"`
	Total  int64  `json:"total"`
	Limit  int    `json:"limit"`
	Offset int    `json:"offset"`
}

func scanBook(row pgx.Row) (book, error) {
	var b book
	var published *time.Time
	var created, updated time.Time
	if err := row.Scan(&b.ID, &b.Title, &b.ISBN, &published, &b.AuthorID, &created, &updated); err != nil {
		return book{}, err
	}
	if published != nil {
		s := published.Format(dateLayout)
		b.PublishedAt = &s
	}
	b.CreatedAt = created.UTC().Format(datetimeLayout)
	b.UpdatedAt = updated.UTC().Format(datetimeLayout)
	return b, nil
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return false
			}
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f', 'A' <= c && c <= 'F':
		default:
			return false
		}
	}
	return true
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	cfg, err := pgxpool.ParseConfig(os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	cfg.MaxConns = 10 // as the generated server's pool
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()

	r := chi.NewRouter()
	var logs *bufferedStdout
	switch os.Getenv("BENCH_FRAME") {
	case "":
	case "1":
		logs = newBufferedStdout(ctx, os.Stdout)
		r.Use(withFrame(slog.New(slog.NewJSONHandler(logs, nil))))
	default:
		log.Fatalf("BENCH_FRAME is %q: set it to 1 for the frame, or leave it unset", os.Getenv("BENCH_FRAME"))
	}
	r.Get("/health", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	r.Get("/api/books/{id}", func(w http.ResponseWriter, req *http.Request) {
		id := chi.URLParam(req, "id")
		if !isUUID(id) {
			writeJSON(w, http.StatusNotFound, map[string]int{"status": http.StatusNotFound})
			return
		}
		b, err := scanBook(pool.QueryRow(req.Context(), `SELECT `+columns+` FROM "books" WHERE "id" = $1`, id))
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			writeJSON(w, http.StatusNotFound, map[string]int{"status": http.StatusNotFound})
		case err != nil:
			http.Error(w, err.Error(), http.StatusInternalServerError)
		default:
			writeJSON(w, http.StatusOK, b)
		}
	})
	r.Get("/api/books", func(w http.ResponseWriter, req *http.Request) {
		p := page{Items: []book{}, Limit: 20}
		if n, err := strconv.Atoi(req.URL.Query().Get("limit")); err == nil {
			p.Limit = min(n, 100)
		}
		if n, err := strconv.Atoi(req.URL.Query().Get("offset")); err == nil {
			p.Offset = n
		}
		where, args := "", []any{}
		if author := req.URL.Query().Get("authorId"); author != "" {
			where, args = ` WHERE "author_id" = $1`, append(args, author)
		}
		if err := pool.QueryRow(req.Context(), `SELECT COUNT(*) FROM "books"`+where, args...).Scan(&p.Total); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		limitAt, offsetAt := strconv.Itoa(len(args)+1), strconv.Itoa(len(args)+2)
		rows, err := pool.Query(req.Context(), `SELECT `+columns+` FROM "books"`+where+
			` ORDER BY ("created_at" IS NULL), "created_at" ASC, "id" ASC LIMIT $`+limitAt+` OFFSET $`+offsetAt,
			append(args, p.Limit, p.Offset)...)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		for rows.Next() {
			b, err := scanBook(rows)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			p.Items = append(p.Items, b)
		}
		if err := rows.Err(); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		writeJSON(w, http.StatusOK, p)
	})

	server := &http.Server{Addr: net.JoinHostPort(os.Getenv("HOST"), os.Getenv("PORT")), Handler: r}
	stopped := make(chan struct{})
	go func() {
		<-ctx.Done()
		_ = server.Shutdown(context.Background())
		close(stopped)
	}()
	if err := server.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
	<-stopped // the requests in flight have been answered (and logged)
	if logs != nil {
		_ = logs.Flush()
	}
}
