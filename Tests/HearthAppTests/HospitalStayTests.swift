import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// The hospital case manager's units and stays (issue 22): she sees her units' stays and nothing of the agency's;
    /// the agency sees none of hers; notices, status changes and discharges are recorded and audited, or refused with the reason.
    @Suite struct HospitalStayTests {
        func seeded(_ app: Application) async throws -> Browser {
            try await DemoHospital.seed(now: Date(), zone: app.settings.agencyTimeZone, hasher: app.password, on: app.db)
            let browser = Browser(app)
            try await browser.login(DemoHospital.username, password: DemoSeed.password)
            return browser
        }

        func stay(_ family: String, _ app: Application) async throws -> UUID {
            try #require(try await HospitalStay.query(on: app.db).filter(\.$familyName == family).first()?.requireID())
        }

        @Test func herHomeIsHerUnitsStaysAndNotTheICUsOrTheAgencys() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = try await seeded(app)
                let home = try await browser.get("/").body.string
                #expect(home.contains("My units") && home.contains("Alvarez, Rosa") && home.contains("Medicine 4 West"))
                #expect(!home.contains("Vance") && !home.contains("Intensive Care"))
                #expect(try await browser.get(SiteURL.hospitalStay(try await stay("Vance", app)).path).status == .notFound)
                #expect(try await browser.get(SiteURL.patient(try cast.ownPatient.requireID()).path).status == .notFound)
                let refused = try await AuditEvent.query(on: app.db).filter(\.$action == "hospital_stay.read").filter(\.$outcome == "denied").count()
                #expect(refused == 1)
            }
        }

        @Test func theAgencyDoesNotSeeTheHospitalsStays() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                _ = try await seeded(app)
                let alvarez = try await stay("Alvarez", app)
                for username in ["supervisor", "casemanager", "admin"] {
                    let browser = Browser(app)
                    try await browser.login(username)
                    #expect(try await browser.get(SiteURL.hospital.path).status == .notFound, "\(username)")
                    #expect(try await browser.get(SiteURL.hospitalStay(alvarez).path).status == .notFound, "\(username)")
                }
            }
        }

        @Test func sheDeliversTheImportantMessageAndTheObligationIsMetAndAudited() async throws {
            try await withHearth { app in
                let browser = try await seeded(app)
                let id = try await stay("Alvarez", app)
                let before = try await browser.get(SiteURL.hospitalStay(id).path).body.string
                #expect(before.contains(#"id="notice-im_initial-status">Due"#))
                let early = try await browser.post(SiteURL.hospitalStay(id, .notices).path, form: [
                    "kind": "im_initial", "deliveredAt": "2020-01-01T08:00", "outcome": "signed", "recipient": "Patient",
                ])
                #expect(early.status == .unprocessableEntity)
                #expect(early.body.string.contains("cannot be dated before the patient arrived") && early.body.string.contains(#"value="2020-01-01T08:00""#))
                let now = HospitalController.formValue(Date(), zone: app.settings.agencyTimeZone)
                let saved = try await browser.post(SiteURL.hospitalStay(id, .notices).path, form: ["kind": "im_initial", "deliveredAt": now, "outcome": "refused",
                                                                                      "recipient": "Daughter, Ana Alvarez", "note": "Declined to sign"])
                #expect(saved.status == .seeOther)
                let after = try await browser.get(SiteURL.hospitalStay(id).path).body.string
                #expect(after.contains(#"id="notice-im_initial-status">Met"#) && after.contains("Refused to sign") && after.contains("Daughter, Ana Alvarez"))
                #expect(try await HospitalNotice.query(on: app.db).filter(\.$stay.$id == id).count() == 1)
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "hospital_notice.record").count() == 1)
            }
        }

        @Test func conditionCode44NeedsConcurrenceAndNothingChangesAfterDischarge() async throws {
            try await withHearth { app in
                let browser = try await seeded(app)
                let id = try await stay("Baker", app)
                let now = HospitalController.formValue(Date(), zone: app.settings.agencyTimeZone)
                let alone = try await browser.post(SiteURL.hospitalStay(id, .status).path, form: ["status": "observation", "effectiveAt": now, "reviewer": "Dr. Ostrowski"])
                #expect(alone.status == .unprocessableEntity && alone.body.string.contains("Name the attending physician who concurred"))
                #expect(try await HospitalStay.find(id, on: app.db)?.status == "inpatient")
                let changed = try await browser.post(SiteURL.hospitalStay(id, .status).path, form: ["status": "observation", "effectiveAt": now,
                                                                                        "reviewer": "Dr. Ostrowski", "attending": "Dr. Nwosu"])
                #expect(changed.status == .seeOther)
                let page = try await browser.get(SiteURL.hospitalStay(id).path).body.string
                #expect(page.contains("Condition code 44: determined by Dr. Ostrowski, attending Dr. Nwosu concurred"))
                #expect(page.contains(#"id="notice-cc44""#))
                #expect(try await browser.post(SiteURL.hospitalStay(id, .discharge).path, form: ["dischargedAt": now, "disposition": "home"]).status == .seeOther)
                let late = try await browser.post(SiteURL.hospitalStay(id, .status).path, form: ["status": "inpatient", "effectiveAt": now])
                #expect(late.status == .unprocessableEntity && late.body.string.contains("the status can no longer change"))
                #expect(try await HospitalStayStatus.query(on: app.db).filter(\.$stay.$id == id).count() == 2)
            }
        }
    }
}
