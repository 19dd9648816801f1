import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// Issue 18 #1 and #2 through the forms: the assessment records the date and time of its visit, episode moves record
    /// their time, and the 48-hour rules read them.
    @Suite struct RegulatoryClockVisitTimeTests {
        /// 42 CFR 484.55(a)(1): "The HHA must conduct an initial assessment visit ... within 48 hours of referral":
        /// the visit, not the signature, meets it.
        @Test func aVisitInTheWindowSignedLaterMeetsTheInitialAssessmentVisit() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                let patientID = try cast.ownPatient.requireID()
                let zone = app.settings.agencyTimeZone
                let today = CalendarDate(Date(), in: zone)
                let referred = today.adding(days: -4), visited = today.adding(days: -3)
                try await browser.get(SiteURL.patient(patientID).path)
                #expect(try await browser.post(SiteURL.patient(patientID, .episodes).path, form: ["date": referred.description, "time": "09:00"]).status == .seeOther)
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("name=\"visitDate\" type=\"date\" value=\"\(today)\""), "the visit defaults to now")

                // In the future, or before the referral arrived: refused with a clear message, nothing saved.
                let tomorrow = try await browser.post(SiteURL.patient(patientID, .assessments).path, form: [
                    "kind": "start_of_care", "instrument": "pain", "visitDate": today.adding(days: 1).description, "visitTime": "10:00"])
                #expect((400..<500).contains(tomorrow.status.code))
                let early = try await browser.post(SiteURL.patient(patientID, .assessments).path, form: [
                    "kind": "start_of_care", "instrument": "pain", "visitDate": referred.description, "visitTime": "08:59"])
                #expect((400..<500).contains(early.status.code))
                #expect(early.body.string.contains("before the referral arrived"))
                #expect(try await AssessmentRecord.query(on: app.db).count() == 0)

                let started = try await browser.post(SiteURL.patient(patientID, .assessments).path, form: [
                    "kind": "start_of_care", "instrument": "pain", "visitDate": visited.description, "visitTime": "08:30"])
                let url = try #require(started.headers.first(name: .location))
                try await AssessmentTests.fill(browser, url, try #require(app.instruments["pain"]))
                #expect(try await browser.post(url + "/sign", form: [:]).status == .seeOther) // signed today, day 4
                let row = try #require(try await AssessmentRecord.query(on: app.db).first())
                #expect(row.assessedOn == visited.description)
                #expect(row.visitedAt == ReferralDraft.instant(visited, time: "08:30", in: zone))
                let initial = try #require(try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "initial-assessment").first())
                #expect(initial.state == "met")
                let page = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(page.contains("(visit made \(visited) 08:30 UTC"))
                #expect(page.contains("signed \(today))"))
                #expect(!page.contains("Met late by the start-of-care"))
            }
        }

        /// 42 CFR 484.55(d)(2): "within 48 hours of the patient's return to the home": a return home with its time is
        /// due 48 hours later; with only its date, by the end of the second day after (calendar days, as CMS counts).
        @Test func aReturnHomeCountsFromItsTimeOrElseCalendarDays() async throws {
            try await withHearth { app in
                let (browser, cast) = try await ComplianceTests().admit(app, socDaysAgo: 10)
                let patientID = try cast.ownPatient.requireID()
                let zone = app.settings.agencyTimeZone
                let today = CalendarDate(Date(), in: zone)
                let episode = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db))
                let moves = SiteURL.patient(patientID, .episode(try episode.requireID(), .events)).path
                let bad = try await browser.post(moves, form: ["kind": "transfer", "date": today.adding(days: -6).description, "time": "25:00"])
                #expect(bad.status == .unprocessableEntity)
                #expect(try await browser.post(moves, form: ["kind": "transfer", "date": today.adding(days: -6).description, "time": "08:00"]).status == .seeOther)
                #expect(try await browser.post(moves, form: ["kind": "resumption", "date": today.adding(days: -1).description, "time": "14:30"]).status == .seeOther)
                let back = try #require(ReferralDraft.instant(today.adding(days: -1), time: "14:30", in: zone))
                let timed = try #require(try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "resumption-assessment").first())
                #expect(timed.dueAt == back.addingTimeInterval(48 * 3600))

                // A second stay recorded by dates alone: due by the end of the second day after the return home.
                #expect(try await browser.post(moves, form: ["kind": "transfer", "date": today.description]).status == .seeOther)
                let stays = try await EpisodeEventRecord.query(on: app.db).filter(\.$kind == "transfer").all()
                #expect(stays.map { $0.occurredAt == nil } == [false, true])
            }
        }

        @Test func aDateOnlyReturnHomeIsDueByTheEndOfTheSecondDayAfter() async throws {
            try await withHearth { app in
                let (browser, cast) = try await ComplianceTests().admit(app, socDaysAgo: 10)
                let patientID = try cast.ownPatient.requireID()
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                let episode = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db))
                let moves = SiteURL.patient(patientID, .episode(try episode.requireID(), .events)).path
                #expect(try await browser.post(moves, form: ["kind": "transfer", "date": today.adding(days: -6).description]).status == .seeOther)
                #expect(try await browser.post(moves, form: ["kind": "resumption", "date": today.adding(days: -1).description]).status == .seeOther)
                let row = try #require(try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "resumption-assessment").first())
                #expect(row.dueDay == today.adding(days: 1).description)
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("the 48 hours are counted in calendar days as CMS counts them: by the end of the second day after (\(today.adding(days: 1)))."))
            }
        }

        /// 42 CFR 484.55(d)(2): "... or on physician-ordered resumption date" (issue 18 #4).
        @Test func aPhysicianOrderedResumptionDateSetsTheDueDay() async throws {
            try await withHearth { app in
                let (browser, cast) = try await ComplianceTests().admit(app, socDaysAgo: 10)
                let patientID = try cast.ownPatient.requireID()
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                let episode = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db))
                let moves = SiteURL.patient(patientID, .episode(try episode.requireID(), .events)).path
                #expect(try await browser.post(moves, form: ["kind": "transfer", "date": today.adding(days: -6).description]).status == .seeOther)
                let before = try await browser.post(moves, form: ["kind": "resumption", "date": today.adding(days: -1).description,
                                                                  "orderedResumption": today.adding(days: -2).description])
                #expect(before.status == .unprocessableEntity)
                #expect(before.body.string.contains("on or after the return home"))
                #expect(try await browser.post(moves, form: ["kind": "resumption", "date": today.adding(days: -1).description,
                                                             "orderedResumption": today.adding(days: 3).description]).status == .seeOther)
                let row = try #require(try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "resumption-assessment").first())
                #expect(row.dueDay == today.adding(days: 3).description)
                #expect(row.state == "upcoming")
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("the physician ordered care resumed on \(today.adding(days: 3))"))
            }
        }
    }
}
