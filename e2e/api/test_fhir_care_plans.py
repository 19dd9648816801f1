"""Care plans, goals, physician orders (ServiceRequest) and their signature requests (Task) validate with fhir.resources."""
from api.test_fhir import call, case_manager  # noqa: F401  (the fixture)


def demo_patients(hearth, token, count=40):
    _, _, patients = call(hearth, "GET", f"/fhir/Patient?_count={count}", token)
    return [entry["resource"]["id"] for entry in patients["entry"]]


def test_care_plans_and_goals_validate(hearth, case_manager):
    from fhir.resources.careplan import CarePlan
    from fhir.resources.goal import Goal
    plans = goals = 0
    for patient_id in demo_patients(hearth, case_manager):
        status, _, body = call(hearth, "GET", f"/fhir/CarePlan?patient={patient_id}", case_manager)
        assert status == 200
        for entry in body.get("entry") or []:
            plan = CarePlan.parse_obj(entry["resource"])
            assert plan.intent == "plan" and plan.subject.reference == f"Patient/{patient_id}"
            assert plan.activity and plan.activity[0].detail.scheduledString
            plans += 1
            status, _, one = call(hearth, "GET", f"/fhir/CarePlan/{plan.id}", case_manager)
            assert status == 200 and CarePlan.parse_obj(one).id == plan.id
            for reference in plan.goal or []:
                status, _, goal = call(hearth, "GET", f"/fhir/{reference.reference}", case_manager)
                assert status == 200
                parsed = Goal.parse_obj(goal)
                assert parsed.target[0].dueDate is not None
                goals += 1
        status, _, body = call(hearth, "GET", f"/fhir/Goal?patient={patient_id}", case_manager)
        assert status == 200
        for entry in body.get("entry") or []:
            Goal.parse_obj(entry["resource"])
    assert plans > 0 and goals > 0, "the demo has care plans with goals"


def test_orders_and_signature_tasks_validate(hearth, case_manager):
    from fhir.resources.servicerequest import ServiceRequest
    from fhir.resources.task import Task
    statuses = set()
    for patient_id in demo_patients(hearth, case_manager):
        status, _, requests = call(hearth, "GET", f"/fhir/ServiceRequest?patient={patient_id}", case_manager)
        assert status == 200
        for entry in requests.get("entry") or []:
            request = ServiceRequest.parse_obj(entry["resource"])
            assert request.intent == "order" and request.requester.reference.startswith("Practitioner/")
            status, _, task = call(hearth, "GET", f"/fhir/Task/{request.id}", case_manager)
            assert status == 200
            parsed = Task.parse_obj(task)
            assert parsed.focus.reference == f"ServiceRequest/{request.id}"
            statuses.add(parsed.status)
        status, _, tasks = call(hearth, "GET", f"/fhir/Task?patient={patient_id}", case_manager)
        assert status == 200
        for entry in tasks.get("entry") or []:
            Task.parse_obj(entry["resource"])
    assert {"completed", "requested"} <= statuses, f"the demo has signed and waiting orders: {statuses}"


def test_another_caseload_cannot_read_orders(hearth, case_manager):
    status, _, _ = call(hearth, "GET", "/fhir/ServiceRequest/00000000-0000-0000-0000-000000000000", case_manager)
    assert status == 404
