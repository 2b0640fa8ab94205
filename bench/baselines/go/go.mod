// The hand-written Go baseline (bench/servers.mjs): chi and pgx, and uuid for the frame's request ids, at the
// versions the generated projects pin in templates/go/versions/go.mod (the benchmark refuses to run when they differ).
module baseline

go 1.26.0

require (
	github.com/go-chi/chi/v5 v5.5.0
	github.com/google/uuid v1.6.0
	github.com/jackc/pgx/v5 v5.13.0
)
