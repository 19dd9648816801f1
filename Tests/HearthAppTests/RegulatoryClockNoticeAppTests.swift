import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// Issue 18 through the chart's forms: a planned discharge owes the 484.50(d) notice and the NOMNC, a reduction of care
    /// the HHABN, a significant change an other follow-up assessment; each recorded, audited, and met.
    @Suite struct RegulatoryClockNoticeAppTests {
        func action(_ app: Application, _ patientID: UUID, _ tail: String) async throws -> String {
            let episode = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db)).requireID()
            return SiteURL.patient(patientID, .episodes).path + "/\(episode.uuidString.lowercased())/\(tail)"
        }

        func obligation(_ app: Application, _ key: String) async throws -> ObligationRecord? {
            try await ObligationRecord.query(on: app.db).filter(\.$key == key).first()
        }

        /// 405.1200(b), Ch. 30 §260.3.4: the NOMNC "at least 2 days before" covered services end; refusing to sign still delivers it.
        @Test func aPlannedDischargeOwesTheNoticesAndANOMNCRecordedMeetsIt() async throws {
            try await withHearth { app in
                let (browser, cast) = try await ComplianceTests().admit(app, socDaysAgo: 10)
                let patientID = try cast.ownPatient.requireID()
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                let events = try await action(app, patientID, "care-events")
                // bad input: kept, the message by the field
                let blank = try await browser.post(events, form: ["kind": "planned_discharge", "date": today.adding(days: 6).description, "detail": " "])
                #expect(blank.status == .unprocessableEntity)
                #expect(blank.body.string.contains(#"id="care-event-detail-error">Say what is planned"#))
                #expect(blank.body.string.contains(#"value="\#(today.adding(days: 6))""#), "the date typed is kept")
                #expect(blank.body.string.contains(#"<option value="planned_discharge" selected>"#))

                let planned = try await browser.post(events, form: ["kind": "planned_discharge", "date": today.adding(days: 6).description, "detail": "goals met"])
                #expect(planned.status == .seeOther)
                let nomnc = try #require(try await obligation(app, "nomnc#1"))
                #expect(nomnc.dueDay == today.adding(days: 4).description && nomnc.outstanding)
                #expect(try await obligation(app, "transfer-discharge-notice#1")?.dueDay == today.adding(days: 1).description)

                let change = try #require(try await CareEventRecord.query(on: app.db).first()).requireID().uuidString.lowercased()
                let notices = try await action(app, patientID, "notices")
                let form = ["change": change, "kind": "nomnc", "date": today.description, "by": "Ana Ruiz, RN", "response": "refused"]
                let future = try await browser.post(notices, form: form.merging(["date": today.adding(days: 1).description]) { $1 })
                #expect(future.status == .unprocessableEntity)
                #expect(future.body.string.contains(#"id="notice-date-error">The date cannot be in the future"#))
                #expect(future.body.string.contains(#"value="Ana Ruiz, RN""#), "the name typed is kept")
                let hhabn = try await browser.post(notices, form: form.merging(["kind": "hhabn"]) { $1 })
                #expect(hhabn.body.string.contains(#"id="notice-kind-error">"#), "an HHABN is not given before a discharge")

                #expect(try await browser.post(notices, form: form).status == .seeOther)
                #expect(try await obligation(app, "nomnc#1")?.state == "met")
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("Met by the Notice of Medicare Non-Coverage (NOMNC) delivered \(today) by Ana Ruiz, RN, the patient refused to sign."))
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action ~~ ["care_event.create", "notice.create"]).count() == 2)
            }
        }

        /// 484.55(d)(1); OASIS RFA 05 "within 2 calendar days of significant change": the follow-up assessment meets it.
        @Test func aSignificantChangeOwesAFollowUpThatTheAssessmentMeets() async throws {
            try await withHearth { app in
                let (browser, cast) = try await ComplianceTests().admit(app, socDaysAgo: 10)
                let patientID = try cast.ownPatient.requireID()
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                let events = try await action(app, patientID, "care-events")
                let future = try await browser.post(events, form: ["kind": "significant_change", "date": today.adding(days: 1).description, "detail": "fell"])
                #expect(future.body.string.contains(#"id="care-event-date-error">A change in condition is recorded when it is seen"#))
                #expect(try await browser.post(events, form: ["kind": "significant_change", "date": today.description, "detail": "fell, new hip pain"]).status == .seeOther)
                let owed = try #require(try await obligation(app, "significant-change-assessment#1"))
                #expect(owed.dueDay == today.adding(days: 2).description && owed.outstanding)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                #expect(try await supervisor.get(SiteURL.compliance.path + "?show=all&rule=significant-change-assessment").body.string.contains("Significant change assessment"))

                let home = try #require(app.instruments["home-assessment"])
                let url = try await AssessmentTests.start(browser, patientID, kind: "follow_up", instrument: "home-assessment")
                try await AssessmentTests.fill(browser, url, home)
                #expect(try await browser.post(url + "/sign", form: [:]).status == .seeOther)
                #expect(try await obligation(app, "significant-change-assessment#1")?.state == "met")
            }
        }

        /// A notice is recorded only by someone who may manage the episode, for a change of this episode.
        @Test func anAideCannotRecordANotice() async throws {
            try await withHearth { app in
                let (_, cast) = try await ComplianceTests().admit(app, socDaysAgo: 10)
                let patientID = try cast.ownPatient.requireID()
                let aide = Browser(app)
                try await aide.login("aide")
                let response = try await aide.post(try await action(app, patientID, "care-events"),
                                                   form: ["kind": "significant_change", "date": "2026-01-01", "detail": "x"])
                #expect(response.status == .forbidden || response.status == .notFound)
                #expect(try await CareEventRecord.query(on: app.db).count() == 0)
            }
        }
    }
}
