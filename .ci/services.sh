#!/usr/bin/env bash
# Installs and starts the database servers the end-to-end tests reach (PostgreSQL and MariaDB from
# Debian, FerretDB for MongoDB from the Go module proxy: ferretdb.sh), each on loopback with its own data
# directory, and prints the URLs to export.
# Idempotent: a server that already answers is left alone.
set -euo pipefail
STATE=${CB_SERVICES_DIR:-/tmp/create-backend-services}
PG_PORT=${CB_PG_PORT:-55432}
MY_PORT=${CB_MY_PORT:-53306}
mkdir -p "$STATE"

need_pkgs=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_pkgs+=(postgresql)
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need_pkgs+=(mariadb-server)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "services: installing ${need_pkgs[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >&2
fi

PGBIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
if ! "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q; then
  id -u postgres >/dev/null 2>&1 || useradd -r -m postgres
  if [ ! -f "$STATE/pg/PG_VERSION" ]; then
    mkdir -p "$STATE/pg" && chown postgres "$STATE/pg"
    su postgres -c "$PGBIN/initdb -D $STATE/pg -U postgres --auth=trust -E UTF8" >/dev/null
  fi
  chown postgres "$STATE"
  su postgres -c "$PGBIN/pg_ctl -D $STATE/pg -l $STATE/pg.log -w -o '-p $PG_PORT -k $STATE -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300' start" >/dev/null
fi
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='app'" | grep -q 1 ||
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE ROLE app LOGIN SUPERUSER PASSWORD 'app'"

MYSQLD=$(command -v mariadbd || echo /usr/sbin/mariadbd)
if ! mariadb-admin -h 127.0.0.1 -P "$MY_PORT" -u root ping >/dev/null 2>&1; then
  if [ ! -d "$STATE/my/mysql" ]; then
    mkdir -p "$STATE/my"
    mariadb-install-db --user=root --datadir="$STATE/my" --auth-root-authentication-method=normal >/dev/null
  fi
  "$MYSQLD" --user=root --datadir="$STATE/my" --port="$MY_PORT" --bind-address=127.0.0.1 \
    --socket="$STATE/my.sock" --pid-file="$STATE/my.pid" --skip-log-bin --innodb-flush-log-at-trx-commit=0 \
    --max-connections=300 >"$STATE/my.log" 2>&1 &
  for _ in $(seq 1 60); do mariadb-admin -h 127.0.0.1 -P "$MY_PORT" -u root ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
mariadb -h 127.0.0.1 -P "$MY_PORT" -u root -e "CREATE USER IF NOT EXISTS 'app'@'%' IDENTIFIED BY 'app'; GRANT ALL PRIVILEGES ON *.* TO 'app'@'%' WITH GRANT OPTION; CREATE USER IF NOT EXISTS 'app'@'localhost' IDENTIFIED BY 'app'; GRANT ALL PRIVILEGES ON *.* TO 'app'@'localhost' WITH GRANT OPTION; FLUSH PRIVILEGES;"

echo "export CB_POSTGRES_ADMIN_URL=postgres://app:app@127.0.0.1:$PG_PORT/postgres"
echo "export CB_MYSQL_ADMIN_URL=mysql://app:app@127.0.0.1:$MY_PORT/mysql"
# CI builds FerretDB in the background while the rest installs (CB_FERRETDB=separate, see .ci/run).
[ "${CB_FERRETDB:-}" = separate ] || CB_SERVICES_DIR=$STATE bash "$(dirname "${BASH_SOURCE[0]}")/ferretdb.sh"
