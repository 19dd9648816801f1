"""Durability beyond a clean stop: `hearth serve` is killed with SIGKILL while clients write, over and over; afterwards
every write it acknowledged (201) must be in the database and the audit chain must verify. Protects data integrity
[45 CFR 164.312(c)(1)] and availability [164.308(a)(7)].

    python e2e/ops/kill_loop.py KILLS [DATABASE_URL]     # SQLite file in a temporary folder unless a PostgreSQL URL
"""
import os
import random
import sys
import tempfile
import time

from opslib import Database, Hearth, Writer, audit_env


def main() -> int:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    workdir = tempfile.mkdtemp(prefix="hearth-kill-")
    url = sys.argv[2] if len(sys.argv) > 2 else os.path.join(workdir, "hearth.sqlite")
    kind = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    db = Database(url)
    db.reset()
    server = Hearth(url, audit_env(workdir), workdir, "killed")
    server.cli("migrate")
    server.cli("user", "create", "--role", "case-manager", "--username", "casemanager", "--name", "Case Manager",
               stdin="quiet-harbor-lantern-kill\n")
    token = server.token()
    rng = random.Random(2026)
    acknowledged, failed, server_errors, starts = [], 0, 0, []
    began = time.time()
    for round in range(kills):
        starts.append(server.start("serve", timeout=120))
        with Writer(server.base, token, "Kill", threads=4) as writer:
            time.sleep(rng.uniform(0.2, 1.2))
            server.kill()
        acknowledged += writer.ids()
        failed += len(writer.failed)
        server_errors += len(writer.server_errors())
    server.start("serve")
    server.stop()
    found = db.present(acknowledged)
    verify = server.cli("audit", "verify", check=False)
    print(f"kill -9 loop ({kind}): {kills} kills in {time.time() - began:.0f} s; {len(acknowledged)} writes acknowledged, "
          f"{found} found afterwards; {failed} requests not acknowledged ({server_errors} answered 5xx, the rest cut off by a kill); "
          f"restart {sum(starts) / len(starts):.1f} s on average")
    print(verify.stdout.strip() or verify.stderr.strip())
    problems = []
    if found != len(acknowledged):
        problems.append(f"{len(acknowledged) - found} acknowledged writes lost")
    if verify.returncode != 0:
        problems.append("the audit chain does not verify after the kills")
    if server_errors:
        print(f"WARNING {server_errors} requests answered 5xx while the server ran (SQLite: database is locked); none was acknowledged")
    if len(acknowledged) < kills:
        problems.append("too few writes acknowledged for the loop to prove anything")
    for problem in problems:
        print("FAIL " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
