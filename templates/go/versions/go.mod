// The one place where the Go stack's dependency versions are pinned. Generated projects require the
// modules they use at these versions; `go list -m -u all` here shows what is newer.
module versions

go 1.26.0

require (
	github.com/dlclark/regexp2 v1.12.0
	github.com/go-chi/chi/v5 v5.5.0
	github.com/google/uuid v1.6.0
	github.com/pressly/goose/v3 v3.30.1
	modernc.org/sqlite v1.62.0
	github.com/jackc/pgx/v5 v5.13.0
	github.com/go-sql-driver/mysql v1.11.0
	go.mongodb.org/mongo-driver/v2 v2.10.0
	github.com/golang-jwt/jwt/v5 v5.3.1
	golang.org/x/crypto v0.59.0
	honnef.co/go/tools v0.8.2
)
