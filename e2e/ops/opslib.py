"""What the operations drills share: start and stop `hearth`, its CLI, a database to count rows in, and a writer that
keeps creating patients through the FHIR API and remembers every write the server acknowledged (201)."""
import json
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
BINARY = str(REPO / os.environ.get("HEARTH_BIN", ".build/debug/hearth"))
KEY_TABLES = ["users", "patients", "episodes", "visits", "assessments", "medications", "care_plan_versions",
              "physician_orders", "tasks", "audit_events"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def audit_env(folder: str) -> dict:
    """The audit key and checkpoint file, kept outside the database as an agency would."""
    return {"HEARTH_AUDIT_KEY": secrets.token_hex(32), "HEARTH_AUDIT_CHECKPOINTS": os.path.join(folder, "audit-checkpoints.log"),
            "HEARTH_AUDIT_CHECKPOINT_SECONDS": "1"}


class Database:
    """An SQLite file or a PostgreSQL URL, counted with sqlite3 or psql."""

    def __init__(self, url: str):
        self.url = url
        self.postgres = url.startswith("postgres")

    def reset(self):
        if self.postgres:
            self.sql("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
        else:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(self.url + suffix):
                    os.remove(self.url + suffix)

    def sql(self, query: str) -> list:
        if self.postgres:
            out = subprocess.run(["psql", self.url, "-qAt", "-F", "\t", "-c", query], capture_output=True, text=True, timeout=120)
            assert out.returncode == 0, out.stderr
            return [line.split("\t") for line in out.stdout.splitlines()]
        with sqlite3.connect(self.url, timeout=30) as connection:
            return [list(map(str, row)) for row in connection.execute(query).fetchall()]

    def counts(self, tables=KEY_TABLES) -> dict:
        return {table: int(self.sql(f"SELECT count(*) FROM {table}")[0][0]) for table in tables}

    def present(self, ids: list) -> int:
        """How many of these patient ids are in the database."""
        found = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            listed = ", ".join(f"'{i}'" for i in chunk)
            found += int(self.sql(f"SELECT count(*) FROM patients WHERE lower(CAST(id AS TEXT)) IN ({listed.lower()})")[0][0])
        return found


class Hearth:
    """One `hearth` process (serve or demo) on a port of its own."""

    def __init__(self, database: str, env: dict, workdir: str, name: str = "hearth"):
        self.database, self.workdir, self.name = database, workdir, name
        self.env = dict(os.environ, DATABASE_URL=database, LOG_LEVEL="warning", **env)
        self.process = None
        self.port = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cli(self, *args: str, stdin: str = "", check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([BINARY, *args], cwd=REPO, env=self.env, input=stdin, text=True, capture_output=True, timeout=600)
        if check:
            assert result.returncode == 0, f"hearth {' '.join(args)} exited {result.returncode}:\n{result.stdout}{result.stderr}"
        return result

    def token(self, username: str = "casemanager") -> str:
        out = self.cli("token", "create", "--username", username, "--name", "ops drill").stdout
        return [line for line in out.splitlines() if line.startswith("hth_")][-1]

    def start(self, command: str = "serve", port: int = 0, extra=(), timeout: float = 300) -> float:
        """Starts and waits for /healthz; returns the seconds it took."""
        self.port = port or self.port or free_port()
        log = open(os.path.join(self.workdir, f"{self.name}.log"), "a")
        began = time.time()
        self.process = subprocess.Popen([BINARY, command, "--hostname", "127.0.0.1", "--port", str(self.port), *extra],
                                        cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        while time.time() - began < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}: see {log.name}\n" + Path(log.name).read_text()[-2000:])
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return time.time() - began
            except OSError:
                pass
            time.sleep(0.1)
        self.process.kill()
        raise RuntimeError(f"{self.name} did not answer /healthz within {timeout} s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            code = self.process.wait(timeout=30)
            log = Path(self.workdir, f"{self.name}.log")
            assert code == 0, f"{self.name} exited {code} after SIGTERM; the end of {log}:\n" + log.read_text()[-3000:]

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)


def request(base: str, method: str, path: str, token: str = None, body=None, timeout: float = 30):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Accept", "application/fhir+json")
    if data is not None:
        req.add_header("Content-Type", "application/fhir+json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None


def new_patient(label: str, number: int) -> dict:
    return {"resourceType": "Patient", "name": [{"family": f"Drill{label}", "given": [f"Write{number}"]}],
            "gender": "female", "birthDate": "1944-06-01"}


class Writer:
    """Threads that create patients until stopped. `acknowledged` holds (id, time the 201 arrived); `failed` every
    request that did not end in 201 (status or exception), with the time it was sent and answered."""

    def __init__(self, base: str, token: str, label: str, threads: int = 4, reads: bool = False):
        self.base, self.token, self.label, self.reads = base, token, label, reads
        self.acknowledged, self.failed, self.reads_ok = [], [], 0
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(n,), daemon=True) for n in range(threads)]
        self.counter = 0

    def run(self, worker: int):
        while not self.stopping.is_set():
            with self.lock:
                self.counter += 1
                number = self.counter
            sent = time.time()
            try:
                status, body = request(self.base, "POST", "/fhir/Patient", self.token, new_patient(self.label, number), timeout=15)
                if status == 201:
                    with self.lock:
                        self.acknowledged.append((body["id"], time.time()))
                    if self.reads:
                        status, _ = request(self.base, "GET", f"/fhir/Patient/{body['id']}", self.token, timeout=15)
                        if status == 200:
                            with self.lock:
                                self.reads_ok += 1
                        else:
                            raise RuntimeError(f"read answered {status}")
                else:
                    raise RuntimeError(f"create answered {status}")
            except Exception as error:  # a refused connection, a reset, a 5xx: all count as not acknowledged
                with self.lock:
                    self.failed.append((sent, time.time(), str(error)[:120]))
                time.sleep(0.05)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def server_errors(self) -> list:
        """Requests the server answered with a 5xx (as opposed to connections a kill cut off)."""
        with self.lock:
            return [f for f in self.failed if "answered 5" in f[2]]

    def ids(self) -> list:
        with self.lock:
            return [i for i, _ in self.acknowledged]
