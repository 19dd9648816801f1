"""The medication profile (MedicationStatement) and the MAR (MedicationAdministration) validate with fhir.resources."""
from api.test_fhir import call, case_manager  # noqa: F401  (the fixture)
from api.test_fhir_care_plans import demo_patients


def test_medication_statements_and_administrations_validate(hearth, case_manager):
    from fhir.resources.medicationadministration import MedicationAdministration
    from fhir.resources.medicationstatement import MedicationStatement
    statements = administrations = 0
    routes = set()
    for patient_id in demo_patients(hearth, case_manager):
        status, _, body = call(hearth, "GET", f"/fhir/MedicationStatement?patient={patient_id}", case_manager)
        assert status == 200 and body["resourceType"] == "Bundle"
        for entry in body.get("entry") or []:
            statement = MedicationStatement.parse_obj(entry["resource"])
            assert statement.subject.reference == f"Patient/{patient_id}"
            assert statement.dosage[0].doseAndRate[0].doseQuantity.unit
            routes.update(c.code for c in statement.dosage[0].route.coding or [])
            statements += 1
        if statements and statements < 40:
            status, _, one = call(hearth, "GET", f"/fhir/MedicationStatement/{statement.id}", case_manager)
            assert status == 200 and MedicationStatement.parse_obj(one).id == statement.id
        status, _, body = call(hearth, "GET", f"/fhir/MedicationAdministration?patient={patient_id}", case_manager)
        assert status == 200
        for entry in body.get("entry") or []:
            given = MedicationAdministration.parse_obj(entry["resource"])
            assert given.status in ("completed", "not-done")
            if given.status == "not-done":
                assert given.statusReason and given.statusReason[0].text
            administrations += 1
    assert statements > 0, "the demo has medication profiles"
    assert administrations > 0, "the demo has MAR entries"
    assert "26643006" in routes, "oral route carries its SNOMED CT code"


def test_medication_search_needs_a_patient_and_refuses_strangers(hearth, case_manager):
    status, _, body = call(hearth, "GET", "/fhir/MedicationStatement", case_manager)
    assert status == 400 and body["resourceType"] == "OperationOutcome"
    status, _, _ = call(hearth, "GET", "/fhir/MedicationStatement/00000000-0000-0000-0000-000000000000", case_manager)
    assert status == 404
