import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct EpisodeTests {
        func today(_ app: Application) -> CalendarDate { CalendarDate(Date(), in: app.settings.agencyTimeZone) }

        /// Opens an episode for the cast's own patient, signed in as the case manager.
        func openEpisode(_ app: Application, referralDaysAgo: Int = 10) async throws -> (Browser, Cast, EpisodeRecord) {
            let cast = try await makeCast(app)
            let browser = Browser(app)
            try await browser.login("casemanager")
            let patientID = try cast.ownPatient.requireID()
            try await browser.get(SiteURL.patient(patientID).path)
            let opened = try await browser.post(SiteURL.patient(patientID, .episodes).path, form: ["date": today(app).adding(days: -referralDaysAgo).description])
            #expect(opened.status == .seeOther)
            let record = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db))
            return (browser, cast, record)
        }

        @discardableResult
        func move(_ browser: Browser, _ cast: Cast, _ record: EpisodeRecord, _ kind: String, daysAgo: Int, reason: String = "") async throws -> TestingHTTPResponse {
            try await browser.post(SiteURL.patient(cast.ownPatient.requireID(), .episode(record.requireID(), .events)).path, form: [
                "kind": kind, "date": today(browser.app).adding(days: -daysAgo).description, "reason": reason,
            ])
        }

        @Test func admitTransferResumeAndDischargeFromTheChart() async throws {
            try await withHearth { app in
                let (browser, cast, record) = try await openEpisode(app)
                #expect(try await move(browser, cast, record, "start_of_care", daysAgo: 8).status == .seeOther)
                let chart = try await browser.get(SiteURL.patient(cast.ownPatient.requireID()).path)
                #expect(chart.body.string.contains("status-active"))
                #expect(chart.body.string.contains("51 days left")) // day 9 of 60
                #expect(try await move(browser, cast, record, "transfer", daysAgo: 4).status == .seeOther)
                #expect(try await move(browser, cast, record, "resumption", daysAgo: 1).status == .seeOther)
                #expect(try await move(browser, cast, record, "discharge", daysAgo: 0, reason: "Goals met").status == .seeOther)
                let stored = try #require(try await EpisodeRecord.find(record.id, on: app.db))
                #expect(stored.status == "discharged")
                #expect(try await EpisodeStore.events(of: stored, on: app.db).map(\.kind) == ["referral", "start_of_care", "transfer", "resumption", "discharge"])
                let actions = try await auditTrail(app).map(\.action)
                #expect(actions.contains("episode.create") && actions.contains("episode.discharge"))
            }
        }

        @Test func resumptionWithoutTransferIsRefusedBesideTheField() async throws {
            try await withHearth { app in
                let (browser, cast, record) = try await openEpisode(app)
                try await move(browser, cast, record, "start_of_care", daysAgo: 8)
                let refused = try await move(browser, cast, record, "resumption", daysAgo: 2)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains(#"id="episode-date-error""#))
                #expect(refused.body.string.contains("Resumption of care needs a transfer"))
                #expect(try await EpisodeStore.events(of: record, on: app.db).count == 2)
            }
        }

        @Test func badDatesAndMissingReasonsAreRefused() async throws {
            try await withHearth { app in
                let (browser, cast, record) = try await openEpisode(app, referralDaysAgo: 5)
                let beforeReferral = try await move(browser, cast, record, "start_of_care", daysAgo: 6)
                #expect(beforeReferral.body.string.contains("cannot be before the referral"))
                let future = try await move(browser, cast, record, "start_of_care", daysAgo: -3)
                #expect(future.body.string.contains("cannot be in the future"))
                let noReason = try await move(browser, cast, record, "not_admitted", daysAgo: 1)
                #expect(noReason.status == .unprocessableEntity)
                #expect(noReason.body.string.contains(#"id="episode-reason-error""#))
                #expect(try await EpisodeStore.events(of: record, on: app.db).count == 1)
                // A second open episode is refused while one is open.
                let second = try await browser.post(SiteURL.patient(cast.ownPatient.requireID(), .episodes).path, form: ["date": today(app).description])
                #expect(second.status == .unprocessableEntity)
                #expect(try await EpisodeRecord.query(on: app.db).count() == 1)
            }
        }

        @Test func physicianCannotChangeTheEpisodeAndStrangersCannotSeeIt() async throws {
            try await withHearth { app in
                let (_, cast, record) = try await openEpisode(app)
                let physician = Browser(app)
                try await physician.login("physician")
                try await physician.get(SiteURL.patient(cast.ownPatient.requireID()).path)
                let refused = try await move(physician, cast, record, "start_of_care", daysAgo: 1)
                #expect(refused.status == .forbidden)
                let aide = Browser(app)
                try await aide.login("aide")
                let chart = try await aide.get(SiteURL.patient(cast.ownPatient.requireID()).path)
                #expect(!chart.body.string.contains(#"id="episode-submit""#))
                #expect(try await move(aide, cast, record, "start_of_care", daysAgo: 1).status == .forbidden)
                let stranger = Browser(app)
                try await stranger.login("othercm")
                try await stranger.get("/")
                #expect(try await move(stranger, cast, record, "start_of_care", daysAgo: 1).status == .notFound)
                #expect(try await EpisodeStore.events(of: record, on: app.db).count == 1)
            }
        }

        @Test func caseloadShowsEpisodeAndDaysLeft() async throws {
            try await withHearth { app in
                let (browser, cast, record) = try await openEpisode(app, referralDaysAgo: 60)
                try await move(browser, cast, record, "start_of_care", daysAgo: 57) // day 58 of 60
                let home = try await browser.get("/")
                #expect(home.body.string.contains("2 days left"))
                #expect(home.body.string.contains("Recert due"))
            }
        }
    
        @Test func referralRecordsItsSourceArrivalAndOrderedStartOfCare() async throws {
            // 42 CFR 484.55(a)(1): the initial assessment is due on the physician-ordered start-of-care date when one is given.
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                let patientID = try cast.ownPatient.requireID()
                try await browser.get(SiteURL.patient(patientID).path)
                let ordered = today(app).adding(days: 3)
                let opened = try await browser.post(SiteURL.patient(patientID, .episodes).path, form: [
                    "date": today(app).description, "time": "00:00", "source": "Riverside General Hospital, discharge planning",
                    "orderedStartOfCare": ordered.description,
                ])
                #expect(opened.status == .seeOther)
                let record = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db))
                #expect(record.referralSource == "Riverside General Hospital, discharge planning")
                #expect(record.orderedStartOfCare == ordered.description)
                #expect(record.referralReceivedAt != nil)
                let initial = try #require(try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "initial-assessment").first())
                #expect(initial.dueDay == ordered.description)
                let chart = try await browser.get(SiteURL.patient(patientID).path)
                #expect(chart.body.string.contains("physician-ordered start of care \(ordered)"))
                #expect(chart.body.string.contains("from Riverside General Hospital"))
            }
        }

        @Test func badReferralDetailsAreRefusedBesideTheirFields() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                let patientID = try cast.ownPatient.requireID()
                try await browser.get(SiteURL.patient(patientID).path)
                let refused = try await browser.post(SiteURL.patient(patientID, .episodes).path, form: [
                    "date": today(app).description, "time": "25:61", "orderedStartOfCare": today(app).adding(days: -1).description,
                ])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains(#"id="referral-time-error""#))
                #expect(refused.body.string.contains("The ordered start of care cannot be before the referral."))
                #expect(try await EpisodeStore.latest(patientID: patientID, on: app.db) == nil)
            }
        }
    }
}
