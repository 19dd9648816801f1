"""FHIR writes as a hospital's integration engineer meets them: a US Core patient posted reads back as sent, a
transaction Bundle of outside patients with their diagnoses and allergies lands once however often it is re-posted,
and a bad entry rolls the whole transaction back with the entry and element named. Everything Hearth answers
validates with fhir.resources (R4 4.0.1)."""
import copy
import uuid

import pytest
from fhir.resources.bundle import Bundle
from fhir.resources.operationoutcome import OperationOutcome
from fhir.resources.patient import Patient

from test_fhir import call

HOSPITAL = "urn:oid:2.16.840.1.113883.19.5"
CDC = "urn:oid:2.16.840.1.113883.6.238"
US_CORE = "http://hl7.org/fhir/us/core/StructureDefinition/"
RUN = uuid.uuid4().hex[:8]  # the demo database lives for the session: identifiers unique to this run


def outside_patient(number, family="Okafor", given=("Mary", "Ann")):
    return {
        "resourceType": "Patient",
        "identifier": [{"system": HOSPITAL, "value": f"{RUN}-{number}", "use": "usual",
                        "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]}}],
        "name": [{"use": "official", "family": family, "given": list(given)}],
        "telecom": [{"system": "phone", "value": "614-555-0142", "use": "home"}],
        "gender": "female", "birthDate": "1944-06-02",
        "address": [{"use": "home", "line": ["12 Elm St"], "city": "Columbus", "state": "OH", "postalCode": "43215", "country": "US"}],
        "communication": [{"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": "es", "display": "Spanish"}], "text": "Spanish"}, "preferred": True}],
        "extension": [
            {"url": US_CORE + "us-core-race", "extension": [
                {"url": "ombCategory", "valueCoding": {"system": CDC, "code": "2106-3", "display": "White"}},
                {"url": "text", "valueString": "White"}]},
            {"url": US_CORE + "us-core-ethnicity", "extension": [
                {"url": "ombCategory", "valueCoding": {"system": CDC, "code": "2135-2", "display": "Hispanic or Latino"}},
                {"url": "text", "valueString": "Hispanic or Latino"}]},
            {"url": US_CORE + "us-core-birthsex", "valueCode": "F"},
        ],
    }


def referral_entries(number, family, icd10="I50.9", allergy="Penicillin"):
    """An outside patient, a diagnosis and an allergy; the clinical entries refer to the patient's urn:uuid."""
    full_url = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, RUN + str(number))}"
    return [
        {"fullUrl": full_url, "resource": outside_patient(number, family=family, given=("Erik",)),
         "request": {"method": "POST", "url": "Patient", "ifNoneExist": f"identifier={HOSPITAL}|{RUN}-{number}"}},
        {"resource": {"resourceType": "Condition", "subject": {"reference": full_url}, "category": [{"text": "Primary diagnosis"}],
                      "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": icd10}]}},
         "request": {"method": "POST", "url": "Condition"}},
        {"resource": {"resourceType": "AllergyIntolerance", "patient": {"reference": full_url}, "code": {"text": allergy},
                      "reaction": [{"manifestation": [{"text": "Hives"}], "severity": "moderate"}]},
         "request": {"method": "POST", "url": "AllergyIntolerance"}},
    ]


@pytest.fixture(scope="module")
def intake(hearth):
    return hearth.token("intake")


def test_intake_registers_a_referred_patient_once_records_its_referral_and_may_not_change_the_chart(hearth, intake):
    entries = referral_entries(40, "Abara")
    status, _, body = call(hearth, "POST", "/fhir", intake, {"resourceType": "Bundle", "type": "transaction", "entry": entries[:1]})
    assert status == 200 and body["entry"][0]["response"]["status"] == "201 Created"
    # While her referral is open, intake records what it brings (AccessPolicy: recordReferral) ...
    status, _, body = call(hearth, "POST", "/fhir", intake, {"resourceType": "Bundle", "type": "transaction", "entry": entries})
    assert status == 200, body
    patient = body["entry"][0]["response"]["location"]
    # ... and changes nothing else in the chart: a vital sign is the care team's.
    vital = {"resourceType": "Observation", "status": "final", "subject": {"reference": patient}, "effectiveDateTime": "2026-11-20T08:30:00-05:00",
             "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs"}]}],
             "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
             "valueQuantity": {"value": 72, "unit": "/min", "system": "http://unitsofmeasure.org", "code": "/min"}}
    status, _, body = call(hearth, "POST", "/fhir/Observation", intake, vital)
    assert status == 403
    assert OperationOutcome.parse_obj(body).issue[0].expression == ["Observation.subject.reference"]


@pytest.fixture(scope="module")
def case_manager(hearth):
    return hearth.token("casemanager")


def test_a_us_core_patient_reads_back_as_posted(hearth, case_manager):
    sent = outside_patient(1)
    status, headers, body = call(hearth, "POST", "/fhir/Patient", case_manager, sent)
    assert status == 201, body
    status, _, read = call(hearth, "GET", headers["location"], case_manager)
    assert status == 200
    patient = Patient.parse_obj(read)
    assert patient.name[0].given == ["Mary", "Ann"]
    assert [i.dict(exclude_none=True) for i in patient.identifier[1:]] == sent["identifier"]
    assert read["communication"][0]["language"] == sent["communication"][0]["language"]
    for extension in sent["extension"]:
        assert extension in read["extension"]


def test_a_transaction_of_outside_patients_lands_once(hearth, case_manager):
    entries = referral_entries(10, "Lindqvist") + referral_entries(11, "Nakamura", icd10="E11.9", allergy="Sulfa drugs") \
        + referral_entries(12, "Haddad", icd10="J44.9", allergy="Latex")
    bundle = {"resourceType": "Bundle", "type": "transaction", "entry": entries}
    status, _, first = call(hearth, "POST", "/fhir", case_manager, bundle)
    assert status == 200, first
    response = Bundle.parse_obj(first)
    assert response.type == "transaction-response"
    assert [e.response.status for e in response.entry] == ["201 Created"] * 9
    status, _, again = call(hearth, "POST", "/fhir", case_manager, copy.deepcopy(bundle))
    assert status == 200
    assert [e["response"]["status"] for e in again["entry"]] == ["200 OK"] * 9
    assert [e["response"]["location"] for e in again["entry"]] == [e.response.location for e in response.entry]
    status, _, search = call(hearth, "GET", f"/fhir/Patient?identifier={HOSPITAL}|{RUN}-11", case_manager)
    assert status == 200 and len(Bundle.parse_obj(search).entry) == 1
    patient_id = response.entry[3].response.location.split("/")[1]
    status, _, conditions = call(hearth, "GET", f"/fhir/Condition?patient={patient_id}", case_manager)
    assert [e["resource"]["code"]["coding"][0]["code"] for e in conditions["entry"]] == ["E11.9"]


def test_a_bad_entry_rolls_the_transaction_back_and_is_named(hearth, case_manager):
    entries = referral_entries(20, "Okonkwo") + referral_entries(21, "Petrov", icd10="NOT-A-CODE")
    status, _, body = call(hearth, "POST", "/fhir", case_manager, {"resourceType": "Bundle", "type": "transaction", "entry": entries})
    assert status == 422
    outcome = OperationOutcome.parse_obj(body)
    assert outcome.issue[0].expression == ["Bundle.entry[4].resource.code.coding"]
    status, _, search = call(hearth, "GET", f"/fhir/Patient?identifier={HOSPITAL}|{RUN}-20", case_manager)
    assert status == 200 and not search.get("entry")


def test_a_batch_answers_each_entry(hearth, case_manager):
    # A name no other test uses: a patient with a registered patient's name and birth date waits for a person (202).
    good = {"resource": outside_patient(30, family="Batchelder"), "request": {"method": "POST", "url": "Patient"}}
    bad = copy.deepcopy(good)
    bad["resource"]["telecom"] = [{"system": "email", "value": "someone@example.org"}]
    status, _, body = call(hearth, "POST", "/fhir", case_manager, {"resourceType": "Bundle", "type": "batch", "entry": [good, bad]})
    assert status == 200
    response = Bundle.parse_obj(body)
    assert [e.response.status for e in response.entry] == ["201 Created", "422 Unprocessable Entity"]
    issue = response.entry[1].response.outcome.issue[0]
    assert issue.expression == ["Bundle.entry[1].resource.telecom[0].system"]
    assert "someone@example.org" not in str(body)


def test_a_diagnosis_is_written_by_search_and_corrected_only_from_the_version_read(hearth, case_manager):
    """Conditional update (R4 http.html#cond-update) and If-Match (http.html#concurrency), as a hospital's engine uses them."""
    from fhir.resources.condition import Condition
    icd10 = "http://hl7.org/fhir/sid/icd-10-cm"
    status, headers, _ = call(hearth, "POST", "/fhir/Patient", case_manager, outside_patient(70, family="Lindgren", given=("Ola",)))
    assert status == 201
    patient_id = headers["location"].rstrip("/").split("/")[-1]

    def condition(onset):
        return {"resourceType": "Condition", "subject": {"reference": f"Patient/{patient_id}"}, "category": [{"text": "Primary diagnosis"}],
                "code": {"coding": [{"system": icd10, "code": "I50.9"}]}, "onsetDateTime": onset}

    url = f"/fhir/Condition?patient={patient_id}&code={icd10}%7CI50.9"
    status, headers, created = call(hearth, "PUT", url, case_manager, condition("2025-06-01"))
    assert status == 201, created
    first = headers["etag"]
    assert Condition.parse_obj(created).meta.versionId == first.split('"')[1]
    status, headers, updated = call(hearth, "PUT", url, case_manager, condition("2025-05-01"), headers={"If-Match": first})
    assert status == 200 and updated["id"] == created["id"] and updated["onsetDateTime"] == "2025-05-01"
    assert headers["etag"] != first
    status, _, outcome = call(hearth, "PUT", url, case_manager, condition("2025-04-01"), headers={"If-Match": first})
    assert status == 412 and OperationOutcome.parse_obj(outcome).issue[0].code == "conflict"
    status, _, read = call(hearth, "GET", f"/fhir/Condition/{created['id']}", case_manager)
    assert Condition.parse_obj(read).onsetDateTime.isoformat() == "2025-05-01"
    status, _, outcome = call(hearth, "PUT", f"/fhir/Condition?patient={patient_id}&colour=red", case_manager, condition("2025-04-01"))
    assert status == 400 and OperationOutcome.parse_obj(outcome).issue[0].diagnostics


def test_an_allergy_is_written_by_its_substance_within_one_patient(hearth, case_manager):
    """Conditional update by `code:text` (R4 search.html#modifiers): the engine matches an allergy by its substance's text,
    in the one patient's record, and never another patient's allergy to the same substance."""
    from fhir.resources.allergyintolerance import AllergyIntolerance
    ids = []
    for number in (71, 72):
        status, headers, _ = call(hearth, "POST", "/fhir/Patient", case_manager, outside_patient(number, family=f"Brandt{number}", given=("Ilse",)))
        assert status == 201
        ids.append(headers["location"].rstrip("/").split("/")[-1])

    def allergy(patient_id, severity):
        return {"resourceType": "AllergyIntolerance", "patient": {"reference": f"Patient/{patient_id}"}, "code": {"text": "Penicillin"},
                "reaction": [{"manifestation": [{"text": "Hives"}], "severity": severity}]}

    mine, theirs = ids
    status, _, other = call(hearth, "PUT", f"/fhir/AllergyIntolerance?patient={theirs}&code:text=penicillin", case_manager, allergy(theirs, "mild"))
    assert status == 201, other
    status, _, created = call(hearth, "PUT", f"/fhir/AllergyIntolerance?patient={mine}&code:text=penicillin", case_manager, allergy(mine, "moderate"))
    assert status == 201 and created["id"] != other["id"], created
    status, _, updated = call(hearth, "PUT", f"/fhir/AllergyIntolerance?patient={mine}&code:text=penicillin", case_manager, allergy(mine, "severe"))
    assert status == 200 and updated["id"] == created["id"] and AllergyIntolerance.parse_obj(updated).criticality == "high"
    status, _, found = call(hearth, "GET", f"/fhir/AllergyIntolerance?patient={mine}&code:text=PENIC", case_manager)
    assert status == 200 and [Bundle.parse_obj(found).entry[0].resource.id] == [created["id"]] and len(found["entry"]) == 1
    status, _, read = call(hearth, "GET", f"/fhir/AllergyIntolerance/{other['id']}", case_manager)
    assert status == 200 and read["reaction"][0]["severity"] == "mild"
