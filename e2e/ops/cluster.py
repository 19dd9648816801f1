"""Many instances, one database: two `hearth serve` on one PostgreSQL behind nginx (round robin, so consecutive requests
of one browser land on different instances). Proves that a session, a form's CSRF token, the worklist's unique rule
tasks and the sealed audit chain hold across instances, drives part of the browser suite through the proxy, then kills
one instance under load and counts what was lost.

    python e2e/ops/cluster.py PG_URL
"""
import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from opslib import REPO, Database, Hearth, Writer, audit_env

NGINX = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
{user}
events {{ worker_connections 1024; }}
http {{
  log_format upstream '$request_method $uri $status $upstream_addr $upstream_status';
  access_log {dir}/nginx-access.log upstream;
  client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy; fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
  upstream hearth {{
    server 127.0.0.1:{a} max_fails=1 fail_timeout=30s;
    server 127.0.0.1:{b} max_fails=1 fail_timeout=30s;
    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 2m;
    location / {{
      proxy_pass http://hearth;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_502;
      proxy_connect_timeout 2s;
    }}
  }}
}}
"""


class Client:
    """A browser without a browser: its own cookies, sent to whichever instance it is pointed at."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def get(self, base, path):
        return self.send(urllib.request.Request(base + path))

    def post(self, base, path, form):
        return self.send(urllib.request.Request(base + path, data=urllib.parse.urlencode(form).encode(), method="POST"))

    def send(self, req):
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def csrf_of(page: str) -> str:
    found = re.search(r'name="_csrf" value="([^"]+)"', page)
    assert found, "the page carries no CSRF field"
    return found.group(1)


def check(failures, ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def across_instances(a: Hearth, b: Hearth, db: Database, failures: list):
    """Sign in on one instance, use the session and its form tokens on the other, sign out on the first."""
    client = Client()
    status, page, _ = client.get(a.base, "/login")
    status, _, headers = client.post(b.base, "/login", {"username": "casemanager", "password": "hearth-demo", "_csrf": csrf_of(page)})
    check(failures, status in (302, 303), f"signed in on B with the form A rendered (answered {status})")
    status, home, _ = client.get(a.base, "/")
    check(failures, status == 200 and "signed-in-user" in home, "the session made on B is signed in on A")
    token_from_a = csrf_of(home)
    status, _, _ = client.post(b.base, "/logout", {"_csrf": "not-the-token"})
    check(failures, status == 403, f"B refuses a form with a wrong CSRF token (answered {status})")
    # The worklist: both instances sync the same caseload at the same moment, eight times over.
    answers = []
    def worklist(base):
        answers.append(client.get(base, "/worklist")[0])
    for _ in range(8):
        threads = [threading.Thread(target=worklist, args=(base,)) for base in (a.base, b.base)]
        [t.start() for t in threads]
        [t.join() for t in threads]
    check(failures, answers.count(200) == 16, f"16 simultaneous worklist syncs on A and B answered {Counter(answers)}")
    duplicates = db.sql("SELECT dedupe_key, count(*) FROM tasks WHERE dedupe_key IS NOT NULL GROUP BY dedupe_key HAVING count(*) > 1")
    rule_tasks = db.sql("SELECT count(*) FROM tasks WHERE dedupe_key IS NOT NULL")[0][0]
    check(failures, not duplicates, f"no rule task twice ({rule_tasks} rule tasks, {len(duplicates)} duplicated)")
    session = [c.value for c in client.jar if c.name == "hearth_session"]
    status, _, _ = client.post(b.base, "/logout", {"_csrf": token_from_a})
    check(failures, status in (302, 303), f"signed out on B with the token A's page carried (answered {status})")
    # The old cookie, sent again as a thief would: A no longer knows the session.
    stale = urllib.request.Request(a.base + "/", headers={"Cookie": f"hearth_session={session[0] if session else ''}"})
    status, _, headers = Client().send(stale)
    check(failures, status == 401 or (status in (302, 303) and "/login" in (headers.get("Location") or "")),
          f"the session ended on B is gone on A (answered {status} {headers.get('Location')})")


def browser_suite(proxy: str, db_url: str, env: dict, failures: list):
    tests = ["browser/test_login.py", "browser/test_coordination.py"]
    run_env = dict(os.environ, HEARTH_E2E_BASE_URL=proxy, HEARTH_E2E_DATABASE_URL=db_url, **env)
    result = subprocess.run([str(REPO / "e2e/.venv/bin/python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
                            cwd=REPO / "e2e", env=run_env, capture_output=True, text=True, timeout=900)
    print("\n".join(result.stdout.strip().splitlines()[-8:]))
    check(failures, result.returncode == 0, "browser suite through nginx: " + ", ".join(tests))


def kill_under_load(proxy: str, token: str, b: Hearth, db: Database, failures: list):
    with Writer(proxy, token, "Cluster", threads=8, reads=True) as writer:
        time.sleep(4)
        killed_at = time.time()
        b.kill()
        time.sleep(4)
    acknowledged = writer.ids()
    # A request nginx sent to B while its process was being torn down (a few ms after kill -9) is in flight too: nginx does
    # not retry a POST on another instance (non-idempotent). Half a second after the kill nothing may fail.
    settled = killed_at + 0.5
    in_flight = [f for f in writer.failed if f[0] <= settled]
    after = [f for f in writer.failed if f[0] > settled]
    print(f"under load through nginx: {len(acknowledged)} writes acknowledged, {writer.reads_ok} reads; instance B killed "
          f"at 4 s; {len(in_flight)} requests failed that were in flight at the kill, {len(after)} sent after it")
    for sent, answered, error in writer.failed[:5]:
        print(f"  failed: sent {sent - killed_at:+.2f} s from the kill, answered {answered - killed_at:+.2f} s: {error}")
    check(failures, len(in_flight) <= 8, f"at most one request per client lost at the kill ({len(in_flight)} of 8 clients)")
    check(failures, not after, "no request sent half a second or more after the kill failed")
    found = db.present(acknowledged)
    check(failures, found == len(acknowledged), f"every acknowledged write is in the database ({found}/{len(acknowledged)})")


def main() -> int:
    db_url = sys.argv[1]
    workdir = tempfile.mkdtemp(prefix="hearth-cluster-")
    db = Database(db_url)
    db.reset()
    env = audit_env(workdir)
    env["HEARTH_TRUSTED_PROXIES"] = "127.0.0.1"
    env["HEARTH_MFA_REQUIRED"] = "none"  # the suites sign the demo's supervisor and admin in with a password (serve requires MFA for them)
    failures = []
    began = time.time()
    seeder = Hearth(db_url, env, workdir, "seed")
    seeder.start("demo")
    seeder.stop()
    a, b = Hearth(db_url, env, workdir, "a"), Hearth(db_url, env, workdir, "b")
    a.start("serve"), b.start("serve")
    proxy_port = a.port + 1000 if a.port < 64000 else a.port - 1000
    for directory in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        os.makedirs(os.path.join(workdir, directory), exist_ok=True)
    Path(workdir, "nginx.conf").write_text(NGINX.format(dir=workdir, a=a.port, b=b.port, port=proxy_port,
                                                        user="user root;" if os.getuid() == 0 else ""))
    nginx = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-c", os.path.join(workdir, "nginx.conf"), "-p", workdir,
                              "-g", "daemon off;"], stderr=subprocess.STDOUT, stdout=open(os.path.join(workdir, "nginx.out"), "w"))
    proxy = f"http://127.0.0.1:{proxy_port}"
    for _ in range(50):
        try:
            urllib.request.urlopen(proxy + "/healthz", timeout=2)
            break
        except OSError:
            time.sleep(0.1)
    print(f"two instances (:{a.port}, :{b.port}) on one PostgreSQL behind nginx (:{proxy_port}), ready in {time.time() - began:.0f} s")
    try:
        across_instances(a, b, db, failures)
        browser_suite(proxy, db_url, env, failures)
        log = Path(workdir, "nginx-access.log")
        served = Counter(line.split()[3] for line in (log.read_text() if log.exists() else "").splitlines() if len(line.split()) > 3)
        print("requests each instance served through nginx: " + ", ".join(f"{k} {v}" for k, v in served.items()))
        check(failures, len([k for k in served if k != "-"]) >= 2, "both instances served the browser suite")
        kill_under_load(proxy, a.token(), b, db, failures)
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        b.kill()
        a.stop()
    verify = a.cli("audit", "verify", check=False)
    print(verify.stdout.strip() or verify.stderr.strip())
    check(failures, verify.returncode == 0, "audit verify after two instances sealed one chain (one killed mid-run)")
    print(f"cluster: {len(failures)} failed, {time.time() - began:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
