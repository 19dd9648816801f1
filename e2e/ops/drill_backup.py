"""The restore drill [45 CFR 164.308(a)(7)(ii)(B), (D)]: a live `hearth demo` takes writes through the FHIR API while
`hearth backup` copies it; the copy is restored into a fresh database, its key tables are counted against the live
one, every write acknowledged before the backup began is found in it, the audit chain verifies with the key and the
checkpoints taken up to the backup, and the restored database serves. Prints how long the restore took.

    python e2e/ops/drill_backup.py                      # SQLite files in a temporary folder
    python e2e/ops/drill_backup.py LIVE_PG_URL FRESH_PG_URL   # two PostgreSQL databases (both emptied first)
"""
import os
import sys
import tempfile
import time

from opslib import KEY_TABLES, Database, Hearth, Writer, audit_env, request

# Tables the writer does not touch must come back exactly as they were; the writer's own grow while the backup runs.
WRITTEN = {"patients", "audit_events", "tasks"}


def main() -> int:
    workdir = tempfile.mkdtemp(prefix="hearth-drill-")
    live_url = sys.argv[1] if len(sys.argv) > 1 else os.path.join(workdir, "live", "hearth.sqlite")
    fresh_url = sys.argv[2] if len(sys.argv) > 2 else os.path.join(workdir, "restored", "hearth.sqlite")
    kind = "PostgreSQL" if live_url.startswith("postgres") else "SQLite"
    live, fresh = Database(live_url), Database(fresh_url)
    live.reset(), fresh.reset()
    env = audit_env(workdir)
    backup = os.path.join(workdir, "hearth.backup")
    failures = []

    server = Hearth(live_url, env, workdir, "live")
    seeded = server.start("demo", extra=("--patients", "120"))
    token = server.token()
    with Writer(server.base, token, "Backup", threads=4, reads=True) as writer:
        time.sleep(3)
        acknowledged_before = writer.ids()
        began = time.time()
        out = server.cli("backup", backup)
        backup_seconds = time.time() - began
        time.sleep(2)
    server.stop()
    live_counts = live.counts()
    print(f"live demo ({kind}): seeded and serving in {seeded:.1f} s; {len(writer.acknowledged)} patients created and "
          f"{writer.reads_ok} read back during the drill, {len(writer.failed)} failed")
    print(f"backup under writes: {backup_seconds:.1f} s, {os.path.getsize(backup) / 1e6:.1f} MB — {out.stdout.strip().splitlines()[0]}")
    if writer.failed:
        # Not the drill's subject, but never hidden: on SQLite concurrent writers can meet "database is locked" (a
        # deferred transaction that read before it wrote), answered 500; nothing acknowledged is lost by it.
        print(f"WARNING {len(writer.failed)} writes were refused during the drill ({len(writer.server_errors())} answered 5xx): "
              f"{writer.failed[0][2]}")

    restorer = Hearth(fresh_url, env, workdir, "restored")
    began = time.time()
    restored = restorer.cli("restore", backup, check=False)
    restore_seconds = time.time() - began
    print(restored.stdout.strip())
    if restored.returncode != 0:
        print(restored.stderr.strip())
        print(f"FAIL restore exited {restored.returncode}")
        return 1
    refused = restorer.cli("restore", backup, check=False)
    if refused.returncode == 0:
        failures.append("a second restore into the now full database was not refused")

    counts = fresh.counts()
    for table in KEY_TABLES:
        if table in WRITTEN:
            continue
        if counts[table] != live_counts[table]:
            failures.append(f"{table}: {counts[table]} rows restored, {live_counts[table]} in the live database")
    print("rows restored / live: " + ", ".join(f"{t} {counts[t]}/{live_counts[t]}" for t in KEY_TABLES))
    if not (0 < counts["patients"] <= live_counts["patients"]):
        failures.append(f"patients: {counts['patients']} restored of {live_counts['patients']}")
    found = fresh.present(acknowledged_before)
    print(f"writes acknowledged before the backup began: {len(acknowledged_before)}, found after restore: {found}")
    if found != len(acknowledged_before):
        failures.append(f"{len(acknowledged_before) - found} writes acknowledged before the backup are missing")

    verify = restorer.cli("audit", "verify", "--restored", check=False)
    print(verify.stdout.strip() or verify.stderr.strip())
    if verify.returncode != 0:
        failures.append("audit verify --restored failed: " + verify.stderr.strip()[-300:])

    # The restored database serves, with a checkpoint file of its own from here on (the old one is kept).
    restorer.env["HEARTH_AUDIT_CHECKPOINTS"] = os.path.join(workdir, "audit-checkpoints-after-restore.log")
    restorer.start("serve")
    status, body = request(restorer.base, "GET", f"/fhir/Patient/{acknowledged_before[0]}", restorer.token())
    if status != 200:
        failures.append(f"the restored server answered {status} for a patient written before the backup")
    restorer.stop()
    after = restorer.cli("audit", "verify", check=False)
    if after.returncode != 0:
        failures.append("audit verify after serving the restored database failed: " + after.stderr.strip()[-300:])

    print(f"restore drill ({kind}): backup {backup_seconds:.1f} s under writes, restore {restore_seconds:.1f} s "
          f"({counts['patients']} patients, {counts['audit_events']} audit records) — the proposed HIPAA update asks for 72 hours")
    for failure in failures:
        print("FAIL " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
