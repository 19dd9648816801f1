"""Visits as Appointment and Encounter, vital signs as Observation (LOINC, UCUM), and staff as Practitioner with
qualifications and PractitionerRole, all validated with fhir.resources."""
from api.test_fhir import call


def test_visits_and_vital_signs_validate(hearth):
    from fhir.resources.appointment import Appointment
    from fhir.resources.encounter import Encounter
    from fhir.resources.observation import Observation
    nurse = hearth.token("clinician")
    _, _, patients = call(hearth, "GET", "/fhir/Patient?_count=100", nurse)
    appointments = encounters = observations = 0
    codes = set()
    for entry in patients["entry"]:
        patient_id = entry["resource"]["id"]
        for kind, model in (("Appointment", Appointment), ("Encounter", Encounter), ("Observation", Observation)):
            status, _, body = call(hearth, "GET", f"/fhir/{kind}?patient={patient_id}", nurse)
            assert status == 200, (kind, body)
            for item in body.get("entry") or []:
                resource = model.parse_obj(item["resource"])
                status, _, one = call(hearth, "GET", f"/fhir/{kind}/{resource.id}", nurse)
                assert status == 200 and one["id"] == resource.id
                if kind == "Appointment":
                    appointments += 1
                    assert resource.start and resource.end
                elif kind == "Encounter":
                    encounters += 1
                    assert resource.class_fhir.code == "HH"
                else:
                    observations += 1
                    codes.update(c.code for c in resource.code.coding)
                    assert resource.valueQuantity or resource.component
    assert appointments > 0 and encounters > 0 and observations > 0
    assert {"85354-9", "8867-4"} <= codes, codes


def test_practitioner_qualifications_and_role_validate(hearth):
    from fhir.resources.practitioner import Practitioner
    from fhir.resources.practitionerrole import PractitionerRole
    nurse = hearth.token("clinician")
    _, _, me = call(hearth, "GET", "/api/me", nurse, content_type="application/json")
    status, _, body = call(hearth, "GET", f"/fhir/Practitioner/{me['id'].lower()}", nurse)
    assert status == 200
    practitioner = Practitioner.parse_obj(body)
    assert any("RN license" in q.code.text for q in practitioner.qualification)
    status, _, body = call(hearth, "GET", f"/fhir/PractitionerRole/{me['id'].lower()}", nurse)
    assert status == 200
    role = PractitionerRole.parse_obj(body)
    assert "nurse" in role.code[0].text
    assert role.availableTime
