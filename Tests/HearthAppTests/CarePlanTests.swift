import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct CarePlanTests {
        func today(_ app: Application) -> CalendarDate { CalendarDate(Date(), in: app.settings.agencyTimeZone) }

        /// The cast's own patient admitted 3 days ago, with the case manager signed in on its care plan page.
        func admitted(_ app: Application) async throws -> (Browser, Cast, String) {
            let cast = try await makeCast(app)
            let browser = Browser(app)
            try await browser.login("casemanager")
            let patientID = try cast.ownPatient.requireID()
            try await browser.get(SiteURL.patient(patientID).path)
            try await browser.post(SiteURL.patient(patientID, .episodes).path, form: ["date": today(app).adding(days: -5).description])
            let episode = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db))
            try await browser.post(SiteURL.patient(patientID, .episode(episode.requireID(), .events)).path, form: [
                "kind": "start_of_care", "date": today(app).adding(days: -3).description,
            ])
            let base = SiteURL.patient(patientID, .carePlan).path
            try await browser.get(base)
            return (browser, cast, base)
        }

        /// Adds a problem, a goal and an SN intervention; returns the plan's content.
        func buildPlan(_ browser: Browser, _ base: String, frequency: String = "2w4, 1w5, 3prn") async throws -> CarePlanContent {
            #expect(try await browser.post(base + "/problems", form: ["title": "Knowledge deficit: heart failure self-care"]).status == .seeOther)
            let problemID = try await current(browser.app).problems[0].id
            #expect(try await browser.post(base + "/goals", form: [
                "problemID": problemID, "what": "Weighs self daily and logs it", "measure": "log shows 7 of 7 days",
                "targetDate": today(browser.app).adding(days: 20).description,
            ]).status == .seeOther)
            #expect(try await browser.post(base + "/interventions", form: [
                "problemID": problemID, "discipline": "SN", "action": "Teach heart-failure self-care and daily weights",
                "frequency": frequency, "prnTrigger": "weight gain over 3 lb in a day or 5 lb in a week",
            ]).status == .seeOther)
            return try await current(browser.app)
        }

        func current(_ app: Application) async throws -> CarePlanContent {
            let plan = try #require(try await CarePlanRecord.query(on: app.db).first())
            let version = try #require(try await CarePlanVersionRecord.query(on: app.db).filter(\.$carePlan.$id == plan.requireID())
                .filter(\.$version == plan.currentVersion).first())
            return try CarePlanStore.decode(version).0
        }

        @Test func caseManagerBuildsAPlanAndEveryChangeIsAVersion() async throws {
            try await withHearth { app in
                let (browser, _, base) = try await admitted(app)
                let content = try await buildPlan(browser, base)
                #expect(content.problems.count == 1 && content.goals.count == 1 && content.interventions.count == 1)
                #expect(try await CarePlanVersionRecord.query(on: app.db).count() == 3)
                let page = try await browser.get(base)
                #expect(page.status == .ok)
                // 2 a week for 4 weeks and 1 a week for 5: 13 scheduled visits, plus up to 3 PRN.
                #expect(page.body.string.contains(#"<td id="total-SN"><strong>13</strong></td>"#))
                #expect(page.body.string.contains("up to 3"))
                #expect(page.body.string.contains("Weighs self daily and logs it"))
                let actions = try await auditTrail(app).map(\.action)
                #expect(actions.contains("careplan.intervention.add") && actions.contains("careplan.read"))
            }
        }

        @Test func aFrequencyChangeShowsAsADiffBetweenVersions() async throws {
            try await withHearth { app in
                let (browser, cast, base) = try await admitted(app)
                let content = try await buildPlan(browser, base)
                let intervention = content.interventions[0]
                let changed = try await browser.post(base + "/interventions/\(intervention.id)/frequency", form: ["frequency": "3w4, 1w5", "prnTrigger": ""])
                #expect(changed.status == .seeOther)
                let diff = try await browser.get(SiteURL.patient(try cast.ownPatient.requireID(), .carePlan(.version(4))).path)
                #expect(diff.status == .ok)
                #expect(diff.body.string.contains("Frequency changed: SN 2w4, 1w5, 3prn → SN 3w4, 1w5"))
            }
        }

        @Test func badInputIsRefusedBesideTheFieldAndNothingIsSaved() async throws {
            try await withHearth { app in
                let (browser, _, base) = try await admitted(app)
                try await browser.post(base + "/problems", form: ["title": "Risk for falls"])
                let problemID = try await current(app).problems[0].id
                let noDate = try await browser.post(base + "/goals", form: ["problemID": problemID, "what": "Walks safely", "measure": "no falls", "targetDate": ""])
                #expect(noDate.status == .unprocessableEntity)
                #expect(noDate.body.string.contains(#"id="goal-targetDate-error""#))
                #expect(noDate.body.string.contains("Every goal needs a target date"))
                let badFrequency = try await browser.post(base + "/interventions", form: [
                    "discipline": "PT", "action": "Gait training", "frequency": "2x4",
                ])
                #expect(badFrequency.status == .unprocessableEntity)
                #expect(badFrequency.body.string.contains(#"id="intervention-frequency-error""#))
                let prnWithoutReason = try await browser.post(base + "/interventions", form: [
                    "discipline": "SN", "action": "Catheter care", "frequency": "1w4, 2prn",
                ])
                #expect(prnWithoutReason.status == .unprocessableEntity)
                #expect(prnWithoutReason.body.string.contains(#"id="intervention-prnTrigger-error""#))
                #expect(try await CarePlanVersionRecord.query(on: app.db).count() == 1)
            }
        }

        @Test func aidesReadButDoNotChangeThePlanAndStrangersCannotSeeIt() async throws {
            try await withHearth { app in
                let (browser, cast, base) = try await admitted(app)
                _ = try await buildPlan(browser, base)
                let aide = Browser(app)
                try await aide.login("aide")
                #expect(try await aide.get(base).status == .ok)
                #expect(try await aide.post(base + "/problems", form: ["title": "Pain"]).status == .forbidden)
                let stranger = Browser(app)
                try await stranger.login("othercm")
                #expect(try await stranger.get(base).status == .notFound)
                #expect(try await stranger.get(SiteURL.patient(cast.otherPatient.requireID(), .carePlan).path).status == .ok)
            }
        }

        @Test func thePlanWaitsForStartOfCare() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                let patientID = try cast.ownPatient.requireID()
                let page = try await browser.get(SiteURL.patient(patientID, .carePlan).path)
                #expect(page.body.string.contains("No episode yet"))
                let refused = try await browser.post(SiteURL.patient(patientID, .carePlan).path + "/problems", form: ["title": "Pain"])
                #expect(refused.status == .conflict)
            }
        }
    }
}
