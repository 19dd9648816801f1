import Foundation
import Testing
@testable import HearthCore

/// The UR committee and the physician advisor [42 CFR 482.30]: who may sit on it, who may not review a stay, who decides
/// that a stay is not medically necessary, and the written notice that follows, each at its boundary (issue 22).
@Suite struct URCommitteeTests {
    let zone = ClockFixture.newYork
    let ostrowski = URCommitteeMember(id: "u-ostrowski", name: "Dr. Miriam Ostrowski, MD", role: .physicianAdvisor)
    let reyes = URCommitteeMember(id: "u-reyes", name: "Dr. Sofia Reyes", role: .physician)
    let patel = URCommitteeMember(id: "u-patel", name: "Dr. Robert Patel", role: .physician, financialInterest: "2% ownership share")
    let careTeam = StayCareTeam(attendings: ["Dr. Amara Nwosu"], userIDs: ["u-chart-team"])

    func inpatient(discharged: String? = nil) -> InpatientStay {
        InpatientStay(arrivedAt: clockTime("2026-12-01 08:00"), statusHistory: [StatusPeriod(status: .inpatient, starts: clockTime("2026-12-01 10:00"))],
                      dischargedAt: discharged.map { clockTime($0) })
    }

    func draft(_ outcome: AdvisorDetermination, _ view: AttendingView, by member: URCommitteeMember? = nil, second: URCommitteeMember? = nil,
               rationale: String = "Afebrile 36 hours; erythema receding on oral antibiotics.") -> DeterminationDraft {
        DeterminationDraft(outcome: outcome, rationale: rationale, attendingView: view, deciding: member ?? ostrowski, second: second)
    }

    // 482.30(b): "A UR committee consisting of two or more practitioners must carry out the UR function. At least two of
    // the members of the committee must be doctors of medicine or osteopathy."
    @Test func theCommitteeNeedsTwoPhysiciansAndTakesOnlyPhysicians() {
        #expect(URCommitteeRule.compositionProblem([])?.contains("0 physician members") == true)
        #expect(URCommitteeRule.compositionProblem([ostrowski])?.contains("Add 1 more") == true)
        #expect(URCommitteeRule.compositionProblem([ostrowski, reyes]) == nil)
        #expect(URCommitteeRule.membershipProblems(role: .utilizationReviewNurse, active: true, alreadyMember: false)["user"]?.contains("not a physician") == true)
        #expect(URCommitteeRule.membershipProblems(role: .physicianAdvisor, active: false, alreadyMember: false)["user"]?.contains("disabled") == true)
        #expect(URCommitteeRule.membershipProblems(role: .physician, active: true, alreadyMember: true)["user"]?.contains("Already") == true)
        #expect(URCommitteeRule.membershipProblems(role: nil, active: true, alreadyMember: false)["user"] != nil)
        #expect(URCommitteeRule.membershipProblems(role: .physician, active: true, alreadyMember: false).isEmpty)
    }

    // 482.30(b)(3): reviews "may not be conducted by any individual who (i) Has a direct financial interest (for example,
    // an ownership interest) in that hospital; or (ii) Was professionally involved in the care of the patient whose case
    // is being reviewed."
    @Test func aMemberWhoTreatsThePatientOrHasAFinancialInterestMayNotReview() {
        let attending = URCommitteeMember(id: "u-nwosu", name: "amara nwosu, MD", role: .physician)
        #expect(URCommitteeRule.conflict(attending, careTeam: careTeam)?.contains("482.30(b)(3)(ii)") == true)
        let onTheChart = URCommitteeMember(id: "u-chart-team", name: "Dr. Lee Park", role: .physician)
        #expect(URCommitteeRule.conflict(onTheChart, careTeam: careTeam)?.contains("treats this patient") == true)
        #expect(URCommitteeRule.conflict(patel, careTeam: careTeam)?.contains("482.30(b)(3)(i)") == true)
        #expect(URCommitteeRule.conflict(patel, careTeam: careTeam)?.contains("2% ownership share") == true)
        #expect(URCommitteeRule.conflict(ostrowski, careTeam: careTeam) == nil)
        // A blank declaration is no interest; a concurring attending in the status history is an attending too.
        #expect(URCommitteeMember(id: "x", name: "Dr. X", role: .physician, financialInterest: "  ").financialInterest == nil)
        #expect(URCommitteeRule.conflict(reyes, careTeam: StayCareTeam(attendings: ["Dr. Amara Nwosu", "Sofia Reyes"])) != nil)
        let nurse = URCommitteeMember(id: "u-nurse", name: "Ursula Grant, RN", role: .utilizationReviewNurse)
        #expect(URCommitteeRule.conflict(nurse, careTeam: careTeam)?.contains("not a physician") == true)
    }

    // 482.30(d)(1): the determination that an admission or continued stay is not medically necessary "(i) May be made by
    // one member of the UR committee if the practitioner or practitioners responsible for the care of the patient … concur
    // with the determination or fail to present their views when afforded the opportunity; and (ii) Must be made by at
    // least two members of the UR committee in all other cases."
    @Test func oneMemberDecidesOnlyWithTheAttendingsConcurrenceOrSilence() {
        let stay = inpatient()
        #expect(DeterminationRule.problems(draft(.notNecessary, .concurs), stay: stay, careTeam: careTeam).isEmpty)
        #expect(DeterminationRule.problems(draft(.notNecessary, .didNotRespond), stay: stay, careTeam: careTeam).isEmpty)
        let alone = DeterminationRule.problems(draft(.notNecessary, .disagrees), stay: stay, careTeam: careTeam)
        #expect(alone["secondMember"]?.contains("482.30(d)(1)(ii)") == true)
        #expect(DeterminationRule.problems(draft(.notNecessary, .disagrees, second: reyes), stay: stay, careTeam: careTeam).isEmpty)
        // The second is another member, and passes the conflict rule too.
        #expect(DeterminationRule.problems(draft(.notNecessary, .disagrees, second: ostrowski), stay: stay, careTeam: careTeam)["secondMember"]?.contains("not you") == true)
        #expect(DeterminationRule.problems(draft(.notNecessary, .disagrees, second: patel), stay: stay, careTeam: careTeam)["secondMember"]?.contains("financial interest") == true)
        // Finding the stay necessary needs neither.
        #expect(DeterminationRule.problems(draft(.medicallyNecessary, .notConsulted), stay: stay, careTeam: careTeam).isEmpty)
        // The deciding member is held to the conflict rule, and writes a rationale.
        #expect(DeterminationRule.problems(draft(.medicallyNecessary, .concurs, by: patel), stay: stay, careTeam: careTeam)["outcome"] != nil)
        #expect(DeterminationRule.problems(draft(.notNecessary, .concurs, rationale: "No."), stay: stay, careTeam: careTeam)["rationale"] != nil)
    }

    // 482.30(d)(2): "Before making a determination that an admission or continued stay is not medically necessary, the UR
    // committee must consult the practitioner or practitioners responsible for the care of the patient … and afford the
    // practitioner or practitioners the opportunity to present their views."
    @Test func theAttendingIsConsultedFirst() {
        let problems = DeterminationRule.problems(draft(.notNecessary, .notConsulted), stay: inpatient(), careTeam: careTeam)
        #expect(problems["attendingView"]?.contains("482.30(d)(2)") == true)
    }

    // Condition code 44 (Medicare Claims Processing Manual ch. 1 §50.3): inpatient to outpatient only before discharge,
    // with the UR committee physician's determination and the attending's concurrence.
    @Test func aChangeToObservationNeedsTheAttendingsConcurrenceBeforeDischarge() {
        #expect(DeterminationRule.problems(draft(.changeToObservation, .concurs), stay: inpatient(), careTeam: careTeam).isEmpty)
        #expect(DeterminationRule.problems(draft(.changeToObservation, .didNotRespond), stay: inpatient(), careTeam: careTeam)["attendingView"]?.contains("silence") == true)
        #expect(DeterminationRule.problems(draft(.changeToObservation, .disagrees), stay: inpatient(), careTeam: careTeam)["attendingView"]?.contains("concurrence") == true)
        let gone = DeterminationRule.problems(draft(.changeToObservation, .concurs), stay: inpatient(discharged: "2026-12-03 11:00"), careTeam: careTeam)
        #expect(gone["outcome"]?.contains("only possible before discharge") == true)
        let observed = InpatientStay(arrivedAt: clockTime("2026-12-01 08:00"), statusHistory: [StatusPeriod(status: .observation, starts: clockTime("2026-12-01 08:00"))])
        #expect(DeterminationRule.problems(draft(.changeToObservation, .concurs), stay: observed, careTeam: careTeam)["outcome"]?.contains("not an inpatient") == true)
    }

    // 482.30(d)(3): "written notification must be given, no later than 2 days after the determination, to the hospital,
    // the patient, and the practitioner or practitioners responsible for the care of the patient."
    @Test func theWrittenNoticeIsDueTwoDaysAfterTheDetermination() throws {
        let clock = StayClock(timeZone: zone)
        var stay = inpatient()
        #expect(clock.urDeterminationNotice(stay, now: clockTime("2026-12-02 12:00")) == nil)
        stay.determinations = [AdverseDetermination(id: "d1", outcome: .notNecessary, determinedAt: clockTime("2026-12-02 15:00"), by: "Dr. Miriam Ostrowski")]
        let open = try #require(clock.urDeterminationNotice(stay, now: clockTime("2026-12-03 09:00")))
        #expect(open.window.dueDay == day("2026-12-04") && open.citation == "42 CFR 482.30(d)(3)" && open.state == .open)
        #expect(open.explanation.contains("Dr. Miriam Ostrowski found the stay not medically necessary"))
        #expect(clock.urDeterminationNotice(stay, now: clockTime("2026-12-04 23:59"))?.state == .dueSoon)
        #expect(clock.urDeterminationNotice(stay, now: clockTime("2026-12-05 00:00"))?.state == .overdue(days: 1))
        // The clock lists it among the stay's notices.
        #expect(clock.notices(stay, now: clockTime("2026-12-03 09:00")).contains { $0.ruleID == StayNoticeKind.urDetermination.rawValue })
        // Met by the notice, or by a condition code 44 notice, delivered after the determination; not by one before it.
        stay.notices = [StayNotice(id: "early", kind: .conditionCode44, deliveredAt: clockTime("2026-12-02 14:00"), outcome: .signed, deliveredBy: "A")]
        #expect(clock.urDeterminationNotice(stay, now: clockTime("2026-12-05 09:00"))?.state == .overdue(days: 1))
        stay.notices.append(StayNotice(id: "n1", kind: .urDetermination, deliveredAt: clockTime("2026-12-04 16:00"), outcome: .refused, deliveredBy: "A"))
        #expect(clock.urDeterminationNotice(stay, now: clockTime("2026-12-05 09:00"))?.state == .met(recordID: "n1", late: false))
    }

    @Test func theNoticeIsRefusedWithoutADeterminationOrBeforeIt() {
        var stay = inpatient()
        let now = clockTime("2026-12-05 09:00")
        #expect(StayLifecycle.noticeProblems(stay, kind: .urDetermination, deliveredAt: clockTime("2026-12-03 09:00"), now: now, zone: zone)["kind"] != nil)
        stay.determinations = [AdverseDetermination(id: "d1", outcome: .notNecessary, determinedAt: clockTime("2026-12-02 15:00"), by: "Dr. O")]
        #expect(StayLifecycle.noticeProblems(stay, kind: .urDetermination, deliveredAt: clockTime("2026-12-02 14:59"), now: now, zone: zone)["deliveredAt"] != nil)
        #expect(StayLifecycle.noticeProblems(stay, kind: .urDetermination, deliveredAt: clockTime("2026-12-02 15:00"), now: now, zone: zone).isEmpty)
    }

    // Minimum necessary [45 CFR 164.502(b)]: the advisor reads their committee's hospital's stays and decides; the nurses'
    // reviews and the case manager's orders are not theirs, and a determination is not the nurses'.
    @Test func theAdvisorReadsAndDecidesOnTheirHospitalsStaysOnly() {
        #expect(AccessPolicy.decideStay(role: .physicianAdvisor, onAssignedUnit: false, inOwnHospital: true, action: .read) == .allowed)
        #expect(AccessPolicy.decideStay(role: .physicianAdvisor, onAssignedUnit: false, inOwnHospital: true, action: .determine) == .allowed)
        #expect(!AccessPolicy.decideStay(role: .physicianAdvisor, onAssignedUnit: false, inOwnHospital: true, action: .review).isAllowed)
        #expect(!AccessPolicy.decideStay(role: .physicianAdvisor, onAssignedUnit: true, inOwnHospital: true, action: .write).isAllowed)
        #expect(AccessPolicy.decideStay(role: .physicianAdvisor, onAssignedUnit: false, inOwnHospital: false, action: .read) == .hidden)
        #expect(!AccessPolicy.decideStay(role: .utilizationReviewNurse, onAssignedUnit: false, inOwnHospital: true, action: .determine).isAllowed)
        #expect(!AccessPolicy.decideStay(role: .hospitalCaseManager, onAssignedUnit: true, action: .determine).isAllowed)
        #expect(AccessPolicy.decide(role: .physicianAdvisor, relationships: Set(PatientRelationship.allCases), action: .read) == .hidden)
        #expect(AccessPolicy.decide(role: .admin, action: .manageURCommittee) == .allowed)
        #expect(!AccessPolicy.decide(role: .supervisor, action: .manageURCommittee).isAllowed)
    }
}
