#!/usr/bin/env bash
# Hearth's day planner against PyVRP on generated home-health agency days (one command).
#   bench/agency-day/run.sh [SECONDS] [SIZE ...]
# Defaults: 10 s per solver on days of 200, 500 and 2,000 visits (generate.py, seed 1). Builds the release
# `hearth-vrptw` (HearthCore only) and reuses bench/vrptw's venv (PyVRP 0.14.1), then prints a markdown table per day,
# every solution scored by compare.py's one evaluator.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(200 500 2000)
swift build -c release --product hearth-vrptw 2>&1 | grep -E "error|Build of product" >&2
venv=bench/vrptw/.venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r bench/vrptw/requirements.txt
fi
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/')" >&2
"$venv/bin/python" bench/agency-day/compare.py "$seconds" .build/release/hearth-vrptw "${sizes[@]}"
echo "after: $(uptime | sed 's/.*load average/load average/')" >&2
