import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// PDGM 30-day periods on the chart: the case manager records the LUPA threshold and sees the visits made against it
    /// before the period ends [42 CFR 484.205]; the final claim waits for the signed plan of care [42 CFR 409.43(c)].
    @Suite struct PaymentPeriodTests {
        /// Admits the cast's own patient with start of care `socDaysAgo` days ago and books visits `made` (days after start
        /// of care, completed) and `booked` (days after, scheduled).
        func admit(_ app: Application, socDaysAgo: Int, made: [Int], booked: [Int]) async throws -> (Browser, UUID, String) {
            let cast = try await makeCast(app)
            let browser = Browser(app)
            try await browser.login("casemanager")
            let patientID = try cast.ownPatient.requireID()
            let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
            let soc = today.adding(days: -socDaysAgo)
            try await browser.get(SiteURL.patient(patientID).path)
            try await browser.post(SiteURL.patient(patientID, .episodes).path, form: ["date": soc.adding(days: -1).description])
            let record = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db))
            #expect(try await browser.post(SiteURL.patient(patientID, .episode(record.requireID(), .events)).path, form: [
                "kind": "start_of_care", "date": soc.description,
            ]).status == .seeOther)
            for (offset, status) in made.map({ ($0, "completed") }) + booked.map({ ($0, "scheduled") }) {
                let visit = VisitRecord()
                visit.$patient.id = patientID
                visit.$episode.id = try record.requireID()
                visit.discipline = Discipline.skilledNursing.rawValue
                visit.kind = VisitKind.routine.rawValue
                visit.scheduledOn = soc.adding(days: offset).description
                visit.startTime = "10:00"
                visit.minutes = 45
                visit.status = status
                visit.noteJSON = "{}"
                try await visit.create(on: app.db)
            }
            let base = SiteURL.patient(patientID, .episodes).path + "/\(try record.requireID().uuidString.lowercased())/payment-periods"
            return (browser, patientID, base)
        }

        /// 21 days into period 1 (9 left, the last day counting 0): "3 of 4 visits made, 9 days left, 2 scheduled".
        @Test func theCaseManagerRecordsTheThresholdAndTheChartCountsTheVisitsBeforeThePeriodEnds() async throws {
            try await withHearth { app in
                let (browser, patientID, base) = try await admit(app, socDaysAgo: 20, made: [1, 8, 15], booked: [22, 27])
                let before = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(before.contains(#"id="payment-period-1""#) && before.contains(#"id="payment-period-2""#))
                #expect(before.contains("3 visits made, 9 days left, 2 scheduled — record the case-mix group or LUPA threshold"))
                #expect(before.contains("the plan of care for certification period 1 is not signed"))
                let saved = try await browser.post(base + "/1", form: ["caseMixGroup": "1fc11", "lupaThreshold": "4"])
                #expect(saved.status == .seeOther)
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("3 of 4 visits made, 9 days left, 2 scheduled"))
                #expect(chart.contains("4 visits (recorded by"))
                #expect(chart.contains("1FC11"))
                let row = try #require(try await ObligationRecord.query(on: app.db).filter(\.$key == "lupa-visits#1").first())
                #expect(row.outstanding && row.citation.contains("484.205"))
                #expect(try await ObligationRecord.query(on: app.db).filter(\.$key == "final-claim-signatures#1").first()?.outstanding == true)
                #expect(try await auditTrail(app).contains { $0.action == "payment_period.record" && $0.patientID == patientID })
            }
        }

        /// One scheduled visit short: the case manager sees how many more to book; the caseload flags it (due soon).
        @Test func aPeriodThatCannotReachItsThresholdSaysHowManyVisitsToBook() async throws {
            try await withHearth { app in
                let (browser, patientID, base) = try await admit(app, socDaysAgo: 20, made: [1, 8], booked: [25])
                #expect(try await browser.post(base + "/1", form: ["lupaThreshold": "5"]).status == .seeOther)
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("2 of 5 visits made, 9 days left, 1 scheduled — book 2 more to reach the LUPA threshold"))
                #expect(chart.contains(#"data-lupa="at_risk""#))
                let caseload = try await browser.get(SiteURL.patients.path).body.string
                #expect(caseload.contains(#"class="flag flag-lupa-at_risk">LUPA risk</a>"#))
                // Once the booked visits reach the threshold (here the grouper gave a lower one) the flag goes.
                #expect(try await browser.post(base + "/1", form: ["lupaThreshold": "3"]).status == .seeOther)
                #expect(!(try await browser.get(SiteURL.patients.path).body.string.contains("LUPA risk")))
            }
        }

        @Test func aBadThresholdIsRefusedByTheFieldWithTheTypingKept() async throws {
            try await withHearth { app in
                let (browser, patientID, base) = try await admit(app, socDaysAgo: 5, made: [], booked: [])
                let refused = try await browser.post(base + "/1", form: ["caseMixGroup": "2HA31", "lupaThreshold": "one"])
                #expect(refused.status == .unprocessableEntity)
                let page = refused.body.string
                #expect(page.contains(#"id="payment-period-1-threshold-error""#) && page.contains("from 2 to 30"))
                #expect(page.contains(#"value="2HA31""#) && page.contains(#"value="one""#))
                let unknownGroup = try await browser.post(base + "/1", form: ["caseMixGroup": "2HA31"])
                #expect(unknownGroup.status == .unprocessableEntity && unknownGroup.body.string.contains("does not list 2HA31"))
                // The aide on the patient's team reads the periods but does not record them.
                let aide = Browser(app)
                try await aide.login("aide")
                let chart = try await aide.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains(#"id="payment-period-1""#) && !chart.contains(#"id="payment-period-1-form""#))
                #expect(try await aide.post(base + "/1", form: ["lupaThreshold": "4"]).status == .forbidden)
            }
        }
    }
}
