import Fluent
import Foundation
import HearthCore
import Testing
import Vapor
import VaporTesting
@testable import HearthApp

/// Break-the-glass, 45 CFR 164.312(a)(2)(ii) emergency access procedure: a nurse not on a patient's care team opens the
/// chart with a reason, for hours; every use is audited as emergency access (164.312(b)) and a supervisor reviews it
/// (164.308(a)(1)(ii)(D)).
extension AllTests {
    @Suite struct EmergencyAccessTests {
        static let reason = "Covering weekend call: patient reports a fall"

        /// Signs the cast's nurse in and breaks the glass on the patient she has no relationship with.
        static func breakTheGlass(_ app: Application, _ cast: Cast) async throws -> Browser {
            let nurse = Browser(app)
            try await nurse.login("clinician")
            let patientID = try cast.otherPatient.requireID()
            try await nurse.get(SiteURL.emergencyAccessFind.path + "?mrn=\(cast.otherPatient.mrn)")
            let opened = try await nurse.post(SiteURL.patient(patientID, .emergencyAccess).path, form: ["reason": reason])
            #expect(opened.status == .seeOther)
            #expect(opened.headers.first(name: .location) == SiteURL.patient(patientID).path)
            return nurse
        }

        @Test func aNurseNotOnTheTeamOpensTheChartWithAReasonAndEveryUseIsAuditedAsEmergency() async throws {
            try await withHearth { app in
                // setup: the chart is hidden from her, and its "not found" page offers emergency access
                let cast = try await makeCast(app)
                let patientID = try cast.otherPatient.requireID()
                let nurse = Browser(app)
                try await nurse.login("clinician")
                let hidden = try await nurse.get(SiteURL.patient(patientID).path)
                #expect(hidden.status == .notFound)
                #expect(hidden.body.string.contains("id=\"emergency-offer\"") && !hidden.body.string.contains(cast.otherPatient.familyName))
                // ...and so does an address that names no patient at all: the offer leaks nothing.
                #expect(try await nurse.get(SiteURL.patient(UUID()).path).body.string.contains("id=\"emergency-offer\""))
                // A part of a name finds nothing; the MRN, or the name and date of birth, do.
                #expect(try await nurse.get(SiteURL.emergencyAccessFind.path + "?family=Bap&dob=1938-11-30").body.string.contains("emergency-none"))
                #expect(try await nurse.get(SiteURL.emergencyAccessFind.path + "?family=Baptiste").status == .unprocessableEntity)
                let found = try await nurse.get(SiteURL.emergencyAccessFind.path + "?family=baptiste&dob=1938-11-30")
                #expect(found.body.string.contains("Baptiste, Harold") && found.body.string.contains(SiteURL.patient(patientID, .emergencyAccess).path))
                // act
                let opened = try await nurse.post(SiteURL.patient(patientID, .emergencyAccess).path, form: ["reason": Self.reason])
                #expect(opened.status == .seeOther)
                let chart = try await nurse.get(SiteURL.patient(patientID).path)
                let added = try await nurse.post(SiteURL.patient(patientID, .allergies).path, form: ["substance": "Latex", "reaction": "Rash", "severity": "mild"])
                let medications = try await nurse.get(SiteURL.patient(patientID, .medications).path)
                // check: the chart opens with the banner, on every page of it
                #expect(chart.status == .ok)
                #expect(chart.body.string.contains("id=\"emergency-banner\""))
                #expect(added.status == .seeOther)
                #expect(medications.body.string.contains("id=\"emergency-banner\""))
                // She may not sign, reassign or change the team through it.
                #expect(try await nurse.get(SiteURL.patient(patientID, .caseManager).path).status == .forbidden)
                // Her own patient's chart carries no banner.
                #expect(!(try await nurse.get(SiteURL.patient(cast.ownPatient.requireID()).path).body.string.contains("emergency-banner")))
                // Every record of her use of that chart says emergency access, the opening names her reason.
                let nurseID = try cast.user(.clinician).requireID()
                let hers = try await auditTrail(app).filter { $0.patientID == patientID && $0.actorID == nurseID }
                let opening = try #require(hers.first { $0.action == "patient.emergency_access" })
                #expect(opening.detail?.contains(Self.reason) == true)
                let uses = hers.filter { $0.occurredAtMillis >= opening.occurredAtMillis && $0.action != "patient.emergency_access" }
                #expect(Set(uses.map(\.action)).isSuperset(of: ["patient.read", "allergy.create"]))
                for use in uses where use.outcome == "success" {
                    #expect(use.detail?.hasPrefix("emergency access") == true, "\(use.action) must be audited as emergency access")
                }
            }
        }

        @Test func noReasonNoChart() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.otherPatient.requireID()
                let nurse = Browser(app)
                try await nurse.login("clinician")
                try await nurse.get(SiteURL.patient(patientID, .emergencyAccess).path)
                let empty = try await nurse.post(SiteURL.patient(patientID, .emergencyAccess).path, form: ["reason": ""])
                #expect(empty.status == .unprocessableEntity)
                #expect(empty.body.string.contains("field-error"))
                // What was typed stays, beside the reason it was refused.
                let short = try await nurse.post(SiteURL.patient(patientID, .emergencyAccess).path, form: ["reason": "urgent"])
                #expect(short.status == .unprocessableEntity)
                #expect(short.body.string.contains(">urgent</textarea>") && short.body.string.contains("at least 10 characters"))
                #expect(try await EmergencyAccessRecord.query(on: app.db).count() == 0)
                #expect(try await nurse.get(SiteURL.patient(patientID).path).status == .notFound)
            }
        }

        @Test func payerIntakeAideAndAdministratorMayNotBreakTheGlass() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.otherPatient.requireID()
                for username in ["payer", "intake", "aide", "admin", "physician"] {
                    let user = Browser(app)
                    try await user.login(username)
                    try await user.get(SiteURL.home.path)
                    #expect(try await user.get(SiteURL.emergencyAccessFind.path + "?mrn=\(cast.otherPatient.mrn)").status == .forbidden, "\(username)")
                    let refused = try await user.post(SiteURL.patient(patientID, .emergencyAccess).path, form: ["reason": Self.reason])
                    #expect(refused.status == .forbidden, "\(username)")
                    #expect(!refused.body.string.contains(cast.otherPatient.familyName))
                    // Their "not found" page offers nothing.
                    #expect(!(try await user.get(SiteURL.patient(patientID).path).body.string.contains("emergency-offer")), "\(username)")
                }
                #expect(try await EmergencyAccessRecord.query(on: app.db).count() == 0)
                #expect(try await auditTrail(app).filter { $0.action == "agency.breakTheGlass" && $0.outcome == "denied" }.count >= 5)
            }
        }

        @Test func theAccessEndsAtItsTimeOrWhenTheNurseEndsIt() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.otherPatient.requireID()
                let nurse = try await Self.breakTheGlass(app, cast)
                #expect(try await nurse.get(SiteURL.patient(patientID).path).status == .ok)
                // act: its time passes (the record says it ended a second ago)
                let record = try #require(try await EmergencyAccessRecord.query(on: app.db).first())
                #expect(abs(record.endsAt.timeIntervalSince(record.startedAt) - 4 * 3600) < 1)
                record.endsAt = Date().addingTimeInterval(-1)
                try await record.save(on: app.db)
                // check: the very next request is refused
                #expect(try await nurse.get(SiteURL.patient(patientID).path).status == .notFound)
                #expect(try await nurse.post(SiteURL.patient(patientID, .allergies).path, form: ["substance": "Latex", "severity": "mild"]).status == .notFound)
                // A new reason opens it again; ending it closes it at once.
                #expect(try await nurse.post(SiteURL.patient(patientID, .emergencyAccess).path, form: ["reason": Self.reason]).status == .seeOther)
                let chart = try await nurse.get(SiteURL.patient(patientID).path)
                #expect(chart.status == .ok)
                #expect(try await nurse.post(SiteURL.patient(patientID, .endEmergencyAccess).path, form: [:]).status == .seeOther)
                #expect(try await nurse.get(SiteURL.patient(patientID).path).status == .notFound)
                #expect(try await auditTrail(app).contains { $0.action == "patient.emergency_access.end" && $0.patientID == patientID })
            }
        }

        @Test func theSupervisorReviewsEachAccessWithANote() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let nurse = try await Self.breakTheGlass(app, cast)
                #expect(try await nurse.get(SiteURL.emergencyAccess.path).status == .forbidden)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                let home = try await supervisor.get(SiteURL.home.path).body.string
                #expect(home.contains("Emergency access to review (1)"))
                let report = try await supervisor.get(SiteURL.emergencyAccess.path)
                #expect(report.body.string.contains(Self.reason) && report.body.string.contains("Baptiste, Harold") && report.body.string.contains("Clinician (Clinician)"))
                let record = try #require(try await EmergencyAccessRecord.query(on: app.db).first())
                // A review needs a note; what was refused comes back beside the field.
                let refused = try await supervisor.post(SiteURL.reviewEmergencyAccess(try record.requireID()).path, form: ["note": " "])
                #expect(refused.status == .unprocessableEntity && refused.body.string.contains("field-error"))
                let reviewed = try await supervisor.post(SiteURL.reviewEmergencyAccess(try record.requireID()).path, form: ["note": "Justified: covering call"])
                #expect(reviewed.status == .seeOther)
                let after = try await supervisor.get(SiteURL.emergencyAccess.path).body.string
                #expect(after.contains("Justified: covering call") && after.contains("To review (0)"))
                #expect(!(try await supervisor.get(SiteURL.home.path).body.string.contains("Emergency access to review")))
                #expect(try await supervisor.post(SiteURL.reviewEmergencyAccess(try record.requireID()).path, form: ["note": "again"]).status == .unprocessableEntity)
                #expect(try await auditTrail(app).contains { $0.action == "emergency_access.review" && $0.patientID == cast.otherPatient.id })
            }
        }
    }
}
