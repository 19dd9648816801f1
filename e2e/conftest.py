"""Shared fixtures: one `hearth demo` process for the API and browser suites, on SQLite in a temporary folder, or on
PostgreSQL when HEARTH_E2E_DATABASE_URL is a postgres:// URL (its public schema is emptied first: give it a database
of its own, e.g. `HEARTH_PG_DB=hearth_e2e bash e2e/postgres.sh start`). With HEARTH_E2E_BASE_URL the suites drive a
Hearth someone else started (e2e/cluster.sh: two instances behind nginx) on HEARTH_E2E_DATABASE_URL, and leave it be."""
import os
import shutil
import signal
import subprocess
import tempfile

import pytest

from hearth_process import REPO, Hearth, start_demo


@pytest.fixture(scope="session")
def hearth():
    binary = str(REPO / os.environ.get("HEARTH_BIN", ".build/debug/hearth"))
    if os.environ.get("HEARTH_E2E_BASE_URL"):
        yield Hearth(binary, os.environ["HEARTH_E2E_DATABASE_URL"], os.environ["HEARTH_E2E_BASE_URL"].rstrip("/"), None)
        return
    workdir = tempfile.mkdtemp(prefix="hearth-e2e-")
    database = os.path.join(workdir, "hearth.sqlite")
    postgres = os.environ.get("HEARTH_E2E_DATABASE_URL", "")
    if postgres.startswith("postgres"):
        # A new demo agency every run, as on SQLite: `hearth demo` reuses whatever data it finds.
        reset = subprocess.run(["psql", postgres, "-qAt", "-c", "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;"],
                               capture_output=True, text=True, timeout=60)
        assert reset.returncode == 0, reset.stderr
        database = postgres
    log = open(os.path.join(workdir, "server.log"), "w+")
    server = start_demo(database, log, dict(os.environ))
    process, base = server.process, server.base_url
    yield Hearth(binary, database, base, process)
    process.send_signal(signal.SIGTERM)
    try:
        code = process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("hearth did not stop within 15 s of SIGTERM")
    log.seek(0)
    output = log.read()
    assert code == 0, f"hearth exited with {code} after SIGTERM:\n{output[-2000:]}"
    # The audit trail written during the suites is intact.
    verify = Hearth(binary, database, base, process).cli("audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    shutil.rmtree(workdir, ignore_errors=True)
