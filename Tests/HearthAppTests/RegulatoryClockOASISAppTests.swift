import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// Issue 18 through the forms: which OASIS ends an episode (finding 6) and the transmission of each OASIS to CMS.
    @Suite struct RegulatoryClockOASISAppTests {
        func episodeID(_ app: Application, _ patientID: UUID) async throws -> UUID {
            try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db)).requireID()
        }

        func state(_ app: Application, _ rule: String) async throws -> String? {
            try await ObligationRecord.query(on: app.db).filter(\.$ruleID == rule).first()?.state
        }

        /// CMS OASIS Guidance Manual, Chapter 1: death at home (RFA 8) "within 2 calendar days" of the death, in place of
        /// the discharge (RFA 9, "discharged from agency — not to an inpatient facility").
        @Test func aDeathAtHomeOwesTheDeathAtHomeTimePoint() async throws {
            try await withHearth { app in
                let (browser, cast) = try await ComplianceTests().admit(app, socDaysAgo: 10)
                let patientID = try cast.ownPatient.requireID()
                let yesterday = CalendarDate(Date(), in: app.settings.agencyTimeZone).adding(days: -1)
                let died = try await browser.post(SiteURL.patient(patientID, .episode(episodeID(app, patientID), .events)).path, form: [
                    "kind": "discharge", "date": yesterday.description, "reason": "Died peacefully at home", "circumstance": "died_at_home",
                ])
                #expect(died.status == .seeOther)
                #expect(try await state(app, "discharge-assessment") == "not_applicable")
                #expect(try await state(app, "death-at-home-assessment") == "due_soon")
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("Death at home assessment due by \(yesterday.adding(days: 2)) because the patient died at home on \(yesterday)"))
                #expect(chart.contains(#"<option value="death_at_home">Death at home</option>"#), "a clinician can start it")

                let pain = try #require(app.instruments["pain"])
                let url = try await AssessmentTests.start(browser, patientID, kind: "death_at_home", instrument: "pain")
                try await AssessmentTests.fill(browser, url, pain)
                #expect(try await browser.post(url + "/sign", form: [:]).status == .seeOther)
                #expect(try await state(app, "death-at-home-assessment") == "met")
                #expect(try await state(app, "oasis-submission") == "open", "the death-at-home OASIS is transmitted too")
            }
        }

        /// A patient in an inpatient facility did not die at home; a discharge from there owes no discharge assessment.
        @Test func aDischargeFromTheHospitalOwesNoDischargeAssessmentAndCannotBeADeathAtHome() async throws {
            try await withHearth { app in
                let (browser, cast) = try await ComplianceTests().admit(app, socDaysAgo: 10)
                let patientID = try cast.ownPatient.requireID()
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                let moves = SiteURL.patient(patientID, .episode(try await episodeID(app, patientID), .events)).path
                #expect(try await browser.post(moves, form: ["kind": "transfer", "date": today.adding(days: -3).description]).status == .seeOther)
                let refused = try await browser.post(moves, form: ["kind": "discharge", "date": today.description, "reason": "Died", "circumstance": "died_at_home"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains(#"id="episode-circumstance-error">The patient is in an inpatient facility (transferred), so did not die at home"#))
                #expect(refused.body.string.contains(#"<option value="died_at_home" selected>"#), "the choice is kept")
                let wrongMove = try await browser.post(moves, form: ["kind": "discharge", "date": today.description, "reason": "x", "circumstance": "diagnostic_only"])
                #expect(wrongMove.body.string.contains("A stay for diagnostic tests only is recorded with the transfer"))

                #expect(try await browser.post(moves, form: ["kind": "discharge", "date": today.description, "reason": "Placed in a nursing home"]).status == .seeOther)
                #expect(try await state(app, "discharge-assessment") == "not_applicable")
                #expect(try await state(app, "discharge-summary") != "not_applicable", "the agency's discharge summary is still owed")
            }
        }

        /// 484.55(d)(2): "for any reason other than diagnostic tests": neither a transfer OASIS nor a resumption.
        @Test func aTransferForDiagnosticTestsOwesNoTransferOrResumption() async throws {
            try await withHearth { app in
                let (browser, cast) = try await ComplianceTests().admit(app, socDaysAgo: 10)
                let patientID = try cast.ownPatient.requireID()
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                let moves = SiteURL.patient(patientID, .episode(try await episodeID(app, patientID), .events)).path
                #expect(try await browser.post(moves, form: ["kind": "transfer", "date": today.adding(days: -3).description, "circumstance": "diagnostic_only"]).status == .seeOther)
                #expect(try await browser.post(moves, form: ["kind": "resumption", "date": today.adding(days: -1).description]).status == .seeOther)
                #expect(try await state(app, "transfer-assessment") == "not_applicable")
                #expect(try await state(app, "resumption-assessment") == "not_applicable")
            }
        }

        /// 42 CFR 484.45(a): each completed OASIS transmitted "within 30 days of completing the assessment"; the case manager
        /// records what CMS answered, a rejection stays owed with its reason, and the supervisor sees it on the compliance page.
        @Test func recordingATransmissionRejectedThenAccepted() async throws {
            try await withHearth { app in
                let (browser, cast) = try await ComplianceTests().admit(app, socDaysAgo: 2)
                let patientID = try cast.ownPatient.requireID()
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                let home = try #require(app.instruments["home-assessment"])
                let url = try await AssessmentTests.start(browser, patientID, kind: "start_of_care")
                try await AssessmentTests.fill(browser, url, home)
                #expect(try await browser.post(url + "/sign", form: [:]).status == .seeOther)
                let owed = try #require(try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "oasis-submission").first())
                #expect(owed.outstanding && owed.dueDay == today.adding(days: 30).description)
                let assessment = try #require(try await AssessmentRecord.query(on: app.db).filter(\.$kind == "start_of_care").first()).requireID()
                var chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains(#"id="oasis-submission-1-form""#))
                let action = SiteURL.patient(patientID, .episodes).path + "/\(try await episodeID(app, patientID).uuidString.lowercased())/oasis-submissions"
                let form = ["assessment": assessment.uuidString.lowercased(), "date": today.description]

                let noReason = try await browser.post(action, form: form.merging(["status": "rejected"]) { $1 })
                #expect(noReason.status == .unprocessableEntity)
                #expect(noReason.body.string.contains("Give the reason CMS gave for the rejection"))
                // By the reason field of that assessment's form, the status chosen kept (issue 18).
                #expect(noReason.body.string.contains(#"id="oasis-submission-1-reason-error""#))
                #expect(noReason.body.string.contains(#"<option value="rejected" selected>"#))
                let tomorrow = try await browser.post(action, form: form.merging(["status": "accepted", "date": today.adding(days: 1).description]) { $1 })
                #expect(tomorrow.status == .unprocessableEntity)
                let rejected = try await browser.post(action, form: form.merging(["status": "rejected", "reason": "Fatal edit: M0090 before M0030"]) { $1 })
                #expect(rejected.status == .seeOther)
                #expect(try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "oasis-submission").first()?.outstanding == true)
                chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("Rejected \(today) (Fatal edit: M0090 before M0030); a rejected submission stays owed until it is corrected and accepted."))

                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                let compliance = try await supervisor.get(SiteURL.compliance.path + "?show=all&rule=oasis-submission").body.string
                #expect(compliance.contains("OASIS transmissions rejected (1)") && compliance.contains("Fatal edit: M0090 before M0030"))
                #expect(compliance.contains("OASIS submitted to CMS"))

                #expect(try await browser.post(action, form: form.merging(["status": "accepted"]) { $1 }).status == .seeOther)
                #expect(try await state(app, "oasis-submission") == "met")
                #expect(!(try await supervisor.get(SiteURL.compliance.path).body.string.contains("OASIS transmissions rejected")))
                let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "oasis.submission.create").count()
                #expect(audited == 2)
            }
        }
    }
}
