"""The community resources directory (HealthcareService, Location, Organization), closed-loop referrals (ServiceRequest,
Task) and the communication log (Communication) of the demo, all validated with fhir.resources."""
from api.test_fhir import call, case_manager  # noqa: F401  (the fixture)


def every(hearth, token, path):
    """Every resource a search finds, following its "next" links."""
    resources = []
    while path:
        status, _, bundle = call(hearth, "GET", path, token)
        assert status == 200, (path, bundle)
        resources += [entry["resource"] for entry in bundle.get("entry") or []]
        url = next((link["url"] for link in bundle["link"] if link["relation"] == "next"), None)
        path = url and url.removeprefix(hearth.base_url)
    return resources


def read(hearth, token, reference, model):
    status, _, body = call(hearth, "GET", f"/fhir/{reference}", token)
    assert status == 200, (reference, body)
    resource = model.parse_obj(body)
    assert f"{resource.resource_type}/{resource.id}" == reference
    return resource


def test_directory_services_locations_and_organizations_validate(hearth):
    from fhir.resources.healthcareservice import HealthcareService
    from fhir.resources.location import Location
    from fhir.resources.organization import Organization
    aide = hearth.token("aide")  # the directory is not patient data: any signed-in client reads it
    services = [HealthcareService.parse_obj(s) for s in every(hearth, aide, "/fhir/HealthcareService?_count=7")]
    assert len(services) > 5, "the demo has a directory"
    languages = set()
    for service in services:
        assert read(hearth, aide, f"HealthcareService/{service.id}", HealthcareService).name == service.name
        read(hearth, aide, service.providedBy.reference, Organization)
        for place in service.location or []:
            read(hearth, aide, place.reference, Location)
        languages.update(c.code for concept in service.communication or [] for c in concept.coding or [] if c.system == "urn:ietf:bcp:47")
    assert "es" in languages
    assert any(s.availableTime for s in services) and any(s.eligibility for s in services) and any(s.category for s in services)
    locations = [Location.parse_obj(l) for l in every(hearth, aide, "/fhir/Location?_count=7")]
    assert locations and any(l.position for l in locations)
    for location in locations:
        read(hearth, aide, f"Location/{location.id}", Location)
    community = [Organization.parse_obj(o) for o in every(hearth, aide, "/fhir/Organization?type=cg&_count=5")]
    assert community and all(o.id.startswith("hsds-") for o in community)
    for organization in community:
        read(hearth, aide, f"Organization/{organization.id}", Organization)
    everyone = [Organization.parse_obj(o) for o in every(hearth, aide, "/fhir/Organization?_count=50")]
    assert {o.id for o in community} < {o.id for o in everyone}, "the agency's payers and the directory share /fhir/Organization"
    meals = every(hearth, aide, "/fhir/HealthcareService?service-category=food")
    assert meals and len(meals) < len(services)
    status, _, body = call(hearth, "GET", "/fhir/HealthcareService?service-category=spaceships", aide)
    assert status == 400 and body["resourceType"] == "OperationOutcome"


def demo_patients(hearth, token):
    return [patient["id"] for patient in every(hearth, token, "/fhir/Patient?_count=100")]


def test_referrals_are_service_requests_and_tasks_that_validate(hearth, case_manager):
    from fhir.resources.servicerequest import ServiceRequest
    from fhir.resources.task import Task
    statuses, orders = set(), 0
    for patient_id in demo_patients(hearth, case_manager):
        for request in every(hearth, case_manager, f"/fhir/ServiceRequest?patient={patient_id}"):
            if not request["id"].startswith("referral-"):
                orders += 1
                continue
            request = ServiceRequest.parse_obj(request)
            assert request.intent == "order" and request.subject.reference == f"Patient/{patient_id}"
            assert request.category[0].coding[0].code == "410606002" and request.code.text
            assert request.requester.reference.startswith("Practitioner/")
            read(hearth, case_manager, f"ServiceRequest/{request.id}", ServiceRequest)
            task = read(hearth, case_manager, f"Task/{request.id}", Task)
            assert task.focus.reference == f"ServiceRequest/{request.id}" and task.for_fhir.reference == f"Patient/{patient_id}"
            assert task.businessStatus.text and task.lastModified >= task.authoredOn
            if task.status == "rejected":
                assert task.statusReason.text and request.status == "revoked"
            if task.status == "completed":
                assert task.executionPeriod.end
            statuses.add(task.status)
        for task in every(hearth, case_manager, f"/fhir/Task?patient={patient_id}"):
            Task.parse_obj(task)
    assert orders > 0, "physician orders are still served beside the referrals"
    assert {"requested", "accepted", "in-progress", "completed", "rejected"} <= statuses, f"the demo has a referral in every state: {statuses}"


def test_the_communication_log_validates(hearth, case_manager):
    from fhir.resources.communication import Communication
    mediums, entries = set(), 0
    for patient_id in demo_patients(hearth, case_manager):
        for entry in every(hearth, case_manager, f"/fhir/Communication?patient={patient_id}"):
            communication = Communication.parse_obj(entry)
            assert communication.status == "completed" and communication.subject.reference == f"Patient/{patient_id}"
            assert communication.payload[0].contentString and communication.sent
            assert communication.sender or communication.recipient
            mediums.update(c.code for concept in communication.medium or [] for c in concept.coding)
            read(hearth, case_manager, f"Communication/{communication.id}", Communication)
            entries += 1
    assert entries > 0, "the demo has a communication log"
    assert "PHONE" in mediums, mediums


def test_a_case_manager_without_the_patient_cannot_read_the_log_or_referrals(hearth, case_manager):
    created = hearth.cli("create-user", "--role", "case-manager", "--username", "e2e-coordination", stdin="a-long-password\n")
    assert created.returncode == 0, created.stderr
    stranger = hearth.token("e2e-coordination")
    for patient_id in demo_patients(hearth, case_manager):
        log = every(hearth, case_manager, f"/fhir/Communication?patient={patient_id}")
        requests = [r for r in every(hearth, case_manager, f"/fhir/ServiceRequest?patient={patient_id}") if r["id"].startswith("referral-")]
        if log and requests:
            break
    else:
        raise AssertionError("the demo has a patient with both communications and referrals")
    for path in (f"/fhir/Communication/{log[0]['id']}", f"/fhir/Communication?patient={patient_id}",
                 f"/fhir/ServiceRequest/{requests[0]['id']}", f"/fhir/Task/{requests[0]['id']}"):
        status, _, body = call(hearth, "GET", path, stranger)
        assert status == 404 and body["resourceType"] == "OperationOutcome", (path, status)
