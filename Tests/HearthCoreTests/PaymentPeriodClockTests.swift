import Foundation
import Testing
@testable import HearthCore

/// The final claim of a 30-day period waits for the signed plan of care and every order of the period
/// [42 CFR 409.43(c): the plan of care and orders signed and dated before the claim is submitted; 42 CFR 484.205].
@Suite struct PaymentPeriodClockTests {
    let clock = PaymentPeriodClock(timeZone: ClockFixture.newYork)
    let admitted: [EpisodeFacts.Event] = [.init(.referralReceived(on: day("2026-10-30"))), .init(.admitted(startOfCare: day("2026-11-01")))]
    let planSigned = ComplianceRecord(id: "plan-1", kind: .planOfCareSigned, date: day("2026-11-10"), subject: "period:1")

    func obligation(_ key: String, _ facts: EpisodeFacts, visits: [PeriodVisit] = [], entries: [Int: PaymentPeriodEntry] = [:], at now: String) throws -> Obligation {
        try #require(clock.statuses(facts: facts, visits: visits, entries: entries, now: clockTime(now)).flatMap(\.obligations).first { $0.key == key })
    }

    @Test func anOpenEpisodeShowsBothHalvesOfTheCurrentCertificationPeriodWithTheirTiming() {
        let statuses = clock.statuses(facts: EpisodeFacts(events: admitted), visits: [], now: clockTime("2026-11-05 09:00"))
        #expect(statuses.map(\.period.number) == [1, 2])
        #expect(statuses.map(\.timing) == [.early, .late])
        #expect(statuses[1].period.start == day("2026-12-01") && statuses[1].period.end == day("2026-12-30"))
        #expect(statuses.allSatisfy { $0.admissionSource == .community })
    }

    @Test func aDischargeEndsTheListAndShortensTheLastPeriod() {
        let facts = EpisodeFacts(events: admitted + [.init(.discharged(on: day("2026-11-20"), reason: "goals met"))])
        let statuses = clock.statuses(facts: facts, visits: [], now: clockTime("2026-12-05 09:00"))
        #expect(statuses.map(\.period.number) == [1])
        #expect(statuses[0].period.end == day("2026-11-20"))
    }

    @Test func theClaimIsHeldByAnUnsignedPlanAndNamesIt() throws {
        let held = try obligation("final-claim-signatures#1", EpisodeFacts(events: admitted), at: "2026-11-30 17:00")
        #expect(held.state == .dueSoon)
        #expect(held.explanation.contains("the plan of care for certification period 1 is not signed"))
        #expect(held.citation.contains("409.43(c)"))
        let late = try obligation("final-claim-signatures#1", EpisodeFacts(events: admitted), at: "2026-12-01 00:00")
        #expect(late.state == .overdue(days: 1), "from the midnight after the period's last day, counted in days as the clock counts them")
    }

    @Test func anOrderTakenInThePeriodHoldsItsClaimUntilSignedAndOneTakenAfterDoesNot() throws {
        var facts = EpisodeFacts(events: admitted, records: [planSigned])
        facts.verbalOrders = [.init(id: "vo-1", takenOn: day("2026-11-30")), .init(id: "vo-2", takenOn: day("2026-12-01"))]
        let held = try obligation("final-claim-signatures#1", facts, at: "2026-11-29 09:00")
        #expect(held.explanation.contains("the verbal order taken 2026-11-30 is not signed"))
        #expect(!held.explanation.contains("2026-12-01"), "an order of the next period does not hold this claim")
        facts.records.append(ComplianceRecord(id: "sig-1", kind: .verbalOrderSigned, date: day("2026-11-30"), subject: "vo-1"))
        #expect(try obligation("final-claim-signatures#1", facts, at: "2026-11-30 12:00").state == .met(recordID: "plan-1", late: false))
        // The second period's claim needs vo-2 too.
        #expect(try obligation("final-claim-signatures#2", facts, at: "2026-12-05 12:00").explanation.contains("2026-12-01 is not signed"))
    }

    @Test func aPatientPaidOnlyByMedicaidOwesNeitherPaymentRule() throws {
        var facts = EpisodeFacts(events: admitted)
        facts.payers = [.medicaid]
        #expect(try obligation("final-claim-signatures#1", facts, at: "2026-11-20 09:00").state.kind == .notApplicable)
        #expect(try obligation("lupa-visits#1", facts, at: "2026-11-20 09:00").state.kind == .notApplicable)
    }

    @Test func theLUPAObligationIsDueSoonWhileAtRiskMetAtTheThresholdAndOverdueWhenThePeriodEndedBelow() throws {
        let facts = EpisodeFacts(events: admitted)
        let entry = [1: PaymentPeriodEntry(caseMixGroup: "1FC11", lupaThreshold: 3, thresholdSource: "recorded by Ana")]
        let two = [PeriodVisit(day: day("2026-11-03"), made: true), PeriodVisit(day: day("2026-11-10"), made: true)]
        let atRisk = try obligation("lupa-visits#1", facts, visits: two, entries: entry, at: "2026-11-21 09:00")
        #expect(atRisk.state == .dueSoon)
        #expect(atRisk.explanation.contains("2 of 3 visits made, 9 days left, 0 scheduled — book 1 more"))
        #expect(atRisk.explanation.contains("case-mix group 1FC11"))
        let three = two + [PeriodVisit(day: day("2026-11-30"), made: true)]
        #expect(try obligation("lupa-visits#1", facts, visits: three, entries: entry, at: "2026-12-02 09:00").state.kind == .met)
        #expect(try obligation("lupa-visits#1", facts, visits: two, entries: entry, at: "2026-12-02 09:00").state == .overdue(days: 2))
        #expect(try obligation("lupa-visits#2", facts, visits: two, entries: entry, at: "2026-11-21 09:00").state == .upcoming)
    }

    @Test func theCaseManagersRecordedAdmissionSourceWinsOverTheDerivedOne() {
        let statuses = clock.statuses(facts: EpisodeFacts(events: admitted), visits: [],
                                      entries: [1: PaymentPeriodEntry(admissionSource: .institutional)], now: clockTime("2026-11-05 09:00"))
        #expect(statuses[0].admissionSource == .institutional && statuses[0].admissionBecause == "recorded by the case manager")
    }
}
