import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// Issue 18 as a case manager meets it through the forms: the headline score, what meets the comprehensive
    /// assessment, how records are named and the holiday calendar the app's clock counts with.
    @Suite struct RegulatoryClockRulesTests {
        /// LACE (van Walraven et al., CMAJ 2010): the index is the total of L, A, C and E. The chart read "LACE 1"
        /// for a total of 7 (finding 8).
        @Test func aSignedLACEShowsItsTotalOnTheChart() async throws {
            try await withHearth { app in
                let (browser, cast) = try await ComplianceTests().admit(app, socDaysAgo: 2)
                let patientID = try cast.ownPatient.requireID()
                let lace = try #require(app.instruments["lace"])
                let url = try await AssessmentTests.start(browser, patientID, kind: "follow_up", instrument: "lace")
                // 1 day (L 1) + emergent (A 3) + Charlson 2 (C 2) + one ED visit (E 1) = 7.
                try await AssessmentTests.fill(browser, url, lace, choosing: ["length_of_stay": "1", "acute_admission": "yes", "charlson": "2", "ed_visits": "1"])
                #expect(try await browser.post(url + "/sign", form: [:]).status == .seeOther)
                let row = try #require(try await AssessmentRecord.query(on: app.db).filter(\.$instrumentID == "lace").first())
                #expect(row.scoreValue == 7)
                #expect(row.scoreSummary == "LACE index 7 (Moderate risk)")
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("LACE index 7 (Moderate risk)"))
                #expect(!chart.contains("L: length of stay 1"))
            }
        }

        /// 42 CFR 484.55(c): the comprehensive assessment "must include, at a minimum," the listed content; a one-item pain
        /// scale filed as start of care does not meet it (finding 7), and the explanation names the record as a person
        /// would, not by its id (finding 13).
        @Test func aPainScaleFiledAsStartOfCareDoesNotMeetTheComprehensiveAssessment() async throws {
            try await withHearth { app in
                let (browser, cast) = try await ComplianceTests().admit(app, socDaysAgo: 2)
                let patientID = try cast.ownPatient.requireID()
                #expect(app.regulatoryClock.comprehensiveInstruments == ["home-assessment"], "read from the instruments' files")
                let pain = try #require(app.instruments["pain"])
                let url = try await AssessmentTests.start(browser, patientID, kind: "start_of_care", instrument: "pain")
                try await AssessmentTests.fill(browser, url, pain)
                #expect(try await browser.post(url + "/sign", form: [:]).status == .seeOther)
                let comprehensive = try #require(try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "comprehensive-assessment").first())
                #expect(comprehensive.outstanding, "a pain scale is not a comprehensive assessment")
                let initial = try #require(try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "initial-assessment").first())
                #expect(initial.state == "met", "the initial assessment visit has no content list")

                let home = try #require(app.instruments["home-assessment"])
                let full = try await AssessmentTests.start(browser, patientID, kind: "start_of_care")
                try await AssessmentTests.fill(browser, full, home)
                #expect(try await browser.post(full + "/sign", form: [:]).status == .seeOther)
                let met = try #require(try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "comprehensive-assessment").first())
                #expect(met.state == "met")
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("Met by the start-of-care assessment (comprehensive home assessment) of"))
                #expect(chart.contains("signed by Casemanager"))
                let signedID = try #require(try await AssessmentRecord.query(on: app.db).filter(\.$instrumentID == "home-assessment").first()?.requireID())
                #expect(!chart.contains("assessment \(signedID.uuidString.lowercased())"), "records are named, not numbered (the id stays in links)")
            }
        }

        /// 42 CFR 484.55(d)(3): the comprehensive assessment is updated "at discharge". A discharge assessment started after
        /// the discharge was recorded was saved with no episode and the deadline stayed overdue (finding 5).
        @Test func aDischargeAssessmentStartedAfterTheDischargeMeetsItsDeadline() async throws {
            try await withHearth { app in
                let (browser, cast) = try await ComplianceTests().admit(app, socDaysAgo: 10)
                let patientID = try cast.ownPatient.requireID()
                let episode = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db))
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                let discharged = try await browser.post(SiteURL.patient(patientID, .episode(episode.requireID(), .events)).path, form: [
                    "kind": "discharge", "date": today.adding(days: -1).description, "reason": "Goals met",
                ])
                #expect(discharged.status == .seeOther)
                let home = try #require(app.instruments["home-assessment"])
                let url = try await AssessmentTests.start(browser, patientID, kind: "discharge")
                try await AssessmentTests.fill(browser, url, home)
                #expect(try await browser.post(url + "/sign", form: [:]).status == .seeOther)
                let signed = try #require(try await AssessmentRecord.query(on: app.db).filter(\.$kind == "discharge").first())
                #expect(signed.$episode.id == episode.id)
                let obligation = try #require(try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "discharge-assessment").first())
                #expect(obligation.state == "met")
            }
        }

        /// 42 CFR 484.110(a)(6): summaries within 2 and 5 business days; the app's clock loads the federal holiday
        /// calendar the rule file names, so Thanksgiving is not a business day (finding 9).
        @Test func theAppsClockSkipsFederalHolidays() async throws {
            try await withHearth { app in
                let holidays = app.regulatoryClock.rules.holidays
                #expect(holidays.years == 2024...2030)
                #expect(holidays.holiday(on: CalendarDate("2026-11-26")!) == "Thanksgiving Day")
                #expect(holidays.adding(businessDays: 2, to: CalendarDate("2026-11-25")!) == CalendarDate("2026-11-30")!)
            }
        }
    }
}
