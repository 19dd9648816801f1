import Foundation
import Testing
@testable import HearthCore

/// Payer visit authorizations [MISSION capability 11: visits authorized vs used, dates, alerts before exhaustion or expiry].
@Suite struct VisitAuthorizationTests {
    let authorization = VisitAuthorization(payer: "Buckeye Health Plan", number: "A-1", discipline: .skilledNursing, visitsAuthorized: 6,
                                           start: day("2026-03-01"), end: day("2026-03-31"))

    @Test func onlyVisitsOfItsDisciplineWithinItsDaysAreUsed() {
        let made: [(date: CalendarDate, discipline: Discipline)] = [
            (day("2026-02-28"), .skilledNursing), (day("2026-03-01"), .skilledNursing), (day("2026-03-15"), .physicalTherapy),
            (day("2026-03-31"), .skilledNursing), (day("2026-04-01"), .skilledNursing),
        ]
        #expect(authorization.visitsUsed(made) == 2)
        var any = authorization
        any.discipline = nil
        #expect(any.visitsUsed(made) == 3)
        #expect(authorization.summary(used: 2, today: day("2026-03-29")) == "2 of 6 visits used · ends 2026-03-31 (2 days)")
        #expect(authorization.summary(used: 2, today: day("2026-04-02")) == "2 of 6 visits used · ended 2026-03-31")
    }

    @Test func theFormRefusesMissingNumbersBadCountsAndBackwardDays() {
        let bad = VisitAuthorizationDraft(payer: "", number: " ", discipline: "XX", visitsAuthorized: "0", start: "2026-03-31", end: "2026-03-01")
        #expect(Set(bad.problems.keys) == ["payer", "number", "discipline", "visitsAuthorized", "end"])
        #expect(bad.authorization() == nil)
        let good = VisitAuthorizationDraft(payer: "Buckeye Health Plan", number: "A-1", discipline: "sn", visitsAuthorized: "6",
                                           start: "2026-03-01", end: "2026-03-31")
        #expect(good.authorization() == authorization)
        #expect(VisitAuthorizationDraft(payer: "Medicare", number: "M-9", start: "2026-03-01", end: "2026-03-01").authorization()?.visitsAuthorized == nil)
    }

    @Test func theWorklistAsksForMoreVisitsWhenTwoAreLeftOrAWeekBeforeTheEnd() {
        // WorklistRules.authorizationVisitsLeft = 2 and authorizationLeadDays = 7.
        let fact = AuthorizationFact(patientID: "p1", owner: "cm", authorizationID: "a1", payer: "Buckeye Health Plan", endsOn: day("2026-03-31"),
                                     visitsAuthorized: 6, visitsUsed: 4)
        let task = WorklistRules.authorizationTask(fact, today: day("2026-03-10"))
        #expect(task?.title == "Request more visits from Buckeye Health Plan: authorization 2 visits left")
        var plenty = fact
        plenty.visitsUsed = 1
        #expect(WorklistRules.authorizationTask(plenty, today: day("2026-03-10")) == nil)
        #expect(WorklistRules.authorizationTask(plenty, today: day("2026-03-25"))?.title.contains("ends 2026-03-31") == true)
    }

    /// What a payer case manager acts on: used up (worse with visits still booked), four in five used, or two weeks to go.
    @Test func thePayerLooksAtAuthorizationsUsedUpNearlyUsedOrEndingInTwoWeeks() {
        // authorization: 6 SN visits, 2026-03-01 to 2026-03-31
        let early = day("2026-03-05"), late = day("2026-03-20")
        #expect(AuthorizationAttention.of(authorization, used: 2, scheduled: 3, today: early) == nil)
        #expect(AuthorizationAttention.of(authorization, used: 4, scheduled: 0, today: early) == nil)
        #expect(AuthorizationAttention.of(authorization, used: 5, scheduled: 0, today: early) == .nearExhaustion)
        #expect(AuthorizationAttention.of(authorization, used: 6, scheduled: 0, today: early) == .exhausted)
        #expect(AuthorizationAttention.of(authorization, used: 6, scheduled: 2, today: early) == .exhaustedWithVisitsScheduled)
        #expect(AuthorizationAttention.of(authorization, used: 2, scheduled: 0, today: late) == .expiring)
        #expect(AuthorizationAttention.of(authorization, used: 2, scheduled: 0, today: day("2026-04-01")) == nil) // ended: renewed or closed
        var dates = authorization
        dates.visitsAuthorized = nil
        #expect(AuthorizationAttention.of(dates, used: 40, scheduled: 0, today: early) == nil)
    }
}
