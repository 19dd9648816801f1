"""Whole records and populations as an integrator's systems fetch them (issue 24): a payer's backend client runs a
FHIR Bulk Data export (kick-off, poll, manifest, NDJSON download, delete) written here with requests and PyJWT, and
every line validates with fhir.resources (R4 4.0.1); a case manager reads one patient's $everything; the administrator
reads the audit trail as AuditEvent."""
import json
import os
import tempfile
import time
import uuid

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import ec
from fhir.resources import get_fhir_model_class
from fhir.resources.auditevent import AuditEvent
from fhir.resources.bundle import Bundle
from jwt.algorithms import ECAlgorithm

FHIR_JSON = {"Accept": "application/fhir+json"}


class BackendClient:
    """A backend system with its own ES384 key, registered through `hearth client register` to act as `username`."""

    def __init__(self, hearth, username, scopes):
        self.hearth, self.scopes = hearth, scopes
        self.key = ec.generate_private_key(ec.SECP384R1())
        public = json.loads(ECAlgorithm.to_jwk(self.key.public_key()))
        self.kid = f"bulk-{uuid.uuid4().hex[:8]}"
        public.update(kid=self.kid, alg="ES384")
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
            json.dump({"keys": [public]}, file)
        result = hearth.cli("client", "register", "--name", f"bulk {username}", "--username", username,
                            "--scopes", scopes, "--jwks-file", file.name)
        os.unlink(file.name)
        assert result.returncode == 0, result.stderr
        self.client_id = result.stdout.splitlines()[0].strip()
        self.token_url = requests.get(hearth.base_url + "/.well-known/smart-configuration", timeout=30).json()["token_endpoint"]

    def token(self):
        assertion = jwt.encode({"iss": self.client_id, "sub": self.client_id, "aud": self.token_url,
                                "exp": int(time.time()) + 240, "jti": str(uuid.uuid4())},
                               self.key, algorithm="ES384", headers={"kid": self.kid})
        answer = requests.post(self.token_url, timeout=30, data={
            "grant_type": "client_credentials", "scope": self.scopes,
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion": assertion})
        assert answer.status_code == 200, answer.text
        return answer.json()["access_token"]


def bearer(token, **more):
    return {**FHIR_JSON, "Authorization": f"Bearer {token}", **more}


def validate(line_or_resource):
    resource = json.loads(line_or_resource) if isinstance(line_or_resource, (str, bytes)) else line_or_resource
    get_fhir_model_class(resource["resourceType"]).parse_obj(resource)
    return resource


def run_export(hearth, token, path):
    kick_off = requests.get(hearth.base_url + path, headers=bearer(token, Prefer="respond-async"), timeout=60)
    assert kick_off.status_code == 202, kick_off.text
    status_url = kick_off.headers["Content-Location"]
    progress_seen = False
    deadline = time.time() + 300
    while True:
        poll = requests.get(status_url, headers=bearer(token), timeout=120)
        if poll.status_code == 200:
            assert progress_seen, "a poll reports progress before the manifest"
            return status_url, poll.json()
        assert poll.status_code == 202, poll.text
        assert " of " in poll.headers["X-Progress"]
        progress_seen = True
        assert time.time() < deadline, "the export did not finish within five minutes"
        time.sleep(float(poll.headers.get("Retry-After", "1")) / 10)


def test_a_payers_bulk_export_holds_its_members_and_every_line_is_fhir(hearth):
    client = BackendClient(hearth, "payer", "system/*.rs")
    token = client.token()
    members = requests.get(hearth.base_url + "/fhir/Patient?_count=0", headers=bearer(token), timeout=30).json()["total"]
    assert members > 0, "the demo payer covers members"
    status_url, manifest = run_export(hearth, token, "/fhir/Patient/$export?_type=Patient,Coverage,Condition,Encounter")
    assert manifest["requiresAccessToken"] is True
    assert manifest["request"].endswith("/fhir/Patient/$export?_type=Patient,Coverage,Condition,Encounter")
    assert manifest["transactionTime"].endswith("Z")
    assert {file["type"] for file in manifest["output"]} <= {"Patient", "Coverage", "Condition", "Encounter"}
    patients = set()
    for file in manifest["output"]:
        assert requests.get(file["url"], timeout=30).status_code == 401, "a file needs the token"
        answer = requests.get(file["url"], headers={"Authorization": f"Bearer {token}"}, timeout=60)
        assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("application/fhir+ndjson")
        lines = answer.text.splitlines()
        assert len(lines) == file["count"]
        for line in lines:
            resource = validate(line)
            assert resource["resourceType"] == file["type"]
            if file["type"] == "Patient":
                patients.add(resource["id"])
    assert len(patients) == members, "exactly the payer's members, no one else"
    assert requests.delete(status_url, headers=bearer(token), timeout=30).status_code == 202
    assert requests.get(status_url, headers=bearer(token), timeout=30).status_code == 404


def test_a_system_export_of_every_type_validates_and_each_patient_matches_its_everything(hearth):
    """The export reads each table once per batch of patients; each patient's lines must still be what $everything
    builds for that patient alone, type by type, in the same order, and every line must be R4."""
    client = BackendClient(hearth, "supervisor", "system/*.rs")
    token = client.token()
    _, manifest = run_export(hearth, token, "/fhir/$export")
    exported, patients = [], []
    for file in manifest["output"]:
        answer = requests.get(file["url"], headers={"Authorization": f"Bearer {token}"}, timeout=120)
        assert answer.status_code == 200
        lines = answer.text.splitlines()
        assert len(lines) == file["count"] > 0
        for line in lines:
            resource = validate(line)
            assert resource["resourceType"] == file["type"]
            exported.append(resource)
            if file["type"] == "Patient":
                patients.append(resource["id"])
    assert len(patients) == len(set(patients)) > 0, "each patient once"
    keys = [(resource["resourceType"], resource["id"]) for resource in exported]
    assert len(keys) == len(set(keys)), "each resource once"
    for patient_id in patients[:3]:
        url = f"{hearth.base_url}/fhir/Patient/{patient_id}/$everything?_count=100"
        everything = []
        while url:
            bundle = requests.get(url, headers=bearer(token), timeout=60).json()
            everything += [entry["resource"] for entry in bundle.get("entry", [])]
            url = next((link["url"] for link in bundle["link"] if link["relation"] == "next"), None)
        mine = [resource for resource in exported if patient_id in json.dumps(resource)]
        assert mine == everything, f"Patient/{patient_id}: the export's lines are its $everything"


def test_an_export_needs_a_wildcard_read_scope(hearth):
    client = BackendClient(hearth, "payer", "system/Patient.rs")
    answer = requests.get(hearth.base_url + "/fhir/$export", headers=bearer(client.token(), Prefer="respond-async"), timeout=30)
    assert answer.status_code == 403
    validate(answer.json())


def test_everything_is_one_patients_whole_record(hearth):
    token = hearth.token("casemanager")
    first = requests.get(hearth.base_url + "/fhir/Patient?_count=1", headers=bearer(token), timeout=30).json()
    patient_id = first["entry"][0]["resource"]["id"]
    url = f"{hearth.base_url}/fhir/Patient/{patient_id}/$everything?_count=20"
    seen = []
    while url:
        page = requests.get(url, headers=bearer(token), timeout=60)
        assert page.status_code == 200, page.text
        bundle = page.json()
        Bundle.parse_obj(bundle)
        seen += [validate(entry["resource"]) for entry in bundle.get("entry", [])]
        url = next((link["url"] for link in bundle["link"] if link["relation"] == "next"), None)
    assert seen[0]["resourceType"] == "Patient" and seen[0]["id"] == patient_id
    assert len(seen) == bundle["total"]
    for resource in seen[1:]:
        assert patient_id in json.dumps(resource), f"{resource['resourceType']} belongs to the patient"


def test_the_administrator_reads_who_opened_a_chart_as_audit_events(hearth):
    case_manager = hearth.token("casemanager")
    patient_id = requests.get(hearth.base_url + "/fhir/Patient?_count=1", headers=bearer(case_manager), timeout=30).json()["entry"][0]["resource"]["id"]
    assert requests.get(f"{hearth.base_url}/fhir/Patient/{patient_id}", headers=bearer(case_manager), timeout=30).status_code == 200
    admin = hearth.token("admin")
    answer = requests.get(f"{hearth.base_url}/fhir/AuditEvent?patient=Patient/{patient_id}&action=R&_count=5", headers=bearer(admin), timeout=30)
    assert answer.status_code == 200
    Bundle.parse_obj(answer.json())
    events = [AuditEvent.parse_obj(entry["resource"]) for entry in answer.json()["entry"]]
    assert events and all(event.entity[0].what.reference == f"Patient/{patient_id}" for event in events)
    assert any(event.agent[0].who.display == "casemanager" for event in events)
    refused = requests.get(f"{hearth.base_url}/fhir/AuditEvent?patient=Patient/{patient_id}", headers=bearer(case_manager), timeout=30)
    assert refused.status_code == 403
