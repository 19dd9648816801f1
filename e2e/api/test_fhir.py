"""The FHIR R4 API as an integrating engineer meets it; every resource validates with fhir.resources (R4 4.0.1)."""
import json
import urllib.error
import urllib.request

import pytest
from fhir.resources import FHIRAbstractModel  # noqa: F401  (R4 4.0.1 models in fhir.resources 6.x)
from fhir.resources.bundle import Bundle
from fhir.resources.capabilitystatement import CapabilityStatement
from fhir.resources.operationoutcome import OperationOutcome
from fhir.resources.patient import Patient


def call(hearth, method, path, token=None, body=None, content_type="application/fhir+json", headers=None):
    data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
    # Locations and paging links are absolute; paths are below the server's base.
    request = urllib.request.Request(path if path.startswith("http") else hearth.base_url + path, data=data, method=method)
    request.add_header("Accept", "application/fhir+json")
    if data is not None:
        request.add_header("Content-Type", content_type)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, json.loads(error.read() or b"null")


@pytest.fixture(scope="module")
def case_manager(hearth):
    return hearth.token("casemanager")


def test_capability_statement_validates(hearth):
    status, headers, body = call(hearth, "GET", "/fhir/metadata")
    assert status == 200
    assert headers["content-type"].startswith("application/fhir+json")
    statement = CapabilityStatement.parse_obj(body)
    assert statement.fhirVersion == "4.0.1"


def test_search_returns_a_valid_bundle_of_own_patients(hearth, case_manager):
    status, _, body = call(hearth, "GET", "/fhir/Patient?_count=5", case_manager)
    assert status == 200
    bundle = Bundle.parse_obj(body)
    assert bundle.type == "searchset"
    assert 1 <= len(bundle.entry) <= 5
    for entry in bundle.entry:
        Patient.parse_obj(entry.resource.dict())
    assert any(link.relation == "next" for link in bundle.link)


def test_read_patient_validates_and_carries_the_mrn(hearth, case_manager):
    _, _, bundle = call(hearth, "GET", "/fhir/Patient?_count=1", case_manager)
    patient_id = bundle["entry"][0]["resource"]["id"]
    status, _, body = call(hearth, "GET", f"/fhir/Patient/{patient_id}", case_manager)
    assert status == 200
    patient = Patient.parse_obj(body)
    assert patient.id == patient_id
    assert patient.identifier[0].system == "urn:hearth:mrn"


def test_read_patient_carries_contacts_language_and_preferred_name(hearth, case_manager):
    _, _, bundle = call(hearth, "GET", "/fhir/Patient?_count=20", case_manager)
    resources = [Patient.parse_obj(entry["resource"]) for entry in bundle["entry"]]
    assert any(p.contact for p in resources), "demo patients have family and caregivers"
    # Demo patients (with their family on file) carry their language; a patient another suite registered may not.
    assert all(p.communication for p in resources if p.contact)
    with_contact = next(p for p in resources if p.contact)
    status, _, body = call(hearth, "GET", f"/fhir/Patient/{with_contact.id}", case_manager)
    assert status == 200
    patient = Patient.parse_obj(body)
    assert patient.contact[0].name.text and patient.contact[0].telecom[0].value


def test_name_search_pages_through_the_same_result(hearth, case_manager):
    _, _, first = call(hearth, "GET", "/fhir/Patient?_count=1", case_manager)
    family = first["entry"][0]["resource"]["name"][0]["family"]
    status, _, body = call(hearth, "GET", f"/fhir/Patient?name={family[:3]}&_count=1", case_manager)
    assert status == 200
    bundle = Bundle.parse_obj(body)
    assert all(l.url.startswith(f"{hearth.base_url}/fhir/Patient?name={family[:3]}&") for l in bundle.link)
    for entry in bundle.entry:
        names = [n.family or "" for n in entry.resource.name] + [g for n in entry.resource.name for g in (n.given or [])]
        assert any(n.lower().startswith(family[:3].lower()) for n in names)


def test_create_patient_then_read_it_back(hearth, case_manager):
    new = {"resourceType": "Patient", "name": [{"family": "Okonkwo", "given": ["Adaeze"]}],
           "gender": "female", "birthDate": "1946-05-17",
           "telecom": [{"system": "phone", "value": "614-555-0188"}],
           "address": [{"line": ["12 Walnut St"], "city": "Columbus", "state": "OH", "postalCode": "43215"}]}
    Patient.parse_obj(new)
    status, headers, body = call(hearth, "POST", "/fhir/Patient", case_manager, new)
    assert status == 201, body
    created = Patient.parse_obj(body)
    assert headers["location"].endswith(created.id)
    status, _, again = call(hearth, "GET", f"/fhir/Patient/{created.id}", case_manager)
    assert status == 200 and again["name"][0]["family"] == "Okonkwo"


def test_bad_input_gets_a_valid_operation_outcome(hearth, case_manager):
    status, _, body = call(hearth, "POST", "/fhir/Patient", case_manager, b'{"resourceType": "Patient", "name": [')
    assert status == 400
    assert "not valid JSON" in OperationOutcome.parse_obj(body).issue[0].diagnostics
    status, _, body = call(hearth, "POST", "/fhir/Patient", case_manager, {"resourceType": "Patient", "birthDate": "1946-02-30"})
    assert status == 422
    expressions = [path for issue in OperationOutcome.parse_obj(body).issue for path in issue.expression]
    assert "Patient.birthDate" in expressions and "Patient.name[0].family" in expressions


def test_without_a_token_is_401_and_other_patients_are_404(hearth):
    status, headers, body = call(hearth, "GET", "/fhir/Patient")
    assert status == 401
    assert headers.get("www-authenticate", "").startswith("Bearer")
    OperationOutcome.parse_obj(body)
    # The aide sees only care-team patients; the agency's other patients are hidden from her.
    aide = hearth.token("aide")
    _, _, mine = call(hearth, "GET", "/fhir/Patient?_count=100", aide)
    visible = {entry["resource"]["id"] for entry in mine.get("entry", [])}
    assert visible, "the demo aide serves some patients"
    _, _, everyone = call(hearth, "GET", "/fhir/Patient?_count=100", hearth.token("supervisor"))
    hidden = [e["resource"]["id"] for e in everyone.get("entry", []) if e["resource"]["id"] not in visible]
    assert hidden, "the demo has patients the aide does not serve"
    status, _, body = call(hearth, "GET", f"/fhir/Patient/{hidden[0]}", aide)
    assert status == 404
    assert OperationOutcome.parse_obj(body).issue[0].code == "not-found"


def test_episodes_of_care_validate_for_every_demo_patient(hearth, case_manager):
    from fhir.resources.episodeofcare import EpisodeOfCare

    _, _, bundle = call(hearth, "GET", "/fhir/Patient?_count=100", case_manager)
    statuses = set()
    for entry in bundle["entry"]:
        status, _, episodes = call(hearth, "GET", f"/fhir/EpisodeOfCare?patient=Patient/{entry['resource']['id']}", case_manager)
        assert status == 200
        for item in Bundle.parse_obj(episodes).entry or []:
            episode = EpisodeOfCare.parse_obj(item.resource.dict())
            assert episode.patient.reference == f"Patient/{entry['resource']['id']}"
            statuses.add(episode.status)
            status, _, single = call(hearth, "GET", f"/fhir/EpisodeOfCare/{episode.id}", case_manager)
            assert status == 200 and EpisodeOfCare.parse_obj(single).id == episode.id
    assert {"planned", "active", "onhold", "finished", "cancelled"} <= statuses, statuses


def test_care_teams_and_their_practitioners_validate(hearth, case_manager):
    from fhir.resources.careteam import CareTeam
    from fhir.resources.practitioner import Practitioner

    _, _, bundle = call(hearth, "GET", "/fhir/Patient?_count=10", case_manager)
    practitioners = set()
    for entry in bundle["entry"]:
        patient_id = entry["resource"]["id"]
        status, _, teams = call(hearth, "GET", f"/fhir/CareTeam?patient={patient_id}", case_manager)
        assert status == 200
        team = CareTeam.parse_obj(Bundle.parse_obj(teams).entry[0].resource.dict())
        assert team.subject.reference == f"Patient/{patient_id}"
        assert any(p.role[0].text == "Case manager" for p in team.participant)
        practitioners |= {p.member.reference for p in team.participant}
    for reference in practitioners:
        status, _, body = call(hearth, "GET", f"/fhir/{reference}", case_manager)
        assert status == 200
        Practitioner.parse_obj(body)


def test_conditions_validate_and_carry_icd10_codes(hearth, case_manager):
    from fhir.resources.condition import Condition

    _, _, bundle = call(hearth, "GET", "/fhir/Patient?_count=10", case_manager)
    for entry in bundle["entry"]:
        patient_id = entry["resource"]["id"]
        status, _, conditions = call(hearth, "GET", f"/fhir/Condition?patient={patient_id}", case_manager)
        assert status == 200
        parsed = [Condition.parse_obj(item.resource.dict()) for item in Bundle.parse_obj(conditions).entry or []]
        assert parsed, "every demo patient has coded diagnoses"
        assert parsed[0].category[0].text == "Primary diagnosis"
        assert all(c.code.coding[0].system == "http://hl7.org/fhir/sid/icd-10-cm" for c in parsed)
        status, _, single = call(hearth, "GET", f"/fhir/Condition/{parsed[0].id}", case_manager)
        assert status == 200 and Condition.parse_obj(single).id == parsed[0].id


def test_allergies_validate(hearth, case_manager):
    from fhir.resources.allergyintolerance import AllergyIntolerance

    _, _, bundle = call(hearth, "GET", "/fhir/Patient?_count=20", case_manager)
    found = 0
    for entry in bundle["entry"]:
        status, _, allergies = call(hearth, "GET", f"/fhir/AllergyIntolerance?patient={entry['resource']['id']}", case_manager)
        assert status == 200
        for item in Bundle.parse_obj(allergies).entry or []:
            allergy = AllergyIntolerance.parse_obj(item.resource.dict())
            assert allergy.patient.reference == f"Patient/{entry['resource']['id']}"
            found += 1
    assert found > 0, "some demo patients have allergies"


def test_coverages_validate(hearth, case_manager):
    from fhir.resources.coverage import Coverage

    _, _, bundle = call(hearth, "GET", "/fhir/Patient?_count=10", case_manager)
    for entry in bundle["entry"]:
        status, _, coverages = call(hearth, "GET", f"/fhir/Coverage?patient={entry['resource']['id']}", case_manager)
        assert status == 200
        parsed = [Coverage.parse_obj(item.resource.dict()) for item in Bundle.parse_obj(coverages).entry or []]
        assert parsed and parsed[0].order == 1, "every demo patient has a primary payer"
        assert parsed[0].beneficiary.reference == f"Patient/{entry['resource']['id']}"


def test_coverage_payors_resolve_to_valid_organizations(hearth, case_manager):
    from fhir.resources.coverage import Coverage
    from fhir.resources.organization import Organization
    _, _, bundle = call(hearth, "GET", "/fhir/Patient?_count=1", case_manager)
    patient_id = bundle["entry"][0]["resource"]["id"]
    status, _, body = call(hearth, "GET", f"/fhir/Coverage?patient={patient_id}", case_manager)
    assert status == 200
    coverage = Coverage.parse_obj(Bundle.parse_obj(body).entry[0].resource.dict())
    reference = coverage.payor[0].reference
    assert reference.startswith("Organization/")
    status, _, payer = call(hearth, "GET", f"/fhir/{reference}", case_manager)
    assert status == 200
    organization = Organization.parse_obj(payer)
    assert organization.name == coverage.payor[0].display
    assert organization.type[0].coding[0].code == "pay"
    status, _, search = call(hearth, "GET", "/fhir/Organization?type=prov", case_manager)
    agencies = [Organization.parse_obj(e["resource"]) for e in Bundle.parse_obj(search).dict()["entry"]]
    assert any("Home Health" in a.name for a in agencies)
    status, _, refused = call(hearth, "GET", "/fhir/Organization?type=spaceship", case_manager)
    assert status == 400 and OperationOutcome.parse_obj(refused)


def test_every_questionnaire_validates(hearth, case_manager):
    from fhir.resources.questionnaire import Questionnaire
    status, _, body = call(hearth, "GET", "/fhir/Questionnaire", case_manager)
    assert status == 200
    bundle = Bundle.parse_obj(body)
    ids = {entry.resource.id for entry in bundle.entry}
    assert {"phq9", "phq2", "steadi", "lace", "pain", "adl", "iadl", "home-assessment"} <= ids
    for entry in body["entry"]:
        questionnaire = Questionnaire.parse_obj(entry["resource"])
        assert questionnaire.item, questionnaire.id
    status, _, home = call(hearth, "GET", "/fhir/Questionnaire/home-assessment", case_manager)
    conditional = [i for group in home["item"] for i in group["item"] if i.get("enableWhen")]
    assert conditional, "follow-up questions carry enableWhen"


def test_questionnaire_responses_of_demo_patients_validate(hearth, case_manager):
    from fhir.resources.questionnaireresponse import QuestionnaireResponse
    _, _, patients = call(hearth, "GET", "/fhir/Patient?_count=30", case_manager)
    seen = 0
    for entry in patients["entry"]:
        status, _, body = call(hearth, "GET", f"/fhir/QuestionnaireResponse?patient={entry['resource']['id']}", case_manager)
        assert status == 200
        for result in body.get("entry", []):  # R4 JSON leaves an empty list out
            response = QuestionnaireResponse.parse_obj(result["resource"])
            assert response.status in ("completed", "amended", "in-progress")
            assert response.questionnaire.startswith("urn:hearth:instrument:")
            seen += 1
    assert seen > 0, "the demo has signed assessments"
    status, _, one = call(hearth, "GET", f"/fhir/QuestionnaireResponse/{result['resource']['id']}", case_manager)
    assert status == 200 and QuestionnaireResponse.parse_obj(one).id == result["resource"]["id"]
    # The response names the instrument version it was answered on; a client resolves that canonical to the wording.
    from urllib.parse import quote
    from fhir.resources.questionnaire import Questionnaire
    canonical = one["questionnaire"]
    version = canonical.split("|")[1]
    status, _, found = call(hearth, "GET", f"/fhir/Questionnaire?url={quote(canonical)}", case_manager)
    assert status == 200 and [e["resource"]["version"] for e in found["entry"]] == [version]
    questionnaire_id = found["entry"][0]["resource"]["id"]
    status, _, exact = call(hearth, "GET", f"/fhir/Questionnaire/{questionnaire_id}", case_manager)
    assert status == 200 and Questionnaire.parse_obj(exact).version == version


def fetch(hearth, path, token=None, encoding="gzip"):
    request = urllib.request.Request(hearth.base_url + path)
    if encoding:
        request.add_header("Accept-Encoding", encoding)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def test_answers_to_a_token_and_static_files_are_gzipped_pages_signed_in_by_cookie_are_not(hearth, case_manager):
    import gzip
    # A phone on a weak connection: a FHIR search is a fraction of its size on the wire, and decodes to the same Bundle.
    headers, raw = fetch(hearth, "/fhir/Patient?_count=50", case_manager)
    assert headers.get("content-encoding") == "gzip"
    plain = gzip.decompress(raw)
    assert len(raw) < len(plain) / 3
    Bundle.parse_obj(json.loads(plain))
    _, identity = fetch(hearth, "/fhir/Patient?_count=50", case_manager, encoding=None)
    assert json.loads(identity)["total"] == json.loads(plain)["total"]
    headers, raw = fetch(hearth, "/css/hearth.css")
    assert headers.get("content-encoding") == "gzip" and b"{" in gzip.decompress(raw)
    # A page with a CSRF token in it is never compressed (BREACH): the sign-in form.
    headers, body = fetch(hearth, "/login")
    assert "content-encoding" not in headers
    assert b"_csrf" in body
