import Fluent
import Foundation
import HearthCore
import Testing
import Vapor
import VaporTesting
@testable import HearthApp

/// HIPAA minimum necessary (45 CFR 164.502(b), 164.514(d)): intake reads a referral only while it is open, and the
/// administrator, who manages users, tokens and the audit trail, opens no chart.
extension AllTests {
    @Suite struct LeastPrivilegeTests {
        @Test func intakeReadsItsReferralUntilTheAgencyAdmitsIt() async throws {
            try await withHearth { app in
                // setup: intake's open referral (no episode yet, then a referral episode)
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let intake = Browser(app)
                try await intake.login("intake")
                #expect(try await intake.get(SiteURL.patient(patientID).path).status == .ok)
                let caseManager = Browser(app)
                try await caseManager.login("casemanager")
                try await caseManager.get(SiteURL.patient(patientID).path)
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                try await caseManager.post(SiteURL.patient(patientID, .episodes).path, form: ["date": today.adding(days: -2).description])
                let record = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db))
                #expect(try await intake.get(SiteURL.patient(patientID).path).status == .ok)
                #expect(try await intake.get(SiteURL.patients.path + "?q=\(cast.ownPatient.familyName)").body.string.contains(SiteURL.patient(patientID).path))
                // act: the case manager records the start of care
                let admitted = try await caseManager.post(SiteURL.patient(patientID, .episode(record.requireID(), .events)).path, form: [
                    "kind": "start_of_care", "date": today.adding(days: -1).description,
                ])
                #expect(admitted.status == .seeOther)
                // check: the chart is closed to intake as to a stranger, and she cannot find it either
                #expect(try await intake.get(SiteURL.patient(patientID).path).status == .notFound)
                #expect(!(try await intake.get(SiteURL.patients.path + "?q=\(cast.ownPatient.familyName)").body.string.contains(SiteURL.patient(patientID).path)))
                #expect(!(try await intake.get(SiteURL.patients.path).body.string.contains(SiteURL.patient(patientID).path)))
                // ...but her home page still reports the outcome, as text without a link.
                let home = try await intake.get(SiteURL.home.path).body.string
                #expect(home.contains(cast.ownPatient.listName) && home.contains("Admitted"))
                #expect(!home.contains(SiteURL.patient(patientID).path))
            }
        }

        @Test func aReferralTheAgencyDidNotAdmitIsClosedToIntakeToo() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                try await supervisor.get(SiteURL.patient(patientID).path)
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                try await supervisor.post(SiteURL.patient(patientID, .episodes).path, form: ["date": today.adding(days: -2).description])
                let record = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db))
                let declined = try await supervisor.post(SiteURL.patient(patientID, .episode(record.requireID(), .events)).path, form: [
                    "kind": "not_admitted", "date": today.adding(days: -1).description, "reason": "Outside the service area",
                ])
                #expect(declined.status == .seeOther)
                let intake = Browser(app)
                try await intake.login("intake")
                #expect(try await intake.get(SiteURL.patient(patientID).path).status == .notFound)
                let home = try await intake.get(SiteURL.home.path).body.string
                #expect(home.contains(cast.ownPatient.listName) && home.contains("Not admitted"))
                #expect(!home.contains(SiteURL.patient(patientID).path))
            }
        }

        @Test func theAdministratorOpensNoChartButTheAuditTrailStillNamesPatients() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let caseManager = Browser(app)
                try await caseManager.login("casemanager")
                try await caseManager.get(SiteURL.patient(patientID).path)
                let admin = Browser(app)
                try await admin.login("admin")
                let chart = try await admin.get(SiteURL.patient(patientID).path)
                #expect(chart.status == .forbidden)
                #expect(!chart.body.string.contains(cast.ownPatient.mrn))
                #expect(try await admin.get(SiteURL.patient(patientID, .caseManager).path).status == .forbidden)
                let list = try await admin.get(SiteURL.patients.path).body.string
                let otherID = try cast.otherPatient.requireID()
                #expect(!list.contains(SiteURL.patient(patientID).path) && !list.contains(SiteURL.patient(otherID).path))
                // The audit function is not chart access: who opened which patient, by name and MRN.
                await app.auditBuffer?.flush()
                let trail = try await admin.get(SiteURL.admin(.audit).path + "?patient=\(cast.ownPatient.mrn)")
                #expect(trail.status == .ok)
                #expect(trail.body.string.contains(cast.ownPatient.listName) && trail.body.string.contains("MRN \(cast.ownPatient.mrn)"))
            }
        }
    }
}
