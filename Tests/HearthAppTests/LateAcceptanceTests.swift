import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// A post-acute provider that accepts after the answer deadline costs the stay avoidable days: recorded on the stay,
    /// owned by the provider, and counted by the avoidable-days report (issue 22).
    @Suite struct LateAcceptanceTests {
        @Test func aLateAcceptanceAddsTheAvoidableDaysTheReportReads() async throws {
            try await withHearth { app in
                // setup: Hughes was ready to leave two days ago; the referral's answer was due three days ago.
                try await DemoHospital.seed(now: Date(), zone: app.settings.agencyTimeZone, hasher: app.password, on: app.db)
                let zone = app.settings.agencyTimeZone, today = CalendarDate(Date(), in: zone)
                let stay = try #require(try await HospitalStay.query(on: app.db).filter(\.$familyName == "Hughes").first())
                stay.expectedDischarge = today.adding(days: -2).description
                try await stay.save(on: app.db)
                let row = PostAcuteReferralRecord()
                (row.$stay.id, row.providerID, row.providerName, row.setting) = (try stay.requireID(), "scioto-valley-hh", "Scioto Valley Home Care", Disposition.homeHealth.rawValue)
                (row.sentAt, row.deadline, row.status) = (Date().addingTimeInterval(-4 * 86_400), Date().addingTimeInterval(-3 * 86_400), PostAcuteReferralStatus.sent.rawValue)
                (row.delayReason, row.sentByName) = (AcceptanceDelay.reasonCode, "Hana Cole, RN")
                try await row.create(on: app.db)
                let browser = Browser(app)
                try await browser.login(DemoHospital.username, password: DemoSeed.password)
                // act
                let answered = try await browser.post(SiteURL.dischargePlan(try stay.requireID(), .answer(try row.requireID())).path, form: ["answer": "accepted"])
                // check: the days from the expected discharge (after the deadline's day) through yesterday.
                #expect(answered.status == .seeOther)
                let runs = try await AvoidableDayRecord.query(on: app.db).filter(\.$stay.$id == stay.requireID()).all()
                let run = try #require(runs.first { $0.reason == AvoidableDayReason.postAcuteAcceptance.rawValue })
                #expect(run.owner == AvoidableDayOwner.postAcuteProvider.rawValue)
                #expect(run.fromDay == today.adding(days: -2).description && run.throughDay == today.adding(days: -1).description)
                #expect(run.note?.contains("Scioto Valley Home Care accepted on \(today)") == true)
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "utilization.avoidable_days").count() == 1)
                let report = try await browser.get(SiteURL.utilization(.avoidableDays).path).body.string
                #expect(report.contains("Waiting on a post-acute provider to accept") && report.contains("Hughes"))
            }
        }
    }
}
