"""One system-level FHIR Bulk Data export of everything BENCH_USER may read, run as a SMART backend client would
(ES384 client assertion → token → kick-off → poll → download), timed, with the server's resident memory sampled at
every poll. Called by bench/bulk-export.sh: bulk_export.py HEARTH_BIN BASE_URL SERVER_PID USERNAME WORKDIR."""
import json
import subprocess
import sys
import time
import uuid

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

binary, base, pid, username, work = sys.argv[1:6]


def memory(field):
    """The server's VmRSS or VmHWM (peak) in MiB, from /proc."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


key = ec.generate_private_key(ec.SECP384R1())
public = json.loads(ECAlgorithm.to_jwk(key.public_key()))
public.update(kid="bench", alg="ES384")
jwks = f"{work}/jwks.json"
with open(jwks, "w") as file:
    json.dump({"keys": [public]}, file)
registered = subprocess.run([binary, "client", "register", "--name", "bulk bench", "--username", username,
                             "--scopes", "system/*.rs", "--jwks-file", jwks], capture_output=True, text=True, check=True)
client_id = registered.stdout.splitlines()[0].strip()
token_url = requests.get(base + "/.well-known/smart-configuration", timeout=30).json()["token_endpoint"]


def token():
    assertion = jwt.encode({"iss": client_id, "sub": client_id, "aud": token_url, "exp": int(time.time()) + 240,
                            "jti": str(uuid.uuid4())}, key, algorithm="ES384", headers={"kid": "bench"})
    answer = requests.post(token_url, timeout=30, data={
        "grant_type": "client_credentials", "scope": "system/*.rs",
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion": assertion})
    answer.raise_for_status()
    return answer.json()["access_token"], time.time() + answer.json()["expires_in"] - 30


bearer, expires = token()
before = memory("VmRSS")
started = time.time()
kick_off = requests.get(base + "/fhir/$export", timeout=120,
                        headers={"Authorization": f"Bearer {bearer}", "Prefer": "respond-async", "Accept": "application/fhir+json"})
assert kick_off.status_code == 202, kick_off.text
status_url = kick_off.headers["Content-Location"]
peak, polls, last = before, 0, ""
while True:
    if time.time() > expires:
        bearer, expires = token()
    poll = requests.get(status_url, headers={"Authorization": f"Bearer {bearer}"}, timeout=300)
    polls += 1
    peak = max(peak, memory("VmRSS"))
    if poll.status_code == 200:
        manifest = poll.json()
        break
    assert poll.status_code == 202, poll.text
    progress = poll.headers.get("X-Progress", "")
    if progress != last and polls % 20 == 0:
        print(f"  {time.time() - started:7.1f} s  {progress}  rss {memory('VmRSS'):.0f} MiB", flush=True)
    last = progress
elapsed = time.time() - started
exported = sum(file["count"] for file in manifest["output"])
after = memory("VmRSS")
patients = last.split(" of ")[1].split()[0] if " of " in last else "?"
print(f"export of {patients} patients in {elapsed:.1f} s over {polls} polls: "
      f"{exported:,} resources in {len(manifest['output'])} files, {exported / elapsed:,.0f} resources/s")
for kind in sorted({file["type"] for file in manifest["output"]}):
    print(f"  {kind:24} {sum(f['count'] for f in manifest['output'] if f['type'] == kind):>10,}")
print(f"server memory (VmRSS): {before:.0f} MiB before, {peak:.0f} MiB peak while exporting, {after:.0f} MiB after; "
      f"VmHWM {memory('VmHWM'):.0f} MiB")

started, lines, size = time.time(), 0, 0
for file in manifest["output"]:
    if time.time() > expires:
        bearer, expires = token()
    with requests.get(file["url"], headers={"Authorization": f"Bearer {bearer}"}, timeout=300, stream=True) as answer:
        answer.raise_for_status()
        for chunk in answer.iter_lines():
            lines += 1
            size += len(chunk)
elapsed = time.time() - started
assert lines == exported, f"{lines} lines downloaded, the manifest counts {exported}"
print(f"download: {lines:,} lines, {size / 2**20:,.0f} MiB in {elapsed:.1f} s ({lines / elapsed:,.0f} lines/s); "
      f"server VmHWM {memory('VmHWM'):.0f} MiB")
