#!/usr/bin/env bash
# Operator CLI smoke test: migrate, create-user, token, audit verify catching a tampered record,
# and the one-line errors with exit code 1. Uses SQLite in a temp dir, or $HEARTH_CLI_DATABASE_URL.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${HEARTH_BIN:-.build/debug/hearth}
tmp=$(mktemp -d)
export DATABASE_URL=${HEARTH_CLI_DATABASE_URL:-$tmp/hearth.sqlite}
# The audit chain is keyed and checkpointed outside the database (issue 20 #1; 45 CFR 164.312(b), (c)(1)).
export HEARTH_AUDIT_KEY=cli-test-audit-key-0123456789abcdef0123456789
export HEARTH_AUDIT_CHECKPOINTS=$tmp/audit-checkpoints.log
fails=0; passes=0
check() { # description, expected exit, command...
  local what=$1 want=$2; shift 2
  local out; out=$("$@" 2>&1); local got=$?
  if [ "$got" -eq "$want" ]; then passes=$((passes+1)); echo "ok   $what"
  else fails=$((fails+1)); echo "FAIL $what: exit $got, wanted $want"; echo "$out" | tail -5; fi
  LAST_OUT=$out
}
psql_run() { psql "$DATABASE_URL" -qAt -c "$1"; }
sql() { if [[ $DATABASE_URL == postgres* ]]; then psql_run "$1"; else python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()" "$DATABASE_URL" "$1"; fi; }

if [[ $DATABASE_URL == postgres* ]]; then psql_run "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" ; fi

check "serve refuses an unmigrated database" 1 "$bin" serve --port 1
check "migrate" 0 "$bin" migrate
check "migrate again is a no-op" 0 "$bin" migrate
check "create-user reads the password from stdin" 0 sh -c "printf 'a-long-password\n' | '$bin' create-user --role case-manager --username nurse1 --name 'Nurse One'"
check "create-user refuses a short password" 1 sh -c "printf 'short\n' | '$bin' create-user --role clinician --username nurse2"
check "create-user refuses an unknown role" 1 sh -c "printf 'a-long-password\n' | '$bin' create-user --role wizard --username nurse3"
check "create-user refuses a duplicate" 1 sh -c "printf 'a-long-password\n' | '$bin' create-user --role clinician --username nurse1"
check "token create prints a token" 0 "$bin" token create --username nurse1
token=$(echo "$LAST_OUT" | grep '^hth_' | tail -1)
[ -n "$token" ] && { passes=$((passes+1)); echo "ok   token printed"; } || { fails=$((fails+1)); echo "FAIL no token printed"; }
check "token create for nobody fails" 1 "$bin" token create --username nobody
check "audit seal" 0 "$bin" audit seal
check "audit verify passes on an untouched trail" 0 "$bin" audit verify
sql "UPDATE audit_events SET detail = 'forged' WHERE seq = 1"
check "audit verify catches an edited record" 1 "$bin" audit verify
echo "$LAST_OUT" | grep -q "record 1 was changed" && { passes=$((passes+1)); echo "ok   names the edited record"; } || { fails=$((fails+1)); echo "FAIL did not name record 1: $LAST_OUT"; }
check "audit verify without the key refuses a keyed trail" 1 env -u HEARTH_AUDIT_KEY "$bin" audit verify
sql "DELETE FROM audit_events"
sql "DELETE FROM audit_chain_head"
check "audit verify catches an emptied trail by its checkpoint" 1 "$bin" audit verify
echo "$LAST_OUT" | grep -q "sealed up to" && { passes=$((passes+1)); echo "ok   says how far the trail was sealed"; } || { fails=$((fails+1)); echo "FAIL emptied trail not reported: $LAST_OUT"; }
# The community directory in Open Referral HSDS: a bad row refuses the import (naming file and line) unless --skip-bad.
mkdir -p "$tmp/hsds" "$tmp/out"
cp Resources/Community/demo-directory/*.csv "$tmp/hsds/"
printf '\n,No id here,,,\n' >> "$tmp/hsds/organizations.csv"
check "directory import refuses bad rows" 1 "$bin" directory import "$tmp/hsds"
echo "$LAST_OUT" | grep -q "organizations.csv" && { passes=$((passes+1)); echo "ok   names the bad file and line"; } || { fails=$((fails+1)); echo "FAIL bad row not reported: $LAST_OUT"; }
check "directory import --skip-bad saves the good rows" 0 "$bin" directory import "$tmp/hsds" --skip-bad
check "directory export writes HSDS CSV" 0 "$bin" directory export "$tmp/out"
check "the export imports again cleanly" 0 "$bin" directory import "$tmp/out"
check "directory import of a missing folder fails" 1 "$bin" directory import "$tmp/nothing-here"
# The worklist rules over every caseload (an empty agency here: nothing to create, and the summary says so).
check "worklist sync" 0 "$bin" worklist sync
echo "$LAST_OUT" | grep -q "tasks created" && { passes=$((passes+1)); echo "ok   worklist sync prints its summary"; } || { fails=$((fails+1)); echo "FAIL worklist sync summary: $LAST_OUT"; }
check "worklist with an unknown action fails" 1 "$bin" worklist purge
# Ending access (issue 20 #2; 45 CFR 164.308(a)(3)(ii)(C)): users and tokens from the command line.
expect_out() { echo "$LAST_OUT" | grep -q "$1" && { passes=$((passes+1)); echo "ok   $2"; } || { fails=$((fails+1)); echo "FAIL $2: $LAST_OUT"; }; }
check "user create reads the password from stdin" 0 sh -c "printf 'quiet-harbor-lantern\n' | '$bin' user create --role clinician --username nurse2 --name 'Nurse Two'"
check "user create refuses a common password" 1 sh -c "printf 'password1234\n' | '$bin' user create --role clinician --username nurse3"
expect_out "commonly used" "names the common-password refusal"
check "create-user still works as an alias" 0 sh -c "printf 'quiet-harbor-lantern\n' | '$bin' create-user --role aide --username aide1"
check "user list" 0 "$bin" user list
expect_out "nurse2" "user list names the new user"
check "user set-role" 0 "$bin" user set-role --username nurse2 --role case-manager
check "user set-role refuses an unknown role" 1 "$bin" user set-role --username nurse2 --role wizard
check "token create with an expiry" 0 "$bin" token create --username nurse2 --name "lab interface" --expires-in-days 30
token2=$(echo "$LAST_OUT" | grep '^hth_' | tail -1)
expect_out "expires" "token create says when it expires"
check "token create refuses a year and a day" 1 "$bin" token create --username nurse2 --expires-in-days 366
check "token list" 0 "$bin" token list --username nurse2
expect_out "lab interface" "token list names the token"
token_id=$(echo "$LAST_OUT" | grep "lab interface" | cut -f1)
check "token revoke" 0 "$bin" token revoke "$token_id"
check "token list shows it revoked" 0 "$bin" token list --username nurse2
expect_out "revoked" "the revoked token is listed as revoked"
check "token revoke of an unknown id fails" 1 "$bin" token revoke not-a-token
# SMART Backend Services clients (issue 24): registered with their public keys, listed, revoked.
cat > "$tmp/jwks.json" <<'JWKS'
{"keys": [{"kty": "EC", "crv": "P-384", "kid": "cli-1", "x": "cvnXpOcMX3JLc4d-yH1XSYbkYlvjx5n6kjJUv-9K1bCtlNgwbT2LRsOKPn9ZAjRM", "y": "i9KeobD6zjBssY9IZQenJBZmLDj7AU5aLxRwPs-yOnZJHfncFAB_5Gbc8nw1NbH6"}]}
JWKS
check "client register" 0 "$bin" client register --name "HIE sync" --username nurse1 --scopes "system/Patient.rs" --jwks-file "$tmp/jwks.json"
client_id=$(echo "$LAST_OUT" | head -1)
expect_out "registered with scopes system/Patient.rs" "client register says what it may ask for"
check "client register refuses an unknown scope" 1 "$bin" client register --name "Bad" --username nurse1 --scopes "patient/Patient.read" --jwks-file "$tmp/jwks.json"
expect_out "is not a scope Hearth grants" "client register names the bad scope"
check "client register refuses a missing key file" 1 "$bin" client register --name "Bad" --username nurse1 --scopes "system/Patient.rs" --jwks-file "$tmp/none.json"
check "client list" 0 "$bin" client list
expect_out "HIE sync" "client list names the client"
check "client revoke" 0 "$bin" client revoke "$client_id"
check "client list shows it revoked" 0 "$bin" client list
expect_out "revoked" "the revoked client is listed as revoked"
check "client revoke of an unknown id fails" 1 "$bin" client revoke not-a-client
check "user reset-password forces a change" 0 sh -c "printf 'temporary-lantern-two\n' | '$bin' user reset-password --username nurse2"
check "user list shows the forced change" 0 "$bin" user list
expect_out "Must change password" "user list shows must change password"
check "user unlock" 0 "$bin" user unlock --username nurse2
check "user disable" 0 "$bin" user disable --username nurse2
expect_out "sessions and tokens have ended" "disable says access ended"
check "user list shows disabled" 0 "$bin" user list
expect_out "Disabled" "user list shows the disabled user"
check "token create for a disabled user fails" 1 "$bin" token create --username nurse2
check "user enable" 0 "$bin" user enable --username nurse2
check "user disable of nobody fails" 1 "$bin" user disable --username nobody
# Two-step sign-in reset (issue 20, MFA): an administrator's answer to a lost phone, with one line and an exit code.
check "user mfa-reset of a user without two-step sign-in fails" 1 "$bin" user mfa-reset nurse2
expect_out "nothing to reset" "mfa-reset says there is nothing to reset"
sql "UPDATE users SET totp_pending_secret = 'plain:MZXW6YTBOI' WHERE username = 'nurse2'"
check "user mfa-reset" 0 "$bin" user mfa-reset nurse2
expect_out "Reset the two-step sign-in of 'nurse2'" "mfa-reset says whose two-step sign-in was reset"
check "user mfa-reset of nobody fails" 1 "$bin" user mfa-reset nobody
check "user with no password on stdin fails" 1 sh -c "'$bin' user reset-password --username nurse2 < /dev/null"
# CMS's tables (issue 22): Hearth ships none of their figures; the hospital imports CMS's own files. On SQLite, on the
# demo's database (whose stand-in tables are marked "not CMS's"); on PostgreSQL, on the database above (none loaded).
if [[ $DATABASE_URL == postgres* ]]; then ref_db=$DATABASE_URL; else
  ref_db=$tmp/demo/hearth.sqlite; mkdir -p "$tmp/demo"
  DATABASE_URL=$ref_db "$bin" demo --patients 3 --port 18777 > "$tmp/demo/demo.log" 2>&1 & demo_pid=$!
  for _ in $(seq 1 240); do curl -fs http://127.0.0.1:18777/healthz >/dev/null 2>&1 && break; sleep 0.5; done
  kill "$demo_pid"; wait "$demo_pid" 2>/dev/null
fi
check "reference list" 0 env DATABASE_URL="$ref_db" "$bin" reference list
if [[ $DATABASE_URL == postgres* ]]; then expect_out "ms-drg-gmlos.not loaded: hearth reference import ms-drg-gmlos FILE.csv" "reference list says what is not loaded"
else expect_out "Demo values for the Hearth demo, not CMS's" "the demo's stand-in table says it is not CMS's"; fi
cat > "$tmp/FY2027-Table5.csv" <<'CSV'
"TABLE 5.--LIST OF MS-DRGS, RELATIVE WEIGHTING FACTORS, AND GEOMETRIC AND ARITHMETIC MEAN LENGTH OF STAY--FY 2027"
MS-DRG,FY 2027 Final Post-Acute DRG,MDC,TYPE,MS-DRG Title,Weights,Geometric mean LOS,Arithmetic mean LOS
291,Yes,05,MED,Heart failure and shock with MCC,1.3,7.7,8.8
292,Yes,05,MED,Heart failure and shock with CC,0.9,3.0,3.6
CSV
cp "$tmp/FY2027-Table5.csv" "$tmp/bad-Table5.csv"; echo '293,Yes,05,MED,Heart failure and shock without CC/MCC,0.6,two,2.7' >> "$tmp/bad-Table5.csv"
check "reference import refuses a file with a bad row" 1 env DATABASE_URL="$ref_db" "$bin" reference import ms-drg-gmlos "$tmp/bad-Table5.csv"
expect_out "bad-Table5.csv:5: Geometric mean LOS" "names the bad file and line"
expect_out "Nothing was imported" "says nothing was imported"
check "reference import of a good Table 5" 0 env DATABASE_URL="$ref_db" "$bin" reference import ms-drg-gmlos "$tmp/FY2027-Table5.csv"
expect_out "Imported 2 MS-DRGs from FY2027-Table5.csv (FY 2027)." "reference import counts the rows and names the year"
check "reference list shows the import in use" 0 env DATABASE_URL="$ref_db" "$bin" reference list
expect_out "FY 2027, from FY2027-Table5.csv, imported" "reference list names the file and year"
printf 'HCPCS Code,Short Descriptor,CI,SI\n33533,Cabg arterial single,,C\n' > "$tmp/addendum-e.csv"
check "reference import of an Addendum E without its year fails" 1 env DATABASE_URL="$ref_db" "$bin" reference import inpatient-only "$tmp/addendum-e.csv"
expect_out "give it with --year" "asks for the year"
check "reference import inpatient-only --year" 0 env DATABASE_URL="$ref_db" "$bin" reference import inpatient-only "$tmp/addendum-e.csv" --year 2027
check "reference import of an unknown table fails" 1 env DATABASE_URL="$ref_db" "$bin" reference import drg-weights "$tmp/addendum-e.csv"
# FHIR import (issue 21): Bundles and NDJSON through the FHIR write checks; a refused entry stops the import with its
# file, entry, path and reason, unless --skip-bad, which loads the rest and reports it.
mkdir -p "$tmp/fhir"
cat > "$tmp/fhir/referrers.json" <<'FHIR'
{"resourceType": "Bundle", "type": "collection", "entry": [
 {"resource": {"resourceType": "Organization", "name": "Buckeye Health Plan", "type": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/organization-type", "code": "pay"}]}]}},
 {"resource": {"resourceType": "Practitioner", "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1234567893"}],
   "name": [{"family": "Ruiz", "given": ["Ana"]}], "telecom": [{"system": "phone", "value": "614-555-0100"}, {"system": "fax", "value": "614-555-0101"}]}}]}
FHIR
cat > "$tmp/fhir/Patient.ndjson" <<'FHIR'
{"resourceType": "Patient", "id": "p1", "identifier": [{"system": "urn:oid:2.16.840.1.113883.19.5", "value": "CLI-1"}], "name": [{"family": "Okafor", "given": ["Mary"]}], "gender": "female", "birthDate": "1944-06-02"}
{"resourceType": "Patient", "id": "p2", "identifier": [{"system": "urn:oid:2.16.840.1.113883.19.5", "value": "CLI-2"}], "name": [{"family": "Lindqvist", "given": ["Erik"]}], "gender": "male", "birthDate": "1950-01-15"}
FHIR
cat > "$tmp/fhir/Observation.ndjson" <<'FHIR'
{"resourceType": "Observation", "status": "final", "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs"}]}], "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]}, "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2026-11-20T08:30:00-05:00", "valueQuantity": {"value": 72, "unit": "/min", "system": "http://unitsofmeasure.org", "code": "/min"}}
{"resourceType": "Observation", "status": "final", "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory"}]}], "code": {"coding": [{"system": "http://loinc.org", "code": "2345-7"}]}, "subject": {"reference": "Patient/p2"}, "effectiveDateTime": "2026-11-20T08:30:00-05:00", "valueQuantity": {"value": 98, "unit": "mg/dL", "system": "http://unitsofmeasure.org", "code": "mg/dL"}}
FHIR
check "fhir import without an account fails" 1 "$bin" fhir import "$tmp/fhir"
expect_out "name the account the import acts as" "fhir import says to name the account"
check "fhir import of a missing folder fails" 1 "$bin" fhir import "$tmp/nothing-here" --username nurse1
check "fhir import stops at a refused entry" 1 "$bin" fhir import "$tmp/fhir" --username nurse1
expect_out "Observation.ndjson line 2 Observation.category: Hearth keeps vital signs only" "names the file, entry, path and reason"
check "fhir import --skip-bad loads the rest" 0 "$bin" fhir import "$tmp/fhir" --username nurse1 --skip-bad
expect_out "Imported 5 resources (3 created, 2 already on file, 0 queued for review)" "fhir import counts what it loaded"
expect_out "resources/s; 1 refused" "fhir import reports its rate and the refusal"
# Planning a day (issue 23) on a small demo agency of its own (SQLite): the search's progress and the plan, applied as
# the supervisor through the page's checks and audit; a case manager, a bad date and an unknown team get one line, exit 1.
if [[ $DATABASE_URL != postgres* ]]; then
  plan=(env DATABASE_URL="$tmp/plan.sqlite")
  day=$(python3 -c "import datetime as d; t = d.date.today() + d.timedelta(1); print(t + d.timedelta(7 - t.weekday() if t.weekday() > 4 else 0))")
  check "migrate a database to plan a day in" 0 "${plan[@]}" "$bin" migrate
  check "seed a small agency" 0 "${plan[@]}" "$bin" seed --patients 60
  check "schedule optimize plans a weekday" 0 "${plan[@]}" "$bin" schedule optimize --date "$day" --seconds 2 --username supervisor
  expect_out "improvement rounds" "schedule optimize prints its progress"
  expect_out "Driving:" "schedule optimize prints the driving saved"
  expect_out "Not applied" "schedule optimize without --apply changes nothing"
  check "schedule optimize --apply" 0 "${plan[@]}" "$bin" schedule optimize --date "$day" --seconds 2 --username supervisor --apply
  expect_out "audited as visit.reschedule" "schedule optimize --apply says what it applied"
  check "schedule optimize --out plans the day without a nurse who called out" 0 "${plan[@]}" "$bin" schedule optimize --date "$day" --seconds 2 --out clinician --username supervisor
  expect_out "(called out)" "the plan names who is out"
  check "schedule optimize refuses to call out someone not in the field" 1 "${plan[@]}" "$bin" schedule optimize --date "$day" --out casemanager --username supervisor
  expect_out "casemanager is not field staff" "names who cannot be called out"
  check "schedule optimize refuses a case manager" 1 "${plan[@]}" "$bin" schedule optimize --date "$day" --username casemanager
  expect_out "may not plan and apply" "names the refusal"
  check "schedule optimize refuses a bad date" 1 "${plan[@]}" "$bin" schedule optimize --date 2026-13-45 --username supervisor
  expect_out "Give the day as YYYY-MM-DD" "says how to write the day"
  check "schedule optimize refuses an unknown team" 1 "${plan[@]}" "$bin" schedule optimize --date "$day" --team Nowhere --username supervisor
  expect_out "There is no team Nowhere" "names the teams there are"
fi
# Backup and restore (issue 20; 45 CFR 164.308(a)(7)(ii)(A), (B)): a backup never overwrites, restore refuses a full
# database, restores into an empty one and verifies the audit chain. A checkpoint file of its own: the trail above was emptied.
export HEARTH_AUDIT_CHECKPOINTS=$tmp/backup-checkpoints.log
check "audit seal before the backup" 0 "$bin" audit seal
check "backup" 0 "$bin" backup "$tmp/hearth.backup"
expect_out "Keep with it" "backup names what else to keep"
check "backup refuses an existing file" 1 "$bin" backup "$tmp/hearth.backup"
check "restore refuses a database with tables" 1 "$bin" restore "$tmp/hearth.backup"
expect_out "already has" "restore says the database is not empty"
if [[ $DATABASE_URL == postgres* ]]; then
  restore_url=$(HEARTH_PG_DB=hearth_cli_restore bash e2e/postgres.sh start | tail -n 1)
  psql "$restore_url" -qAt -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null 2>&1
  check "backup without pg_dump on PATH fails with one line" 1 env PATH=/nonexistent "$bin" backup "$tmp/nothing.backup"
  expect_out "pg_dump was not found on PATH" "names the missing pg_dump"
else
  restore_url=$tmp/restored/hearth.sqlite
fi
check "restore into an empty database" 0 env DATABASE_URL="$restore_url" "$bin" restore "$tmp/hearth.backup"
expect_out "Audit trail OK" "restore verifies the audit chain"
check "audit verify on the restored database" 0 env DATABASE_URL="$restore_url" "$bin" audit verify --restored
check "user list on the restored database" 0 env DATABASE_URL="$restore_url" "$bin" user list
expect_out "nurse2" "the restored database has the users"
check "restore --replace over a full database" 0 env DATABASE_URL="$restore_url" "$bin" restore "$tmp/hearth.backup" --replace
check "restore of a file that is not a backup fails" 1 env DATABASE_URL="$tmp/other/hearth.sqlite" "$bin" restore "$tmp/audit-checkpoints.log"
rm -rf "$tmp"
echo "cli: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
