package resource

import "context"

// DB runs the statements of the stores and the auth service. The database package implements it over
// database/sql for SQLite and MySQL, and over pgx's own pool for PostgreSQL, where database/sql's extra layer
// (a driver.Value per column, a goroutine watching each query's context) costs a third of a request's CPU.
type DB interface {
	Querier
	// InTx runs fn in one transaction: committed when fn returns nil, rolled back otherwise.
	InTx(ctx context.Context, fn func(q Querier) error) error
}

// Querier runs statements on a pool or inside a transaction.
type Querier interface {
	Query(ctx context.Context, query string, args ...any) (Rows, error)
	// QueryRow reads one row; scanning it reports sql.ErrNoRows (which pgx's ErrNoRows also is) when none matched.
	QueryRow(ctx context.Context, query string, args ...any) Row
	// Exec runs a statement that returns no rows and reports how many rows it changed.
	Exec(ctx context.Context, query string, args ...any) (rowsAffected int64, err error)
}

// Rows are the rows of a query; Err tells, after Next returned false, whether reading them failed.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// Row is the single row of QueryRow.
type Row interface {
	Scan(dest ...any) error
}
