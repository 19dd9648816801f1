"""A `hearth demo` process for the suites: started on a free port, waited for until /healthz answers, and driven by its
CLI on the same database. Shared by the suites' one server (conftest.py) and the two installations (federation/)."""
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

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


def start_demo(database: str, log, env: dict, name: str = "hearth", wait: int = 120) -> Hearth:
    """`hearth demo` on `database`, its output in `log`; fails the test (with the log's end) if it exits or is not up in `wait` s."""
    import pytest
    binary = str(REPO / os.environ.get("HEARTH_BIN", ".build/debug/hearth"))
    port = free_port()
    process = subprocess.Popen([binary, "demo", "--hostname", "127.0.0.1", "--port", str(port)], cwd=REPO,
                               env=dict(env, DATABASE_URL=database, LOG_LEVEL="notice"), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + wait
    while True:
        if process.poll() is not None:
            log.seek(0)
            pytest.fail(f"the {name}'s hearth demo exited with {process.returncode}:\n{log.read()[-3000:]}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return Hearth(binary, database, base, process)
        except OSError:
            pass
        if time.time() > deadline:
            process.kill()
            pytest.fail(f"the {name}'s hearth demo did not answer /healthz within {wait} s")
        time.sleep(0.5)
