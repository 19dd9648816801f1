import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// The regulatory clock as case managers and supervisors meet it: on the chart, on the caseload and agency-wide.
    @Suite struct ComplianceTests {
        /// Admits the cast's own patient with start of care `socDaysAgo` days ago, as the case manager.
        func admit(_ app: Application, socDaysAgo: Int) async throws -> (Browser, Cast) {
            let cast = try await makeCast(app)
            let browser = Browser(app)
            try await browser.login("casemanager")
            let patientID = try cast.ownPatient.requireID()
            let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
            try await browser.get(SiteURL.patient(patientID).path)
            try await browser.post(SiteURL.patient(patientID, .episodes).path, form: ["date": today.adding(days: -socDaysAgo - 1).description])
            let record = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db))
            let admitted = try await browser.post(SiteURL.patient(patientID, .episode(record.requireID(), .events)).path, form: [
                "kind": "start_of_care", "date": today.adding(days: -socDaysAgo).description,
            ])
            #expect(admitted.status == .seeOther)
            return (browser, cast)
        }

        /// 42 CFR 484.55(b)(1): the comprehensive assessment is due within 5 days after start of care.
        @Test func aMissedComprehensiveAssessmentIsOverdueOnTheChartAndTheCaseload() async throws {
            try await withHearth { app in
                let (browser, cast) = try await admit(app, socDaysAgo: 7)
                let chart = try await browser.get(SiteURL.patient(cast.ownPatient.requireID()).path).body.string
                #expect(chart.contains("Comprehensive assessment"))
                #expect(chart.contains("Overdue 2 days")) // the due day, SOC+5, was two days ago
                #expect(chart.contains("42 CFR 484.55(b)(1)"))
                let home = try await browser.get(SiteURL.home.path).body.string
                #expect(home.contains("overdue</span>"))
                let caseload = try await browser.get(SiteURL.patients.path).body.string
                #expect(caseload.contains(#"<span class="flag flag-overdue">"#) && caseload.contains(" overdue</span>"))
                let stored = try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "comprehensive-assessment").all()
                #expect(stored.count == 1 && stored[0].outstanding)
            }
        }

        @Test func supervisorsFilterTheAgencyListAndCaseManagersSeeTheirOwn() async throws {
            try await withHearth { app in
                let (browser, cast) = try await admit(app, socDaysAgo: 12)
                // setup: the other case manager's patient was referred 20 days ago and never seen
                let other = Browser(app)
                try await other.login("othercm")
                try await other.get(SiteURL.patient(cast.otherPatient.requireID()).path)
                let referral = CalendarDate(Date(), in: app.settings.agencyTimeZone).adding(days: -20)
                #expect(try await other.post(SiteURL.patient(cast.otherPatient.requireID(), .episodes).path, form: ["date": referral.description]).status == .seeOther)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                let overview = try await supervisor.get(SiteURL.home.path).body.string
                #expect(overview.contains("Comprehensive assessment: 1 overdue"))
                let all = try await supervisor.get(SiteURL.compliance.path + "?show=overdue").body.string
                #expect(all.contains("Abernathy, Dorothy") && all.contains("Baptiste, Harold"))
                let oneRule = try await supervisor.get(SiteURL.compliance.path + "?show=overdue&rule=comprehensive-assessment").body.string
                #expect(oneRule.contains("Abernathy, Dorothy") && !oneRule.contains("Baptiste, Harold")) // Harold is not admitted
                let longOverdue = try await supervisor.get(SiteURL.compliance.path + "?show=overdue&minDays=15").body.string
                #expect(!longOverdue.contains("Abernathy, Dorothy"))
                // Part of a case manager's name ("Othercm", the other caseload) filters to her patients.
                let byName = try await supervisor.get(SiteURL.compliance.path + "?show=overdue&manager=THERC").body.string
                #expect(byName.contains("Baptiste, Harold") && !byName.contains("Abernathy, Dorothy"))
                let nobody = try await supervisor.get(SiteURL.compliance.path + "?manager=zzz").body.string
                #expect(nobody.contains(#"id="manager-error""#) && !nobody.contains("Baptiste, Harold"))
                let bad = try await supervisor.get(SiteURL.compliance.path + "?minDays=soon")
                #expect(bad.body.string.contains(#"id="minDays-error""#))
                let mine = try await browser.get(SiteURL.compliance.path + "?show=all").body.string
                #expect(mine.contains("Abernathy, Dorothy") && !mine.contains("Baptiste, Harold"))
                let nurse = Browser(app)
                try await nurse.login("clinician")
                #expect(try await nurse.get(SiteURL.compliance.path).status == .forbidden)
            }
        }

        /// The Notice of Admission [42 CFR 484.205(j)] is met by recording it; a supervisor may waive a deadline with a reason.
        @Test func recordingTheNoticeMeetsItAndOnlySupervisorsWaive() async throws {
            try await withHearth { app in
                let (browser, cast) = try await admit(app, socDaysAgo: 3)
                let patientID = try cast.ownPatient.requireID()
                let episode = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db))
                let base = SiteURL.patient(patientID, .episodes).path + "/\(try episode.requireID().uuidString.lowercased())"
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                let future = try await browser.post(base + "/documents", form: ["kind": "notice_of_admission", "date": today.adding(days: 3).description])
                #expect(future.status == .unprocessableEntity)
                // By the date field, the choice and the typed date kept (issue 18).
                #expect(future.body.string.contains(#"id="document-date-error""#))
                #expect(future.body.string.contains(#"<option value="notice_of_admission" selected>"#))
                #expect(future.body.string.contains(#"value="\#(today.adding(days: 3))""#))
                // Dated before the start of care (3 days ago): a typing error, refused with the start of care named.
                let early = try await browser.post(base + "/documents", form: ["kind": "notice_of_admission", "date": today.adding(days: -4).description])
                #expect(early.status == .unprocessableEntity)
                #expect(early.body.string.contains("on or after the start of care (\(today.adding(days: -3)))"))
                let noted = try await browser.post(base + "/documents", form: ["kind": "notice_of_admission", "date": today.adding(days: -1).description])
                #expect(noted.status == .seeOther)
                let notice = try #require(try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "notice-of-admission").first())
                #expect(notice.state == "met" && !notice.outstanding)
                let byCaseManager = try await browser.post(base + "/waivers", form: ["key": "face-to-face-encounter#1", "reason": "Physician unavailable"])
                #expect(byCaseManager.status == .forbidden)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                try await supervisor.get(SiteURL.patient(patientID).path)
                let blank = try await supervisor.post(base + "/waivers", form: ["key": "face-to-face-encounter#1", "reason": " "])
                #expect(blank.status == .unprocessableEntity)
                // The reason's error by the field, under that deadline's re-opened details.
                #expect(blank.body.string.contains(#"id="face-to-face-encounter-1-waive-reason-error""#))
                #expect(blank.body.string.contains(#"<details open><summary>Why?</summary><p>Face-to-face encounter"#))
                #expect(try await supervisor.post(base + "/waivers", form: ["key": "face-to-face-encounter#1", "reason": "Encounter documented by the hospital; copy requested"]).status == .seeOther)
                let waived = try #require(try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "face-to-face-encounter").first())
                #expect(waived.state == "waived")
                let chart = try await supervisor.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("Waived"))
                #expect(try await auditTrail(app).contains { $0.action == "obligation.waive" && $0.patientID == patientID })
            }
        }

        /// 42 CFR 484.205(j): the Notice of Admission is owed to the Medicare contractor, so recording a Medicare Advantage
        /// plan as the only payer takes it off the overdue lists at once, with the reason on the chart; Medicare puts it back.
        @Test func theNoticeOfAdmissionFollowsThePayer() async throws {
            try await withHearth { app in
                let (browser, cast) = try await admit(app, socDaysAgo: 8)
                let patientID = try cast.ownPatient.requireID()
                func notice() async throws -> ObligationRecord {
                    try #require(try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "notice-of-admission").first())
                }
                #expect(try await notice().state == "overdue") // no payer recorded: held to the rule
                let advantage = try await browser.post(SiteURL.patient(patientID, .coverages).path, form: [
                    "payer": "Buckeye Senior Advantage", "program": "medicare_advantage", "memberID": "BSA00000001", "order": "1"])
                #expect(advantage.status == .seeOther)
                let notOwed = try await notice()
                #expect(notOwed.state == "not_applicable" && !notOwed.outstanding)
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(!chart.contains(#"data-key="notice-of-admission#1""#)) // off the chart's deadlines
                #expect(chart.contains(#"data-key="comprehensive-assessment#1""#))
                #expect(chart.contains("Medicare Advantage"))
                _ = try await browser.post(SiteURL.patient(patientID, .coverages).path, form: [
                    "payer": "Medicare", "program": "medicare", "memberID": "1EG4TE5MK73", "order": "2"])
                #expect(try await notice().state == "overdue")
            }
        }

        /// 42 CFR 484.55(d)(1): after recertification the next recertification falls in days 116–120.
        @Test func recertifyingMovesTheRecertificationDeadlineToTheNextPeriod() async throws {
            try await withHearth { app in
                let (browser, cast) = try await admit(app, socDaysAgo: 57)
                let patientID = try cast.ownPatient.requireID()
                let episode = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db))
                let soc = try #require(CalendarDate(episode.startOfCare ?? ""))
                func outstandingRecert() async throws -> [String] {
                    try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "recertification-assessment").filter(\.$outstanding == true).all().map(\.dueDay)
                }
                #expect(try await outstandingRecert().contains(soc.adding(days: 59).description)) // day 60 of period 1
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                let recertified = try await browser.post(SiteURL.patient(patientID, .episode(episode.requireID(), .events)).path, form: ["kind": "recertification", "date": today.description])
                #expect(recertified.status == .seeOther)
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("Recertification assessment"))
                #expect(try await outstandingRecert().contains(soc.adding(days: 119).description)) // day 120: the end of period 2
            }
        }
    }
}
