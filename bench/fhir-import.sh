#!/usr/bin/env bash
# Resources per second that `hearth fhir import` loads into a fresh SQLite database (issue 21: ≥ 2,500/s on 2 cores).
#   bench/fhir-import.sh [PATIENTS] [BINARY]
# Defaults: 2,000 patients (9 resources each, plus a payer and a physician per 80 patients: 18,050 resources) and a
# release build (swift build -c release). Prints the import's summary line (with its rate) and the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
patients=${1:-2000}
bin=${2:-.build/release/hearth}
[ -x "$bin" ] || { echo "build first: swift build -c release" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DATABASE_URL=$work/import.sqlite LOG_LEVEL=error
"$bin" migrate >/dev/null
printf 'bench-import-lantern\n' | "$bin" user create --role case-manager --username importer --name "Bench importer" >/dev/null
python3 bench/fhir_import_data.py "$patients" "$work/data"
echo "$patients patients in $(ls "$work/data" | wc -l) transaction Bundles; $bin"
"$bin" fhir import "$work/data" --username importer | tail -1
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr)"
