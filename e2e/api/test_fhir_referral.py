"""Referrals in, as a hospital's integration engineer meets them: a discharge referral sent as a transaction Bundle is
held for the agency's intake (nothing joins a chart yet), answered with a Task the hospital polls through fhirpy, sent
again without a second referral, and a bad entry is refused by its path with nothing kept. Every answer validates with
fhir.resources (R4 4.0.1) (issue 21)."""
import copy
import uuid

import fhirpy
import pytest
from fhir.resources.bundle import Bundle
from fhir.resources.operationoutcome import OperationOutcome
from fhir.resources.task import Task

from test_fhir import call

HOSPITAL = "urn:oid:2.16.840.1.113883.19.5"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
RUN = uuid.uuid4().hex[:8]


def referral(number):
    patient_url = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, RUN + str(number))}"
    subject = {"reference": patient_url}

    def entry(resource, full_url=None):
        item = {"resource": resource, "request": {"method": "POST", "url": resource["resourceType"]}}
        if full_url:
            item["fullUrl"] = full_url
        return item

    return {"resourceType": "Bundle", "type": "transaction", "entry": [
        entry({"resourceType": "Patient", "identifier": [{"system": HOSPITAL, "value": f"{RUN}-{number}"}],
               "name": [{"family": "Adeyemi", "given": ["Folake"]}], "gender": "female", "birthDate": "1950-09-30"}, patient_url),
        entry({"resourceType": "Condition", "subject": subject, "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "I50.9"}]}}),
        entry({"resourceType": "MedicationStatement", "status": "active", "subject": subject,
               "medicationCodeableConcept": {"coding": [{"system": RXNORM, "code": "310429"}], "text": "Furosemide 40 mg tablet"},
               "dosage": [{"text": "1 tablet by mouth once a day"}]}),
        entry({"resourceType": "Practitioner", "name": [{"family": "Ortiz", "given": ["Jane"]}],
               "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1234567893"}]}),
        entry({"resourceType": "Coverage", "status": "active", "beneficiary": subject, "subscriberId": "1EG4-TE5-MK72",
               "payor": [{"display": "Medicare Part A"}]}),
        entry({"resourceType": "ServiceRequest", "status": "active", "intent": "order", "subject": subject,
               "code": {"text": "Home health skilled nursing"}, "occurrenceDateTime": "2026-12-07"}),
        entry({"resourceType": "Task", "status": "requested", "intent": "order", "for": subject}),
    ]}


@pytest.fixture(scope="module")
def hospital(hearth):
    return hearth.token("hospitalcm")


def test_a_referral_is_held_for_intake_and_followed_as_a_task(hearth, hospital):
    status, _, body = call(hearth, "POST", "/fhir", hospital, referral(1))
    assert status == 200, body
    response = Bundle.parse_obj(body)
    assert response.type == "transaction-response"
    statuses = [e.response.status for e in response.entry]
    assert statuses == ["202 Accepted"] * 6 + ["201 Created"]
    task_location = response.entry[6].response.location
    assert task_location.startswith("Task/inbound-")
    # Nothing joins a chart before the agency accepts.
    status, _, search = call(hearth, "GET", f"/fhir/Patient?identifier={HOSPITAL}|{RUN}-1", hearth.token("casemanager"))
    assert status == 200 and not search.get("entry")
    # The hospital polls its Task with an ordinary client.
    client = fhirpy.SyncFHIRClient(hearth.base_url + "/fhir", authorization=f"Bearer {hospital}")
    task = Task.parse_obj(client.reference("Task", task_location.split("/")[1]).to_resource().serialize())
    assert task.status == "requested" and task.intent == "order"
    assert task.for_fhir.identifier.value == f"{RUN}-1"
    # The same Bundle again: the same Task, no second referral.
    status, _, again = call(hearth, "POST", "/fhir", hospital, referral(1))
    assert status == 200 and again["entry"][6]["response"]["location"] == task_location
    # A payer's account hears there is no such Task.
    status, _, body = call(hearth, "GET", "/fhir/" + task_location, hearth.token("payer"))
    assert status == 404
    OperationOutcome.parse_obj(body)


@pytest.mark.parametrize("change, path", [
    (lambda b: b["entry"].append({"resource": {"resourceType": "Observation", "status": "final", "code": {"text": "Weight"}},
                                  "request": {"method": "POST", "url": "Observation"}}), "Bundle.entry[7].resource.resourceType"),
    (lambda b: b["entry"][2]["resource"]["dosage"][0].update(text="as directed"), "Bundle.entry[2].resource.dosage[0].text"),
    (lambda b: b["entry"][5]["resource"].update(occurrenceDateTime="next week"), "Bundle.entry[5].resource.occurrenceDateTime"),
    (lambda b: b["entry"][0]["resource"].update(maritalStatus={"text": "Widowed"}), "Bundle.entry[0].resource.maritalStatus"),
])
def test_a_bad_entry_is_refused_by_its_path_and_nothing_is_kept(hearth, hospital, change, path):
    bundle = copy.deepcopy(referral(2))
    change(bundle)
    status, _, body = call(hearth, "POST", "/fhir", hospital, bundle)
    assert 400 <= status < 500
    outcome = OperationOutcome.parse_obj(body)
    assert outcome.issue[0].expression == [path]
    assert "Adeyemi" not in str(body)


def test_only_a_hospital_account_sends_referrals(hearth):
    status, _, body = call(hearth, "POST", "/fhir", hearth.token("casemanager"), referral(3))
    assert status == 403
    assert OperationOutcome.parse_obj(body).issue[0].code == "forbidden"
