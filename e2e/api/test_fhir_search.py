"""Search as integrators meet it through the two most used Python clients: fhirclient (SMART on FHIR) pages by the
Bundle's absolute links, fhirpy counts, sorts, includes and trims; no search answers the whole list for a criterion it
ignored, and no JSON Hearth emits holds an empty array."""
import json
import urllib.error
import urllib.request

import fhirpy
import pytest
from fhirclient import client as smart_client
from fhirclient.models.condition import Condition as SmartCondition
from fhirclient.models.patient import Patient as SmartPatient

from api.test_fhir import call, case_manager  # noqa: F401  (the fixture)

PATIENT_TYPES = ["Condition", "Encounter", "Observation", "EpisodeOfCare", "MedicationStatement", "MedicationAdministration",
                 "Appointment", "ServiceRequest", "Task", "Goal", "CarePlan", "Coverage", "AllergyIntolerance", "CareTeam",
                 "Communication", "QuestionnaireResponse"]


def empty_arrays(value, path="$"):
    if isinstance(value, list):
        return [path] if not value else [p for i, item in enumerate(value) for p in empty_arrays(item, f"{path}[{i}]")]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in empty_arrays(item, f"{path}.{key}")]
    return []


@pytest.fixture(scope="module")
def smart(hearth, case_manager):  # noqa: F811
    server = smart_client.FHIRClient(settings={"app_id": "e2e", "api_base": hearth.base_url + "/fhir/"}).server
    server.session.headers["Authorization"] = f"Bearer {case_manager}"
    return server


@pytest.fixture(scope="module")
def fhirpy_client(hearth, case_manager):  # noqa: F811
    return fhirpy.SyncFHIRClient(hearth.base_url + "/fhir", authorization=f"Bearer {case_manager}")


@pytest.fixture(scope="module")
def busiest_patient(hearth, case_manager):  # noqa: F811
    """The demo patient with the most diagnoses, so paging has pages."""
    _, _, bundle = call(hearth, "GET", "/fhir/Patient?_count=100", case_manager)
    ids = [entry["resource"]["id"] for entry in bundle["entry"]]
    counts = {pid: call(hearth, "GET", f"/fhir/Condition?patient={pid}&_summary=count", case_manager)[2]["total"] for pid in ids}
    return max(counts, key=counts.get)


def test_fhirclient_pages_through_every_patient_by_absolute_links(hearth, case_manager, smart):  # noqa: F811
    _, _, counted = call(hearth, "GET", "/fhir/Patient?_summary=count", case_manager)
    bundle = SmartPatient.where(struct={"_count": "3"}).perform(smart)
    seen = []
    while bundle is not None:
        seen += [entry.resource.id for entry in bundle.entry or []]
        assert all(entry.fullUrl.startswith(hearth.base_url + "/fhir/Patient/") for entry in bundle.entry or [])
        bundle = _next(smart, bundle)
    assert len(seen) == len(set(seen)) == counted["total"] > 3


def _next(server, bundle):
    from fhirclient.models.bundle import Bundle
    link = next((link.url for link in bundle.link or [] if link.relation == "next"), None)
    return Bundle(server.request_json(link), strict=False) if link else None


def test_fhirclient_pages_a_patients_conditions(hearth, smart, busiest_patient):
    bundle = SmartCondition.where(struct={"patient": busiest_patient, "_count": "1"}).perform(smart)
    pages = 0
    while bundle is not None:
        pages += 1
        bundle = _next(smart, bundle)
    assert pages == bundle_total(hearth, smart, f"Condition?patient={busiest_patient}") > 1


def bundle_total(hearth, server, path):
    return server.request_json(path + "&_summary=count")["total"]


def test_fhirpy_counts_sorts_and_trims(fhirpy_client, busiest_patient):
    conditions = fhirpy_client.resources("Condition").search(patient=busiest_patient)
    total = conditions.count()
    assert total > 1
    onset = [c.get("onsetDateTime") for c in conditions.sort("onset-date").limit(100).fetch_all() if c.get("onsetDateTime")]
    assert onset == sorted(onset)
    newest_first = [c.get("onsetDateTime") for c in conditions.sort("-onset-date").fetch() if c.get("onsetDateTime")]
    assert newest_first == sorted(newest_first, reverse=True)
    trimmed = conditions.elements("code").fetch()
    assert trimmed and all("subject" not in c and "code" in c for c in trimmed)
    assert fhirpy_client.resources("Patient").search(_id=busiest_patient).count() == 1


def test_fhirpy_includes_the_request_each_task_fulfils(fhirpy_client, hearth, case_manager):  # noqa: F811
    _, _, bundle = call(hearth, "GET", "/fhir/Patient?_count=100", case_manager)
    for entry in bundle["entry"]:
        pid = entry["resource"]["id"]
        found = fhirpy_client.resources("Task").search(patient=pid).include("Task", "focus").limit(5).fetch_raw()
        matches = [e for e in found.get("entry", []) if e["search"]["mode"] == "match"]
        if not matches:
            continue
        included = {f'ServiceRequest/{e["resource"]["id"]}' for e in found["entry"] if e["search"]["mode"] == "include"}
        assert {m["resource"]["focus"]["reference"] for m in matches} <= included
        return
    pytest.skip("no demo patient has an order or referral")


def test_criteria_narrow_or_refuse_never_the_whole_list(hearth, case_manager, busiest_patient):  # noqa: F811
    strict = {"Prefer": "handling=strict"}
    base = f"/fhir/Condition?patient={busiest_patient}"
    whole = call(hearth, "GET", base + "&_summary=count", case_manager)[2]["total"]
    for criterion in ["_id=00000000-0000-4000-8000-000000000000", "code=http://hl7.org/fhir/sid/icd-10-cm|Z99.99",
                      "code=urn:other|I50.9", "clinical-status=resolved-never", "onset-date=lt1800-01-01", "_lastUpdated=gt2999-01-01"]:
        status, body = call_with(hearth, base + "&" + criterion + "&_summary=count", case_manager, strict)
        assert status == 200 and body["total"] < whole, criterion
    status, body = call_with(hearth, base + "&no-such-parameter=1", case_manager, strict)
    assert status == 400 and "no-such-parameter" in body["issue"][0]["diagnostics"]
    status, _, body = call(hearth, "GET", base + "&no-such-parameter=1", case_manager)
    assert status == 200 and all("no-such-parameter" not in link["url"] for link in body["link"])


def call_with(hearth, path, token, headers, method="GET", body=None):
    """A request with extra headers; the status and the JSON body (None for a 304)."""
    request = urllib.request.Request(hearth.base_url + path, method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/fhir+json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def test_no_empty_arrays_in_any_search(hearth, case_manager, busiest_patient):  # noqa: F811
    paths = [f"/fhir/{t}?patient={busiest_patient}&_count=100" for t in PATIENT_TYPES]
    paths += ["/fhir/Patient?_count=100", "/fhir/metadata", "/fhir/Organization?_count=100", "/fhir/Location?_count=100",
              "/fhir/HealthcareService?_count=100", "/fhir/Questionnaire", "/fhir/Patient?family=zzzz-nobody"]
    for path in paths:
        status, _, body = call(hearth, "GET", path, case_manager)
        assert status == 200, (path, body)
        assert empty_arrays(body) == [], path
        if body["resourceType"] == "Bundle":
            assert "total" in body and all(link["url"].startswith("http") for link in body["link"]), path


def test_reads_carry_versions_and_answer_304(hearth, case_manager, busiest_patient):  # noqa: F811
    status, headers, patient = call(hearth, "GET", f"/fhir/Patient/{busiest_patient}", case_manager)
    assert status == 200 and headers["etag"] == f'W/"{patient["meta"]["versionId"]}"' and "last-modified" in headers
    assert call_with(hearth, f"/fhir/Patient/{busiest_patient}", case_manager, {"If-None-Match": headers["etag"]})[0] == 304
    assert call_with(hearth, f"/fhir/Patient/{busiest_patient}", case_manager, {"If-Modified-Since": headers["last-modified"]})[0] == 304
    status, _, history = call(hearth, "GET", f"/fhir/Patient/{busiest_patient}/_history", case_manager)
    assert status == 200 and history["type"] == "history"
    status, _, same = call(hearth, "GET", f"/fhir/Patient/{busiest_patient}/_history/{patient['meta']['versionId']}", case_manager)
    assert status == 200 and same["id"] == busiest_patient
    stale = {key: value for key, value in patient.items() if key not in ("meta", "contact")}
    status, outcome = call_with(hearth, f"/fhir/Patient/{busiest_patient}", case_manager, {"If-Match": 'W/"0000000000000000"'}, "PUT", stale)
    assert status == 412, outcome

