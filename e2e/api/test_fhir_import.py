"""Data sets loaded as an integrator would: a third party's synthetic US Core Bundles (carebundle, generated at test
time) and a Hearth-shaped data set built here with fhir.resources, through `POST /fhir` and `hearth fhir import`, then
read back. Nothing accepted is lost, nothing is silently dropped (every refusal names its entry and element and says
why), and everything read back validates with fhir.resources (R4 4.0.1)."""
import json
import re
import subprocess
import uuid
from pathlib import Path

import pytest
from fhir.resources.allergyintolerance import AllergyIntolerance
from fhir.resources.bundle import Bundle
from fhir.resources.condition import Condition
from fhir.resources.coverage import Coverage
from fhir.resources.medicationstatement import MedicationStatement
from fhir.resources.observation import Observation
from fhir.resources.operationoutcome import OperationOutcome
from fhir.resources.organization import Organization
from fhir.resources.patient import Patient
from fhir.resources.practitioner import Practitioner

from test_fhir import call

# Not `from conftest import REPO`: with browser/ collected too, "conftest" names browser/conftest.py.
REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "e2e" / ".venv-generator" / "bin" / "carebundle"
HOSPITAL = "urn:oid:2.16.840.1.113883.19.5"
RUN = uuid.uuid4().hex[:8]
LETTERS = "".join(chr(ord("a") + int(c, 16)) for c in RUN)  # names take letters only
IMPORTED = re.compile(r"Imported (\d+) resources \((\d+) created, (\d+) already on file, (\d+) queued for review\).*; (\d+) refused\.")
REFUSAL = re.compile(r"^(\S+) (Bundle\.entry\[\d+\]|line \d+) (\S+): (.+)$")


def generate(folder, seed, count=20):
    """A third party's synthetic patients: carebundle's transaction Bundles, one per patient."""
    assert GENERATOR.exists(), "run e2e/install.sh: the carebundle generator has its own environment"
    result = subprocess.run([str(GENERATOR), "generate", "--profile", "mixed", "--count", str(count), "--seed", str(seed), "--out", str(folder)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    files = sorted(folder.glob("*.json"))
    assert len(files) == count
    return files


def identifier_of(bundle):
    patient = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient")
    return patient, patient["identifier"][0]


def found(hearth, token, path):
    status, _, body = call(hearth, "GET", path, token)
    assert status == 200, body
    Bundle.parse_obj(body)
    return [e["resource"] for e in body.get("entry", [])]


def test_a_third_party_data_set_posted_is_written_whole_or_refused_with_the_entry_and_the_reason(hearth, tmp_path):
    token = hearth.token("casemanager")
    for path in generate(tmp_path, seed=11):
        bundle = json.loads(path.read_text())
        status, _, body = call(hearth, "POST", "/fhir", token, bundle)
        patient, identifier = identifier_of(bundle)
        written = found(hearth, token, f"/fhir/Patient?identifier={identifier['system']}|{identifier['value']}")
        if status == 200:
            response = Bundle.parse_obj(body)
            assert len(response.entry) == len(bundle["entry"])
            assert len(written) == 1
            continue
        # Refused: an OperationOutcome naming the entry and the element, and nothing of the Bundle written.
        assert 400 <= status < 500, body
        outcome = OperationOutcome.parse_obj(body)
        for issue in outcome.issue:
            assert issue.diagnostics and issue.expression and issue.expression[0].startswith("Bundle.entry["), issue
        assert written == [], f"{path.name} was refused but its patient was written"


def test_the_data_set_imported_with_skip_bad_loads_what_hearth_keeps_reports_the_rest_and_reads_back(hearth, tmp_path):
    files = generate(tmp_path, seed=23)
    sent = [json.loads(path.read_text()) for path in files]
    result = hearth.cli("fhir", "import", str(tmp_path), "--username", "casemanager", "--skip-bad")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    summary = IMPORTED.search(result.stdout)
    assert summary, result.stdout[-2000:]
    loaded, created, kept, queued, refused = map(int, summary.groups())
    refusals = [REFUSAL.match(line) for line in result.stdout.splitlines() if REFUSAL.match(line)]
    # Every entry is either loaded or refused with its file, entry, element and a reason: nothing silently dropped.
    assert len(refusals) == refused
    assert loaded + refused == sum(len(b["entry"]) for b in sent)
    assert all(m.group(4).strip() for m in refusals)
    # Every loaded patient reads back as sent and validates; what was loaded besides is read back by type.
    token = hearth.token("casemanager")
    read_back = 0
    for bundle in sent:
        patient, identifier = identifier_of(bundle)
        matches = found(hearth, token, f"/fhir/Patient?identifier={identifier['system']}|{identifier['value']}")
        if not matches:
            assert any(m.group(3).startswith("Patient") for m in refusals), "a patient neither loaded nor refused"
            continue
        assert len(matches) == 1
        back = Patient.parse_obj(matches[0])
        assert back.birthDate.isoformat() == patient["birthDate"] and back.gender == patient["gender"]
        assert back.name[0].family == patient["name"][0]["family"]
        read_back += 1
        for resource in found(hearth, token, f"/fhir/Observation?patient={back.id}&_count=100"):
            Observation.parse_obj(resource)
            read_back += 1
        for resource in found(hearth, token, f"/fhir/Condition?patient={back.id}&_count=100"):
            Condition.parse_obj(resource)
            read_back += 1
    assert read_back + queued >= loaded - kept, "a resource Hearth accepted cannot be read back"


def npi(base):
    """A valid NPI from nine digits (Luhn over 80840 and the digits)."""
    digits = [int(d) for d in "80840" + base]
    total = sum(d if i % 2 else sum(divmod(d * 2, 10)) for i, d in enumerate(reversed(digits)))
    return base + str((10 - total % 10) % 10)


def hearth_shaped(number):
    """One patient as a hospital sends it to a home health agency, every resource valid R4 (parsed by fhir.resources)."""
    urn = lambda: f"urn:uuid:{uuid.uuid4()}"  # noqa: E731
    payer, doctor, person = urn(), urn(), urn()
    subject = {"reference": person}
    given = LETTERS[number % len(LETTERS):] + "ina"
    resources = [
        (payer, Organization.parse_obj({"resourceType": "Organization", "name": f"Plan {LETTERS}",
                                        "type": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/organization-type", "code": "pay"}]}]})),
        (doctor, Practitioner.parse_obj({"resourceType": "Practitioner", "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": npi(f"1{number:08d}")}],
                                         "name": [{"family": "Ruiz", "given": ["Ana"]}],
                                         "telecom": [{"system": "phone", "value": "614-555-0100"}, {"system": "fax", "value": "614-555-0101"}]})),
        (person, Patient.parse_obj({"resourceType": "Patient", "identifier": [{"system": HOSPITAL, "value": f"IMP-{RUN}-{number}"}],
                                    "name": [{"family": "Importer", "given": [given.capitalize()]}], "gender": "female", "birthDate": "1940-05-17",
                                    "generalPractitioner": [{"reference": doctor}]})),
        (None, Coverage.parse_obj({"resourceType": "Coverage", "status": "active", "beneficiary": subject, "subscriberId": f"M{RUN}{number}".upper(),
                                   "payor": [{"reference": payer}], "type": {"coding": [{"system": "https://nahdo.org/sopt", "code": "5"}]}})),
        (None, Condition.parse_obj({"resourceType": "Condition", "subject": subject, "category": [{"text": "Primary diagnosis"}],
                                    "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "I50.9"}]}})),
        (None, Condition.parse_obj({"resourceType": "Condition", "subject": subject, "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "E11.9"}]}})),
        (None, AllergyIntolerance.parse_obj({"resourceType": "AllergyIntolerance", "patient": subject, "code": {"text": "Penicillin"},
                                             "reaction": [{"manifestation": [{"text": "Hives"}], "severity": "moderate"}]})),
        (None, MedicationStatement.parse_obj({"resourceType": "MedicationStatement", "status": "active", "subject": subject,
                                              "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "866924"}],
                                                                            "text": "Metoprolol tartrate 25 mg tablet"},
                                              "dosage": [{"text": "1 tablet by mouth twice a day"}]})),
    ]
    for code, value, unit in [("8867-4", 72, "/min"), ("8310-5", 98.4, "[degF]"), ("59408-5", 95, "%")]:
        resources.append((None, Observation.parse_obj({
            "resourceType": "Observation", "status": "final", "subject": subject, "effectiveDateTime": "2026-11-20T08:30:00-05:00",
            "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs"}]}],
            "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
            "valueQuantity": {"value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit}})))
    entries = []
    for full_url, resource in resources:
        entry = {"resource": json.loads(resource.json(exclude_none=True)), "request": {"method": "POST", "url": resource.resource_type}}
        if full_url:
            entry["fullUrl"] = full_url
        entries.append(entry)
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


def test_a_hearth_shaped_data_set_loads_whole_through_both_doors_and_reads_back_valid(hearth, tmp_path):
    token = hearth.token("casemanager")
    bundles = [hearth_shaped(n) for n in range(8)]
    for bundle in bundles[:4]:
        status, _, body = call(hearth, "POST", "/fhir", token, bundle)
        assert status == 200, body
        assert {e.response.status[:3] for e in Bundle.parse_obj(body).entry} <= {"200", "201", "202"}
    for n, bundle in enumerate(bundles[4:]):
        (tmp_path / f"patient-{n}.json").write_text(json.dumps(bundle))
    result = hearth.cli("fhir", "import", str(tmp_path), "--username", "casemanager")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    loaded, _, _, queued, refused = map(int, IMPORTED.search(result.stdout).groups())
    assert (loaded, queued, refused) == (sum(len(b["entry"]) for b in bundles[4:]), 4, 0)
    for number, bundle in enumerate(bundles):
        patients = found(hearth, token, f"/fhir/Patient?identifier={HOSPITAL}|IMP-{RUN}-{number}")
        assert len(patients) == 1, number
        patient = Patient.parse_obj(patients[0])
        assert patient.generalPractitioner and patient.generalPractitioner[0].reference.startswith("Practitioner/")
        coverages = [Coverage.parse_obj(c) for c in found(hearth, token, f"/fhir/Coverage?patient={patient.id}")]
        assert [c.subscriberId for c in coverages] == [f"M{RUN}{number}".upper()]
        assert sorted(Condition.parse_obj(c).code.coding[0].code for c in found(hearth, token, f"/fhir/Condition?patient={patient.id}")) == ["E11.9", "I50.9"]
        assert [AllergyIntolerance.parse_obj(a).code.text for a in found(hearth, token, f"/fhir/AllergyIntolerance?patient={patient.id}")] == ["Penicillin"]
        vitals = [Observation.parse_obj(o) for o in found(hearth, token, f"/fhir/Observation?patient={patient.id}&_count=50")]
        assert sorted(o.code.coding[0].code for o in vitals) == ["59408-5", "8310-5", "8867-4"]
        practitioner = call(hearth, "GET", "/fhir/" + patient.generalPractitioner[0].reference, token)[2]
        assert Practitioner.parse_obj(practitioner).identifier[0].value == npi(f"1{number:08d}")
