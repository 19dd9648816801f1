#!/usr/bin/env bash
# Two builds of Hearth side by side on one database: /healthz, the chart and the FHIR Patient read, each build in turn,
# ROUNDS times, so both see the same machine (on a shared machine one run of bench/run.sh drifts ±10%).
#   bench/ab.sh BIN_A BIN_B DATABASE_URL [ROUNDS] [SECONDS]
# The database is an agency already seeded (hearth seed --patients N); wrk -t2 -c16 on loopback, as bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { echo "usage: bench/ab.sh BIN_A BIN_B DATABASE_URL [ROUNDS] [SECONDS]" >&2; exit 2; }
a=$1 b=$2 rounds=${4:-3} seconds=${5:-6}
export DATABASE_URL=$3 LOG_LEVEL=error HEARTH_MFA_REQUIRED=none
work=$(mktemp -d)
source bench/signin.sh
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port_a=$(free_port); port_b=$(free_port)
"$a" serve --hostname 127.0.0.1 --port "$port_a" > "$work/a.log" 2>&1 & server_a=$!
"$b" serve --hostname 127.0.0.1 --port "$port_b" > "$work/b.log" 2>&1 & server_b=$!
trap 'kill $server_a $server_b 2>/dev/null; rm -rf "$work"' EXIT
for port in "$port_a" "$port_b"; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
done
token=$("$a" token create --username casemanager --name ab | grep '^hth_')
patient=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port_a/fhir/Patient?_count=1" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["entry"][0]["resource"]["id"])')
rps() { wrk -t2 -c16 -d"${seconds}s" -H "$2" "$1" | awk '/Requests\/sec/{print $2}'; }
echo "build  healthz   chart (ratio)       FHIR read (ratio)    ($seconds s each, $(nproc) cores)"
for round in $(seq 1 "$rounds"); do
  for side in A B; do
    port=$port_a; [ $side = B ] && port=$port_b
    base=http://127.0.0.1:$port
    cookie=$(signin "$base" casemanager "$work/jar-$side")
    health=$(rps "$base/healthz" "X-Bench: 1")
    chart=$(rps "$base/patients/$patient" "Cookie: $cookie")
    fhir=$(rps "$base/fhir/Patient/$patient" "Authorization: Bearer $token")
    python3 -c "import sys; h,c,f=map(float,sys.argv[2:]); print(f'{sys.argv[1]:<5} {h:8.0f} {c:7.0f} ({c/h:6.2%}) {f:8.0f} ({f/h:6.2%})')" "$side$round" "$health" "$chart" "$fhir"
  done
done
