#!/usr/bin/env bash
# Throughput and p99 latency of Hearth's main pages on loopback, against a seeded agency.
#   bench/run.sh [PATIENTS] [DATABASE_URL]
# Defaults: 100000 patients in a fresh SQLite file. Needs wrk (apt-get install wrk) and a release build
# (swift build -c release). Prints one line per endpoint: requests/s, p99, and the ratio to /healthz.
set -euo pipefail
cd "$(dirname "$0")/.."
patients=${1:-100000}
bin=${HEARTH_BIN:-.build/release/hearth}
[ -x "$bin" ] || { echo "build first: swift build -c release" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
export DATABASE_URL=${2:-$work/bench.sqlite}
export LOG_LEVEL=error
export HEARTH_MFA_REQUIRED=${HEARTH_MFA_REQUIRED:-none} # the bench signs in as the supervisor with a password only
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
duration=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-16}

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
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done

# A signed-in case manager and supervisor (cookies) and a bearer token for FHIR.
source bench/signin.sh
cookie=$(signin "$base" casemanager "$work/jar-casemanager")
supervisor=$(signin "$base" supervisor "$work/jar-supervisor")
token=$("$bin" token create --username casemanager --name bench | grep '^hth_')
patient=$(curl -s -H "Authorization: Bearer $token" "$base/fhir/Patient?_count=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["entry"][0]["resource"]["id"])')

run() { # name, path, header
  local out; out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -H "$3" "$base$2")
  local rps p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/{print $5}')
  printf "%-28s %10s req/s   p99 %8s   %s\n" "$1" "$rps" "$p99" "${non2xx:+non-2xx: $non2xx}"
  echo "$rps" > "$work/$1.rps"
}
echo "endpoint                     throughput        latency   ($connections connections, ${duration}s each, $(nproc) cores)"
run healthz /healthz "X-Bench: 1"
# The ceiling for any page: signed in (one query for the session) and a small form rendered, no patient data read.
run signed-in-form /patients/new "Cookie: $cookie"
run patient-search "/patients?q=abern" "Cookie: $cookie"
run chart "/patients/$patient" "Cookie: $cookie"
run caseload-home "/" "Cookie: $cookie"
run caseload-list "/patients" "Cookie: $cookie"
run fhir-patient-read "/fhir/Patient/$patient" "Authorization: Bearer $token"
run medications "/patients/$patient/medications" "Cookie: $cookie"
run schedule-week "/schedule" "Cookie: $supervisor"
run schedule-agency "/schedule?page=all" "Cookie: $supervisor"
run compliance-overdue "/compliance" "Cookie: $supervisor"
run compliance-rule "/compliance?show=all&rule=recertification-assessment" "Cookie: $supervisor"
run worklist "/worklist" "Cookie: $cookie"
run home-safety "/patients/$patient/home-safety" "Cookie: $cookie"
run healthz-again /healthz "X-Bench: 1" # the machine's drift over the run: ratios use the first
health=$(cat "$work/healthz.rps")
echo "ratio to /healthz:"
for name in signed-in-form patient-search chart caseload-home caseload-list fhir-patient-read medications schedule-week schedule-agency compliance-overdue compliance-rule worklist home-safety; do
  python3 -c "import sys; print(f'  {sys.argv[1]:<26} {float(sys.argv[2])/float(sys.argv[3]):6.1%}')" "$name" "$(cat "$work/$name.rps")" "$health"
done
