#!/usr/bin/env bash
# The restore drill (docs/OPERATIONS.md): backs up a live demo under writes, restores it into a fresh database, checks
# the rows and the audit chain, prints how long the restore took. SQLite always; PostgreSQL when asked:
#   bash e2e/drill_backup.sh             SQLite
#   bash e2e/drill_backup.sh postgres    two databases of the throw-away cluster (e2e/postgres.sh)
set -uo pipefail
cd "$(dirname "$0")/.."
py=e2e/.venv/bin/python
if [ "${1:-sqlite}" = postgres ]; then
  live=$(HEARTH_PG_DB=hearth_drill_live bash e2e/postgres.sh start | tail -n 1)
  fresh=$(HEARTH_PG_DB=hearth_drill_restored bash e2e/postgres.sh start | tail -n 1)
  [ -n "$live" ] && [ -n "$fresh" ] || { echo "FAIL PostgreSQL did not start"; exit 1; }
  exec "$py" e2e/ops/drill_backup.py "$live" "$fresh"
fi
exec "$py" e2e/ops/drill_backup.py
