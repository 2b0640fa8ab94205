#!/usr/bin/env bash
# Builds FerretDB (a MongoDB wire-protocol server on SQLite) from the Go module proxy and starts it on
# loopback, then prints the URL to export. No MongoDB binary can be downloaded where the tests run, and
# FerretDB needs nothing but Go and the module proxy. The binary is cached, so a second run starts at once;
# a server that already answers is left alone.
set -euo pipefail
VERSION=v1.24.2
STATE=${CB_SERVICES_DIR:-/tmp/create-backend-services}
PORT=${CB_MONGO_PORT:-57017}
CACHE=${CB_FERRETDB_CACHE:-$HOME/.cache/create-backend-ferretdb}/$VERSION
BIN=$CACHE/ferretdb

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

build() {
  command -v go >/dev/null || { echo "ferretdb: Go is needed to build FerretDB $VERSION (https://go.dev/dl)" >&2; exit 1; }
  local started src work
  started=$(date +%s)
  echo "ferretdb: building $VERSION from the Go module proxy (about a minute, once)" >&2
  # `go mod download` works outside a module and leaves a read-only tree in the module cache; the build
  # needs a writable copy, because FerretDB reads its version from a file its own release process writes.
  src=$(cd / && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || { echo "ferretdb: go mod download did not give a module directory" >&2; exit 1; }
  work=$(mktemp -d)
  cp -r "$src/." "$work"
  chmod -R u+w "$work"
  echo "$VERSION" >"$work/build/version/version.txt"
  mkdir -p "$CACHE"
  (cd "$work" && go build -trimpath -o "$BIN.partial" ./cmd/ferretdb)
  mv "$BIN.partial" "$BIN"
  rm -rf "$work"
  echo "ferretdb: built in $(($(date +%s) - started))s" >&2
}

if ! answers; then
  [ -x "$BIN" ] || build
  mkdir -p "$STATE/ferretdb/data"
  # --debug-addr=- and --state-dir keep a second instance from colliding on the debug port (8088) and on
  # state.json in the current directory.
  "$BIN" --handler=sqlite --sqlite-url="file:$STATE/ferretdb/data/" --listen-addr="127.0.0.1:$PORT" \
    --telemetry=disable --debug-addr=- --state-dir="$STATE/ferretdb" --log-level=warn \
    >"$STATE/ferretdb.log" 2>&1 &
  for _ in $(seq 1 60); do answers && break; sleep 0.5; done
  answers || { echo "ferretdb: did not answer on 127.0.0.1:$PORT; see $STATE/ferretdb.log" >&2; exit 1; }
fi

echo "export CB_MONGODB_URL=mongodb://127.0.0.1:$PORT/"
