#!/usr/bin/env bash
# SIGKILL under acknowledged writes, KILLS times (default 50), on SQLite, or on PostgreSQL with `postgres` (docs/OPERATIONS.md).
#   bash e2e/kill_loop.sh 50            bash e2e/kill_loop.sh 25 postgres
set -uo pipefail
cd "$(dirname "$0")/.."
kills=${1:-50}
if [ "${2:-sqlite}" = postgres ]; then
  url=$(HEARTH_PG_DB=hearth_kill bash e2e/postgres.sh start | tail -n 1)
  [ -n "$url" ] || { echo "FAIL PostgreSQL did not start"; exit 1; }
  exec e2e/.venv/bin/python e2e/ops/kill_loop.py "$kills" "$url"
fi
exec e2e/.venv/bin/python e2e/ops/kill_loop.py "$kills"
