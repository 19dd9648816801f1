#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on loopback for the test suites.
#   e2e/postgres.sh start   → prints postgres://hearth:hearth@127.0.0.1:PORT/hearth_test as its last line
#   e2e/postgres.sh stop
# HEARTH_PG_DB names another database in the same cluster (the browser suite's own, so it never shares one).
set -euo pipefail
port=${PGPORT:-54329}
dir=${HEARTH_PG_DIR:-/tmp/hearth-pg}
db=${HEARTH_PG_DB:-hearth_test}
bin=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
  stop)
    [ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    ;;
  start)
    if [ ! -d "$dir/data" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
      as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=1000" start >/dev/null
    fi
    psql_pg() { psql -h 127.0.0.1 -p "$port" -U postgres -qAt "$@"; }
    psql_pg -c "SELECT 1 FROM pg_roles WHERE rolname='hearth'" | grep -q 1 || psql_pg -c "CREATE ROLE hearth LOGIN PASSWORD 'hearth'"
    psql_pg -c "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 || psql_pg -c "CREATE DATABASE $db OWNER hearth"
    echo "postgres://hearth:hearth@127.0.0.1:$port/$db"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
