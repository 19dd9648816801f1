#!/usr/bin/env bash
# Hearth's route optimizer against PyVRP and OR-Tools on Gehring–Homberger VRPTW instances (one command).
#   bench/vrptw/run.sh [SECONDS] [INSTANCE ...]
# Defaults: 10 s per solver on C1_10_1 R1_10_1 RC1_10_1 R2_10_1 from ../shared/benchmarks/vrptw (VRPLIB, DIMACS
# convention). Builds the release `hearth-vrptw` and a venv of its own (bench/vrptw/.venv), then prints a markdown
# table of each solver's cost and gap to the best-known solution, every solution re-checked by compare.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
shift || true
instances=("$@")
[ ${#instances[@]} -gt 0 ] || instances=(C1_10_1 R1_10_1 RC1_10_1 R2_10_1)
folder=${VRPTW_INSTANCES:-../shared/benchmarks/vrptw}
swift build -c release --product hearth-vrptw 2>&1 | grep -E "error|Build of product" >&2
venv=bench/vrptw/.venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r bench/vrptw/requirements.txt
fi
"$venv/bin/python" bench/vrptw/compare.py "$folder" "$seconds" .build/release/hearth-vrptw "${instances[@]}"
