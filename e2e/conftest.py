"""Shared fixtures: one `hearth demo` process for the API and browser suites, on SQLite in a temporary folder, or on
PostgreSQL when HEARTH_E2E_DATABASE_URL is a postgres:// URL (its public schema is emptied first: give it a database
of its own, e.g. `HEARTH_PG_DB=hearth_e2e bash e2e/postgres.sh start`). With HEARTH_E2E_BASE_URL the suites drive a
Hearth someone else started (e2e/cluster.sh: two instances behind nginx) on HEARTH_E2E_DATABASE_URL, and leave it be."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Hearth:
    def __init__(self, binary: str, database: str, base_url: str, process: subprocess.Popen):
        self.binary, self.database, self.base_url, self.process = binary, database, base_url, process

    def cli(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
        env = dict(os.environ, DATABASE_URL=self.database)
        return subprocess.run([self.binary, *args], cwd=REPO, env=env, input=stdin, text=True, capture_output=True, timeout=120)

    def token(self, username: str) -> str:
        result = self.cli("token", "create", "--username", username, "--name", "e2e")
        assert result.returncode == 0, result.stderr
        return [line for line in result.stdout.splitlines() if line.startswith("hth_")][-1]


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
    port = free_port()
    log = open(os.path.join(workdir, "server.log"), "w+")
    env = dict(os.environ, DATABASE_URL=database, LOG_LEVEL="notice")
    process = subprocess.Popen([binary, "demo", "--hostname", "127.0.0.1", "--port", str(port)],
                               cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while True:
        if process.poll() is not None:
            log.seek(0)
            pytest.fail(f"hearth demo exited with {process.returncode}:\n{log.read()[-3000:]}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if time.time() > deadline:
            process.kill()
            pytest.fail("hearth demo did not answer /healthz within 120 s")
        time.sleep(0.5)
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
