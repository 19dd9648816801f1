#!/usr/bin/env bash
# Installs what the PostgreSQL, API, browser and operations suites need. Idempotent: skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
command -v psql >/dev/null || need+=(postgresql-client)
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
# The reverse proxy in front of two instances (e2e/cluster.sh); Debian's package, started by the script, not as a service.
[ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  echo "apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Python tools live in their own environment: fhir.resources 6.4 (FHIR R4 4.0.1 models) needs pydantic 1.
venv=e2e/.venv
if [ ! -x "$venv/bin/python" ] || ! cmp -s e2e/requirements.txt "$venv/requirements.installed"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r e2e/requirements.txt
  cp e2e/requirements.txt "$venv/requirements.installed"
fi
echo "e2e tools ready: $("$venv/bin/python" -c 'import selenium, fhir.resources; print("selenium", selenium.__version__, "fhir.resources", fhir.resources.__version__)')"

# The synthetic data generator of the FHIR import test (carebundle, Synthea-like US Core Bundles) needs pydantic 2:
# its own environment, called as a program.
generator=e2e/.venv-generator
if [ ! -x "$generator/bin/carebundle" ] || ! cmp -s e2e/requirements-generator.txt "$generator/requirements.installed"; then
  python3 -m venv "$generator"
  "$generator/bin/pip" install -q --disable-pip-version-check -r e2e/requirements-generator.txt
  cp e2e/requirements-generator.txt "$generator/requirements.installed"
fi
echo "generator ready: $("$generator/bin/carebundle" --help >/dev/null && echo carebundle)"
