import Foundation
import Testing
@testable import HearthCore

/// The UR nurse's ranked queue at its boundaries, with the rule beside each test (issue 22).
@Suite struct ReviewQueueTests {
    static let rules = UtilizationFixtures.rules
    let clock = StayClock(timeZone: ClockFixture.newYork)
    var queue: ReviewQueue { ReviewQueue(clock: clock, criteria: CMSCriteria(inpatientOnly: Self.rules.inpatientOnly), norms: Self.rules.lengthOfStay) }

    func stay(_ status: StayStatus = .inpatient, arrived: String, since: String? = nil, edd: String? = "2026-12-10") -> InpatientStay {
        InpatientStay(arrivedAt: clockTime(arrived), statusHistory: [StatusPeriod(status: status, starts: clockTime(since ?? arrived))], expectedDischarge: edd.map(day))
    }

    func reasons(_ stay: QueueStay, at now: String) -> [QueueReason] { queue.findings(stay, now: clockTime(now)).map(\.reason) }

    func observationFinding(since: String, at now: String) -> QueueFinding? {
        let observed = QueueStay(id: "o", stay: stay(.observation, arrived: since, edd: "2026-12-01"), nextReview: day("2026-12-09"))
        return queue.findings(observed, now: clockTime(now)).first { $0.reason == .observationHours }
    }

    // 42 CFR 489.20(y): the MOON is owed to a patient who receives observation services "for more than 24 hours";
    // MBPM ch. 6 §20.6: "In only rare and exceptional cases do reasonable and necessary outpatient observation services
    // span more than 48 hours." The queue raises the stay 6 hours before each line.
    @Test func observationIsRaisedAsItNears24And48Hours() {
        let start = "2026-12-01 08:00"
        #expect(observationFinding(since: start, at: "2026-12-02 01:59") == nil)
        #expect(observationFinding(since: start, at: "2026-12-02 02:00")?.title == "Observation nearing 24 hours")
        #expect(observationFinding(since: start, at: "2026-12-02 07:59")?.weight == 70)
        #expect(observationFinding(since: start, at: "2026-12-02 08:00")?.title == "Observation past 24 hours")
        #expect(observationFinding(since: start, at: "2026-12-03 01:59")?.title == "Observation past 24 hours")
        #expect(observationFinding(since: start, at: "2026-12-03 02:00")?.title == "Observation nearing 48 hours")
        #expect(observationFinding(since: start, at: "2026-12-03 08:00")?.title == "Observation past 48 hours")
        #expect(observationFinding(since: start, at: "2026-12-03 08:00")?.citation.contains("§20.6") == true)
    }

    // 42 CFR 412.3(d)(1): inpatient is generally appropriate when care is expected to cross two midnights; an outpatient
    // who has crossed two is at risk of the wrong status.
    @Test func anOutpatientPastTwoMidnightsIsAWrongStatusRisk() {
        let observed = stay(.observation, arrived: "2026-12-01 20:00", edd: "2026-12-02")
        let review = day("2026-12-09")
        #expect(!reasons(QueueStay(id: "a", stay: observed, nextReview: review), at: "2026-12-02 23:59").contains(.wrongStatus))
        let crossed = queue.findings(QueueStay(id: "a", stay: observed, nextReview: review), now: clockTime("2026-12-03 00:00"))
        #expect(crossed.first?.reason == .wrongStatus)
        #expect(crossed.first?.title == "Observation may be the wrong status: inpatient indicated")
        #expect(crossed.first?.citation.contains("412.3(d)") == true)
    }

    // 42 CFR 412.3(d)(2): a procedure on the inpatient-only list is appropriate for inpatient admission "regardless of the
    // expected length of stay": a patient kept in observation for one is at risk of the wrong status.
    @Test func anInpatientOnlyProcedureInObservationIsAWrongStatusRisk() {
        let observed = stay(.observation, arrived: "2026-12-01 08:00", edd: "2026-12-01")
        let planned = QueueStay(id: "p", stay: observed, nextReview: day("2026-12-09"), procedureCodes: ["33533"])
        let finding = queue.findings(planned, now: clockTime("2026-12-01 10:00")).first
        #expect(finding?.reason == .wrongStatus)
        #expect(finding?.explanation.contains("33533") == true)
        #expect(!reasons(QueueStay(id: "p", stay: observed, nextReview: day("2026-12-09"), procedureCodes: ["99999"]), at: "2026-12-01 10:00").contains(.wrongStatus))
    }

    // 42 CFR 482.30(c)-(d): the UR plan reviews admissions and continued stays; the next review date is the plan's promise.
    @Test func aReviewIsDueOnItsDateAndOverdueAfterIt() {
        let admitted = stay(arrived: "2026-12-01 08:00")
        func review(_ next: String?, at now: String) -> QueueFinding? {
            queue.findings(QueueStay(id: "r", stay: admitted, nextReview: next.map(day)), now: clockTime(now)).first { [.reviewDue, .reviewOverdue].contains($0.reason) }
        }
        #expect(review("2026-12-04", at: "2026-12-03 23:59") == nil)
        #expect(review("2026-12-04", at: "2026-12-04 00:00")?.title == "Review due today")
        #expect(review("2026-12-04", at: "2026-12-05 00:00")?.title == "Review overdue 1 day")
        #expect(review("2026-12-04", at: "2026-12-05 00:00")?.weight == 61)
        #expect(review(nil, at: "2026-12-02 07:59")?.title == "Admission review due")
        #expect(review(nil, at: "2026-12-02 08:00")?.title == "No admission review after 24 hours")
    }

    // The payer authorizes days through a date; the queue raises the stay the day before they run out.
    @Test func payerDaysAreRaisedTheDayBeforeTheyRunOut() {
        let admitted = stay(arrived: "2026-12-01 08:00")
        func payer(_ through: String, at now: String) -> QueueFinding? {
            queue.findings(QueueStay(id: "d", stay: admitted, nextReview: day("2026-12-20"), approvedThrough: day(through)), now: clockTime(now))
                .first { $0.reason == .payerDaysEnding }
        }
        #expect(payer("2026-12-05", at: "2026-12-03 12:00") == nil)
        #expect(payer("2026-12-05", at: "2026-12-04 00:00")?.title == "Payer days end tomorrow")
        #expect(payer("2026-12-05", at: "2026-12-05 12:00")?.title == "Payer days end today")
        #expect(payer("2026-12-05", at: "2026-12-06 00:00")?.title == "Past the payer's approved days")
    }

    // 42 CFR 482.43(a): discharge planning identifies needs early; Hearth asks for the expected discharge date within 24 hours.
    @Test func aMissingExpectedDischargeDateWeighsMoreAfter24Hours() {
        let noEDD = stay(arrived: "2026-12-01 08:00", edd: nil)
        let early = queue.findings(QueueStay(id: "e", stay: noEDD, nextReview: day("2026-12-09")), now: clockTime("2026-12-02 07:59"))
        let late = queue.findings(QueueStay(id: "e", stay: noEDD, nextReview: day("2026-12-09")), now: clockTime("2026-12-02 08:00"))
        #expect(early.first { $0.reason == .noExpectedDischarge }?.weight == 20)
        #expect(late.first { $0.reason == .noExpectedDischarge }?.weight == 45)
        // Without an expected date the two-midnight expectation is unknown: not a wrong-status risk yet.
        #expect(!late.contains { $0.reason == .wrongStatus })
    }

    @Test func theQueueRanksByTheSumOfReasonsThenByTimeHere() {
        let now = clockTime("2026-12-03 12:00")
        let quiet = QueueStay(id: "quiet", stay: stay(arrived: "2026-12-01 08:00"), nextReview: day("2026-12-05"))
        let due = QueueStay(id: "due", stay: stay(arrived: "2026-12-02 08:00"), nextReview: day("2026-12-03"))
        let dueEarlier = QueueStay(id: "due-earlier", stay: stay(arrived: "2026-12-01 09:00"), nextReview: day("2026-12-03"))
        let worst = QueueStay(id: "worst", stay: stay(.observation, arrived: "2026-12-01 08:00", edd: "2026-12-03"), nextReview: day("2026-12-02"),
                              approvedThrough: day("2026-12-02"))
        let ranked = queue.rank([quiet, due, dueEarlier, worst], now: now)
        #expect(ranked.map(\.id) == ["worst", "due-earlier", "due"])
        #expect(ranked[0].findings.map(\.reason) == [.wrongStatus, .observationHours, .payerDaysEnding, .reviewOverdue])
        #expect(ranked[0].score == 100 + 90 + 75 + 61)
    }

    // 42 CFR 482.30(d)(1): extended stays are reviewed; the norm is the imported Table 5's GMLOS, named beside the number.
    // With no table loaded the reason does not fire: Hearth never compares against a number it does not have.
    @Test func pastTheGMLOSFiresOnlyWithATableLoaded() {
        let admitted = QueueStay(id: "g", stay: stay(arrived: "2026-12-01 08:00"), nextReview: day("2026-12-20"), drg: "291")
        #expect(!reasons(admitted, at: "2026-12-04 23:59").contains(.pastGMLOS))
        let past = queue.findings(admitted, now: clockTime("2026-12-05 00:00")).first { $0.reason == .pastGMLOS }
        #expect(past?.explanation.contains("GMLOS 3.9 (DRG 291; test table)") == true)
        let unloaded = ReviewQueue(clock: clock, criteria: CMSCriteria(inpatientOnly: .notLoaded), norms: .notLoaded)
        #expect(!unloaded.findings(admitted, now: clockTime("2026-12-09 00:00")).contains { $0.reason == .pastGMLOS })
    }

    // Without the inpatient-only list loaded, a procedure is not judged: the finding says so and the reviewer checks it.
    @Test func anUnloadedInpatientOnlyListDecidesNothing() {
        let observed = stay(.observation, arrived: "2026-12-01 08:00", edd: "2026-12-01")
        let planned = QueueStay(id: "p", stay: observed, nextReview: day("2026-12-09"), procedureCodes: ["33533"])
        let unloaded = ReviewQueue(clock: clock, criteria: CMSCriteria(inpatientOnly: .notLoaded), norms: .notLoaded)
        #expect(!unloaded.findings(planned, now: clockTime("2026-12-01 10:00")).contains { $0.reason == .wrongStatus })
        let finding = CMSCriteria(inpatientOnly: .notLoaded).evaluate(ReviewCase(stay: observed, now: clockTime("2026-12-01 10:00"), proposedLevel: .observation,
                                                                              procedureCodes: ["33533"], clock: clock)).findings.first { $0.id == "inpatient-only" }
        #expect(finding?.met == nil && finding?.explanation.hasPrefix("Inpatient-only list not loaded — an administrator imports CMS Addendum E") == true)
    }

    @Test func aDischargedStayLeavesTheQueue() {
        var gone = stay(arrived: "2026-12-01 08:00", edd: nil)
        gone.dischargedAt = clockTime("2026-12-02 10:00")
        #expect(queue.rank([QueueStay(id: "gone", stay: gone)], now: clockTime("2026-12-03 12:00")).isEmpty)
    }
}
