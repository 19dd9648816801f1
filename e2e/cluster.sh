#!/usr/bin/env bash
# Two `hearth serve` instances on one PostgreSQL behind nginx (docs/OPERATIONS.md): sessions, CSRF, the worklist and the
# audit chain across instances, part of the browser suite through the proxy, then one instance killed under load.
set -uo pipefail
cd "$(dirname "$0")/.."
url=$(HEARTH_PG_DB=hearth_cluster bash e2e/postgres.sh start | tail -n 1)
[ -n "$url" ] || { echo "FAIL PostgreSQL did not start"; exit 1; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "FAIL nginx is not installed (bash e2e/install.sh)"; exit 1; }
exec e2e/.venv/bin/python e2e/ops/cluster.py "$url"
