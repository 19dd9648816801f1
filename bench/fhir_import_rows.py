"""bench/fhir_import_rows.py DB: every row of an imported SQLite file, ids, times, MRNs and password hashes normalised, one sorted
line per row, to diff the imports of the same Bundles by two builds (issue 21: a faster import leaves the same rows)."""
import re, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
people = {pid.lower(): f"<patient {value}>" for pid, value in db.execute("select patient_id, value from patient_identifiers")}
users = {uid.lower(): f"<user {name}>" for uid, name in db.execute("select id, username from users")}
mrns = [m for (m,) in db.execute("select mrn from patients")]
def norm(v):
    if v is None: return "NULL"
    s = str(v)
    for m in mrns: s = s.replace(m, "<mrn>")
    return UUID.sub(lambda m: people.get(m.group(0).lower()) or users.get(m.group(0).lower()) or "<uuid>", s)
skip = {"seal", "hash", "previous_hash"}
volatile = lambda c: c.endswith("_at") or "_ms" in c or "millis" in c or c in skip
tables = [t for (t,) in db.execute("select name from sqlite_master where type='table' and name not like 'sqlite%' and name != '_fluent_migrations' order by name")]
hashcol = lambda c: "hash" in c
for t in tables:
    cols = [c[1] for c in db.execute(f"pragma table_info({t})") if not volatile(c[1]) and not hashcol(c[1])]
    rows = sorted("|".join(norm(v) for v in r) for r in db.execute(f"select {', '.join(chr(34)+c+chr(34) for c in cols)} from {t}"))
    print(f"## {t} {len(rows)} ({', '.join(cols)})")
    for r in rows: print(r)
