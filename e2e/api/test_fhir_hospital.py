"""The demo hospital's stays as FHIR, read by its case manager: each stay an Encounter (class and class history from the
status timeline), the payer communications log as Communication and the signed or refused notices as
DocumentReference, all validated with fhir.resources; the agency's staff see none of them."""
from api.test_fhir import call


def test_stays_payer_calls_and_notices_validate(hearth):
    from fhir.resources.communication import Communication
    from fhir.resources.documentreference import DocumentReference
    from fhir.resources.encounter import Encounter
    manager = hearth.token("hospitalcm")
    status, _, stays = call(hearth, "GET", "/fhir/Encounter?_count=100", manager)
    assert status == 200, stays
    encounters = [Encounter.parse_obj(entry["resource"]) for entry in stays.get("entry") or []]
    assert len(encounters) >= 20
    assert all(e.id.startswith("stay-") and e.serviceProvider.display for e in encounters)
    assert {e.class_fhir.code for e in encounters} >= {"IMP", "OBSENC"}
    assert any(len(e.classHistory or []) > 1 for e in encounters), "a stay whose status changed"
    assert any(e.status == "finished" and e.hospitalization.dischargeDisposition.text for e in encounters)
    calls = notices = 0
    for encounter in encounters:
        status, _, one = call(hearth, "GET", f"/fhir/Encounter/{encounter.id}", manager)
        assert status == 200 and one["id"] == encounter.id
        for kind, model in (("Communication", Communication), ("DocumentReference", DocumentReference)):
            status, _, body = call(hearth, "GET", f"/fhir/{kind}?encounter=Encounter/{encounter.id}", manager)
            assert status == 200, body
            for entry in body.get("entry") or []:
                resource = model.parse_obj(entry["resource"])
                status, _, again = call(hearth, "GET", f"/fhir/{kind}/{resource.id}", manager)
                assert status == 200 and again["id"] == resource.id
                if kind == "Communication":
                    calls += 1
                    assert resource.encounter.reference == f"Encounter/{encounter.id}" and resource.payload[0].contentString
                else:
                    notices += 1
                    assert resource.context.encounter[0].reference == f"Encounter/{encounter.id}"
                    assert resource.type.text and resource.author[0].display and resource.description
    assert calls > 0 and notices > 0


def test_the_agency_does_not_see_the_hospitals_stays(hearth):
    manager = hearth.token("hospitalcm")
    _, _, stays = call(hearth, "GET", "/fhir/Encounter?_count=1", manager)
    stay_id = stays["entry"][0]["resource"]["id"]
    nurse = hearth.token("clinician")
    status, _, _ = call(hearth, "GET", f"/fhir/Encounter/{stay_id}", nurse)
    assert status == 404
    status, _, body = call(hearth, "GET", "/fhir/DocumentReference", nurse)
    assert status == 200 and not body.get("entry")
