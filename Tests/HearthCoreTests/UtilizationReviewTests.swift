import Foundation
import Testing
@testable import HearthCore

/// Utilization review's rules: the criteria interface, LOS vs GMLOS, the next review date, avoidable days, appeal
/// deadlines and who may review a stay, with the regulation beside each test (issue 22).
@Suite struct UtilizationReviewTests {
    static let rules = ReviewQueueTests.rules
    let clock = StayClock(timeZone: ClockFixture.newYork)
    let zone = ClockFixture.newYork

    func inpatient(arrived: String = "2026-12-01 08:00", edd: String? = nil) -> InpatientStay {
        InpatientStay(arrivedAt: clockTime(arrived), statusHistory: [StatusPeriod(status: .inpatient, starts: clockTime(arrived))], expectedDischarge: edd.map(day))
    }

    @Test func theRulesCiteTheirTablesSources() {
        #expect(Self.rules.lengthOfStay.fiscalYear == 2026 && Self.rules.lengthOfStay.drg("291")?.gmlos == 3.9)
        #expect(Self.rules.inpatientOnly.codes["33533"] != nil)
        #expect(Self.rules.payers.payer(.medicare).appealLevels.map(\.id) == ["redetermination", "reconsideration", "alj", "council", "court"])
        // Hearth ships no CMS figures: with no table loaded nothing is compared and nothing is listed.
        #expect(!UtilizationRules.none.lengthOfStay.isLoaded && !UtilizationRules.none.inpatientOnly.isLoaded)
    }

    // The criteria interface: Hearth's CMS rules answer; a licensed set answers "not held here" and the reviewer records it.
    @Test func everyCriteriaSourceAnswersThroughTheSameInterface() {
        let review = ReviewCase(stay: inpatient(edd: "2026-12-04"), now: clockTime("2026-12-01 12:00"), proposedLevel: .inpatient, clock: clock)
        let results = Self.rules.criteriaSources.map { $0.evaluate(review) }
        #expect(results.map(\.sourceID) == ["hearth-cms", "interqual", "mcg"])
        #expect(results[0].met == true && results[0].suggestedLevel == .inpatient)
        #expect(results[1].met == nil && results[1].findings[0].citation == "licensed criteria, not held by Hearth")
        #expect(Self.rules.criteriaSources.filter(\.isLicensed).count == 2)
    }

    // 42 CFR 412.3(d)(1): inpatient when care is expected to cross two midnights; (d)(2): an inpatient-only procedure
    // is appropriate for inpatient admission regardless of the expected length of stay.
    @Test func inpatientCriteriaAreTwoMidnightsOrAnInpatientOnlyProcedure() {
        let cms = CMSCriteria(inpatientOnly: Self.rules.inpatientOnly)
        let oneMidnight = ReviewCase(stay: inpatient(edd: "2026-12-02"), now: clockTime("2026-12-01 12:00"), proposedLevel: .inpatient, clock: clock)
        #expect(cms.evaluate(oneMidnight).met == false)
        #expect(cms.evaluate(oneMidnight).suggestedLevel == .observation)
        var withCABG = oneMidnight
        withCABG.procedureCodes = ["33533"]
        #expect(cms.evaluate(withCABG).met == true)
        #expect(cms.evaluate(withCABG).findings.first { $0.id == "inpatient-only" }?.citation == "42 CFR 412.3(d)(2); 42 CFR 419.22(n)")
        let twoMidnights = ReviewCase(stay: inpatient(edd: "2026-12-03"), now: clockTime("2026-12-01 12:00"), proposedLevel: .inpatient, clock: clock)
        #expect(cms.evaluate(twoMidnights).met == true)
    }

    // MBPM ch. 6 §20.6: observation rarely spans more than 48 hours.
    @Test func observationCriteriaStopAt48Hours() {
        let cms = CMSCriteria(inpatientOnly: Self.rules.inpatientOnly)
        let observed = InpatientStay(arrivedAt: clockTime("2026-12-01 08:00"), statusHistory: [StatusPeriod(status: .observation, starts: clockTime("2026-12-01 08:00"))],
                                     expectedDischarge: day("2026-12-01"))
        let at = { (now: String) in cms.evaluate(ReviewCase(stay: observed, now: clockTime(now), proposedLevel: .observation, clock: self.clock)) }
        #expect(at("2026-12-01 23:59").met == true)
        // Past a midnight but under 48 hours: still met on hours; the second midnight ends it.
        #expect(at("2026-12-02 23:59").met == true)
        #expect(at("2026-12-03 00:00").met == false)
    }

    // LOS counts inpatient days from the admission order's day; GMLOS is the imported Table 5's figure for the DRG, shown with its source.
    @Test func lengthOfStayIsComparedWithTheDRGsGMLOS() throws {
        let norms = Self.rules.lengthOfStay
        let stay = inpatient(arrived: "2026-12-01 08:00")
        let onDayThree = try #require(norms.compare(stay, drg: "291", clock: clock, now: clockTime("2026-12-04 09:00")))
        #expect(onDayThree.los == 3 && !onDayThree.isPastGMLOS)
        #expect(onDayThree.summary == "LOS 3 days vs GMLOS 3.9 (DRG 291; test table): 0.9 days left")
        #expect(onDayThree.gmlosDay == day("2026-12-05"))
        let onDayFour = try #require(norms.compare(stay, drg: "0291", clock: clock, now: clockTime("2026-12-05 00:00")))
        #expect(onDayFour.isPastGMLOS && onDayFour.summary.hasSuffix("0.1 days over"))
        #expect(norms.compare(stay, drg: "999", clock: clock, now: clockTime("2026-12-05 00:00")) == nil)
        // No table loaded: no number at all, whatever the DRG.
        #expect(LengthOfStayNorms.notLoaded.compare(stay, drg: "291", clock: clock, now: clockTime("2026-12-05 00:00")) == nil)
    }

    @Test func theNextReviewIsTheEarliestOfCadencePayerAndGMLOS() throws {
        let los = try #require(Self.rules.lengthOfStay.compare(inpatient(), drg: "291", clock: clock, now: clockTime("2026-12-01 12:00")))
        let byCadence = ReviewRules.nextReview(reviewedOn: day("2026-12-01"), cadenceDays: 3, cadenceSource: "UR plan", payerAsked: nil, lengthOfStay: nil)
        #expect(byCadence.day == day("2026-12-04"))
        let byPayer = ReviewRules.nextReview(reviewedOn: day("2026-12-01"), cadenceDays: 3, cadenceSource: "UR plan", payerAsked: day("2026-12-02"), lengthOfStay: los)
        #expect(byPayer.day == day("2026-12-02") && byPayer.explanation.contains("payer asked"))
        let byNorm = ReviewRules.nextReview(reviewedOn: day("2026-12-03"), cadenceDays: 3, cadenceSource: "UR plan", payerAsked: nil, lengthOfStay: los)
        #expect(byNorm.day == day("2026-12-05") && byNorm.explanation.contains("GMLOS of 3.9"))
    }

    @Test func aReviewDatedBeforeArrivalOrWithoutEvidenceIsRefused() {
        let stay = inpatient(arrived: "2026-12-01 08:00")
        var review = UtilizationReview(kind: .admission, reviewedAt: clockTime("2026-12-01 07:59"), levelOfCare: .inpatient, criteriaSourceID: "hearth-cms",
                                       criteriaMet: true, evidence: "short", nextReview: day("2026-12-01"), reviewer: "Ursula")
        let problems = ReviewRules.problems(review, stay: stay, now: clockTime("2026-12-01 12:00"), zone: zone)
        #expect(problems.keys.sorted() == ["evidence", "nextReview", "reviewedAt"])
        review.reviewedAt = clockTime("2026-12-01 08:00")
        review.evidence = "BNP 1400, IV furosemide twice daily, on 4 L oxygen"
        review.nextReview = day("2026-12-02")
        #expect(ReviewRules.problems(review, stay: stay, now: clockTime("2026-12-01 12:00"), zone: zone).isEmpty)
    }

    @Test func avoidableDaysCountBothEndsAndAreCostedPerDay() {
        let stay = inpatient(arrived: "2026-12-01 08:00")
        let open = AvoidableDays(reason: .postAcuteAcceptance, owner: .postAcuteProvider, from: day("2026-12-03"))
        #expect(open.days(today: day("2026-12-03")) == 1)
        #expect(open.days(today: day("2026-12-05")) == 3)
        #expect(open.cost(today: day("2026-12-05"), perDay: 2_400) == 7_200)
        let early = AvoidableDays(reason: .other, owner: .hospital, from: day("2026-11-30"), through: day("2026-11-29"))
        #expect(early.problems(stay: stay, today: day("2026-12-05"), zone: zone).keys.sorted() == ["from", "note", "through"])
        let summary = AvoidableDaysSummary([open, AvoidableDays(reason: .internalTests, owner: .hospital, from: day("2026-12-02"), through: day("2026-12-02"))],
                                           today: day("2026-12-05"), perDay: 1_000)
        #expect(summary.byReason.map(\.days) == [3, 1] && summary.totalCost == 4_000)
        #expect(summary.byOwner.first?.key == "post_acute")
    }

    // Issue 22: "parallel, closed-loop referrals ... with acceptance deadlines and the avoidable days they cause when late".
    // The first acceptance after the answer deadline writes the days it cost (from the later of the expected discharge
    // and the deadline's day, through the day before the acceptance), or closes the reviewer's open run; never twice.
    @Test func aLateFirstAcceptanceRecordsTheAvoidableDaysItCost() {
        let sent = PostAcuteReferralFacts(provider: "Riverbend", sentAt: clockTime("2026-12-01 10:00"), deadline: clockTime("2026-12-02 10:00"), status: .sent)
        let other = PostAcuteReferralFacts(provider: "Scioto", sentAt: clockTime("2026-12-01 10:00"), deadline: clockTime("2026-12-02 10:00"), status: .sent)
        func change(at: String, existing: [AvoidableDays] = [], referrals: [PostAcuteReferralFacts]? = nil) -> LateAcceptance.Change {
            LateAcceptance.change(referrals: referrals ?? [sent, other], provider: "Riverbend", acceptedAt: clockTime(at), expectedDischarge: day("2026-12-02"),
                                  existing: existing, zone: zone)
        }
        #expect(change(at: "2026-12-02 10:00") == .none)
        guard case .add(let run) = change(at: "2026-12-04 15:00") else { Issue.record("no run added"); return }
        #expect(run.reason == .postAcuteAcceptance && run.owner == .postAcuteProvider)
        #expect(run.from == day("2026-12-02") && run.through == day("2026-12-03") && run.days(today: day("2026-12-09")) == 2)
        #expect(run.note.contains("Riverbend accepted on 2026-12-04"))
        let open = AvoidableDays(reason: .postAcuteAcceptance, owner: .postAcuteProvider, from: day("2026-12-03"))
        #expect(change(at: "2026-12-04 15:00", existing: [open]) == .close(index: 0, through: day("2026-12-03")))
        let recorded = AvoidableDays(reason: .postAcuteAcceptance, owner: .postAcuteProvider, from: day("2026-12-02"), through: day("2026-12-02"))
        #expect(change(at: "2026-12-04 15:00", existing: [recorded]) == .none)
        var acceptedFirst = other
        (acceptedFirst.status, acceptedFirst.acceptedAt) = (.accepted, clockTime("2026-12-03 09:00"))
        #expect(change(at: "2026-12-04 15:00", referrals: [sent, acceptedFirst]) == .none)
    }

    // 42 CFR 405.942(a): a redetermination is requested within 120 days of receiving the initial determination;
    // 405.962(a): a reconsideration within 180 days of receiving the redetermination.
    @Test func medicareAppealDeadlinesCountFromTheDenialThenFromEachDecision() {
        let payers = Self.rules.payers
        var denial = PayerDenial(payer: .medicare, receivedOn: day("2026-01-10"))
        let first = AppealRules.openLevels(denial, rules: payers).first
        #expect(first?.level.id == "redetermination" && first?.deadline == day("2026-05-10"))
        #expect(AppealRules.filingProblems(denial, level: "redetermination", filedOn: day("2026-05-10"), today: day("2026-12-01"), lateReason: "", rules: payers).isEmpty)
        let late = AppealRules.filingProblems(denial, level: "redetermination", filedOn: day("2026-05-11"), today: day("2026-12-01"), lateReason: "", rules: payers)
        #expect(late["lateReason"]?.contains("405.942(a)") == true)
        #expect(AppealRules.filingProblems(denial, level: "redetermination", filedOn: day("2026-05-11"), today: day("2026-12-01"), lateReason: "Notice mailed to the wrong address",
                                           rules: payers).isEmpty)
        #expect(AppealRules.filingProblems(denial, level: "reconsideration", filedOn: day("2026-02-01"), today: day("2026-12-01"), lateReason: "", rules: payers)["level"]?
            .contains("Redetermination") == true)
        denial.appeals = [PayerAppeal(level: "redetermination", filedOn: day("2026-02-01"), decidedOn: day("2026-03-01"), outcome: .upheld)]
        #expect(AppealRules.openLevels(denial, rules: payers).first?.deadline == day("2026-08-28"))
        denial.appeals[0].outcome = .overturned
        #expect(AppealRules.filingProblems(denial, level: "reconsideration", filedOn: day("2026-04-01"), today: day("2026-12-01"), lateReason: "", rules: payers)["level"] != nil)
    }

    // 42 CFR 422.582(b): a Medicare Advantage reconsideration within 65 days; the peer-to-peer is optional and does not restart it.
    @Test func aPeerToPeerIsOptionalAndDoesNotRestartTheClock() {
        let payers = Self.rules.payers
        var denial = PayerDenial(payer: .medicareAdvantage, receivedOn: day("2026-12-01"))
        #expect(AppealRules.openLevels(denial, rules: payers).map(\.deadline).prefix(2) == [day("2026-12-03"), day("2027-02-04")])
        #expect(AppealRules.filingProblems(denial, level: "reconsideration", filedOn: day("2026-12-02"), today: day("2026-12-02"), lateReason: "", rules: payers).isEmpty)
        denial.appeals = [PayerAppeal(level: "peer_to_peer", filedOn: day("2026-12-02"), decidedOn: day("2026-12-03"), outcome: .upheld)]
        #expect(AppealRules.openLevels(denial, rules: payers).first?.deadline == day("2027-02-04"))
        #expect(PayerReviewRules(source: "", payers: payers.payers).payer(.commercial).appealLevels.last?.deadline(from: day("2026-10-31")) == day("2027-02-28"))
    }

    // Minimum necessary [45 CFR 164.502(b)]: the UR nurse reviews her hospital's stays, changes no order, opens no agency chart.
    @Test func theURNurseReviewsHerHospitalsStaysOnly() {
        #expect(AccessPolicy.decideStay(role: .utilizationReviewNurse, onAssignedUnit: false, inOwnHospital: true, action: .review) == .allowed)
        #expect(AccessPolicy.decideStay(role: .utilizationReviewNurse, onAssignedUnit: false, inOwnHospital: true, action: .read) == .allowed)
        #expect(!AccessPolicy.decideStay(role: .utilizationReviewNurse, onAssignedUnit: true, inOwnHospital: true, action: .write).isAllowed)
        #expect(AccessPolicy.decideStay(role: .utilizationReviewNurse, onAssignedUnit: true, inOwnHospital: false, action: .read) == .hidden)
        #expect(AccessPolicy.decideStay(role: .hospitalCaseManager, onAssignedUnit: true, action: .review) == .allowed)
        #expect(AccessPolicy.decide(role: .utilizationReviewNurse, relationships: Set(PatientRelationship.allCases.filter { $0 != .emergencyAccess }), action: .read) == .hidden)
    }
}
