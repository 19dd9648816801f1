#!/usr/bin/env bash
# The rate and memory of a FHIR Bulk Data export of a whole seeded agency, as a backend client runs it (issue 24).
#   bench/bulk-export.sh [PATIENTS] [DATABASE_URL]
# Defaults: 100000 patients in a fresh SQLite file. BENCH_REUSE=1 exports an agency already seeded (by this script or
# bench/run.sh). HEARTH_BIN names the binary (default .build/release/hearth; measure release builds only). Needs the e2e
# venv (bash e2e/install.sh) for requests, PyJWT and cryptography. Prints the export's time, patients/s, resources/s,
# the server's resident memory before, during (peak) and after, and the download rate of the NDJSON files.
set -euo pipefail
cd "$(dirname "$0")/.."
patients=${1:-100000}
bin=$(realpath "${HEARTH_BIN:-.build/release/hearth}")
[ -x "$bin" ] || { echo "build first: swift build -c release (or set HEARTH_BIN)" >&2; exit 1; }
python=e2e/.venv/bin/python
[ -x "$python" ] || { echo "the e2e venv is missing: bash e2e/install.sh" >&2; exit 1; }
work=$(mktemp -d)
export DATABASE_URL=${2:-$work/bench.sqlite}
export LOG_LEVEL=error HEARTH_MFA_REQUIRED=none
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

if [ "${BENCH_REUSE:-0}" = 1 ]; then
  echo "reusing the agency already in ${DATABASE_URL%%\?*} (BENCH_REUSE=1)"
  "$bin" migrate >/dev/null
else
  if [[ $DATABASE_URL == postgres* ]]; then psql "$DATABASE_URL" -qc "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"; fi
  "$bin" migrate >/dev/null
  echo "seeding $patients patients into ${DATABASE_URL%%\?*}"
  /usr/bin/time -f "seeded in %e s" "$bin" seed --patients "$patients" | tail -1
fi
"$bin" serve --hostname 127.0.0.1 --port "$port" > "$work/server.log" 2>&1 & server=$!
trap 'kill $server 2>/dev/null; [ -s "$work/server.log" ] && { echo "server log (last lines):"; tail -5 "$work/server.log"; }; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
"$python" bench/bulk_export.py "$bin" "http://127.0.0.1:$port" "$server" "${BENCH_USER:-supervisor}" "$work"
