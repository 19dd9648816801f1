import Foundation
import Testing
@testable import HearthCore

/// A heart-failure patient's plan in period 1 (start of care 2026-11-02, period ends 2026-12-31).
enum PlanFixture {
    static let period = CertificationPeriod(number: 1, startOfCare: day("2026-11-02"))
    static let fallRisk = CarePlanProblem(id: "p1", title: "Risk for falls", source: .finding(code: "fall-risk", instrumentID: "steadi"))
    static let walking = CarePlanGoal(id: "g1", problemID: "p1", what: "Walks to the mailbox with a rolling walker",
                                      measure: "150 feet without rest", targetDate: day("2026-12-15"))
    static func nursing(_ frequency: String = "2w4, 1w5, 3prn") throws -> CarePlanIntervention {
        CarePlanIntervention(id: "i1", problemID: "p1", discipline: .skilledNursing, action: "Teach heart-failure self-care",
                             frequency: try VisitFrequency(parsing: frequency), prnTrigger: "weight gain over 3 lb in 2 days")
    }
    static func plan() throws -> CarePlanContent {
        CarePlanContent(problems: [fallRisk], goals: [walking], interventions: [try nursing()],
                        patientInput: .init(ownGoals: "I want to walk to church again", preferences: "Morning visits"))
    }
}

@Suite struct CarePlanDraftTests {
    let period = PlanFixture.period

    @Test func aGoalWithoutATargetDateIsRefused() {
        let draft = GoalDraft(problemID: "p1", what: "Walks to the mailbox", measure: "150 feet", targetDate: " ")
        #expect(draft.problems(in: period, problemIDs: ["p1"]).keys.sorted() == ["targetDate"])
        #expect(throws: CarePlanFormError.self) { try draft.goal(id: "g1", in: period, problemIDs: ["p1"]) }
    }

    @Test(arguments: [("2026-12-31", true), ("2027-01-01", false), ("2026-11-02", true), ("2026-11-01", false), ("2026-12-32", false)])
    func theTargetDateFallsInThePeriodItsLastDayIncluded(_ date: String, _ accepted: Bool) {
        let draft = GoalDraft(problemID: "p1", what: "Walks", measure: "150 feet", targetDate: date)
        #expect(draft.problems(in: period, problemIDs: ["p1"]).isEmpty == accepted)
    }

    @Test func aGoalNeedsItsMeasureAndProblem() throws {
        let problems = GoalDraft(problemID: "nope", what: "", measure: "", targetDate: "2026-12-01").problems(in: period, problemIDs: ["p1"])
        #expect(Set(problems.keys) == ["problemID", "what", "measure"])
        let goal = try GoalDraft(problemID: "p1", what: " Walks ", measure: "150 ft", targetDate: "2026-12-01")
            .goal(id: "g9", in: period, problemIDs: ["p1"])
        #expect(goal.what == "Walks" && goal.status == .active && goal.targetDate == day("2026-12-01"))
    }

    @Test func aProblemComesFromAFindingOrByHand() throws {
        let finding = AssessmentFinding(problem: "depression-risk", title: "Risk for depression", reason: "PHQ-9 total 14 ≥ 10", instrumentID: "phq9")
        #expect(try ProblemDraft(finding: finding).problem(id: "p2").source == .finding(code: "depression-risk", instrumentID: "phq9"))
        #expect(try ProblemDraft(title: "Knowledge deficit: insulin").problem(id: "p3").source == .manual)
        #expect(ProblemDraft(title: "  ").problems.keys.sorted() == ["title"])
    }

    @Test func anInterventionParsesItsFrequencyAndNamesTheField() throws {
        let draft = InterventionDraft(discipline: "sn", action: "Wound care", frequency: "2w4, w4")
        #expect(draft.problems(problemIDs: []) == ["frequency": FrequencyParseError.expectedVisits(at: 5, found: "w4").description])
        let item = try InterventionDraft(discipline: "PT", action: "Gait training", frequency: "3W2,2W3").intervention(id: "i2", problemIDs: [])
        #expect(item.orderText == "PT 3w2, 2w3")
        #expect(InterventionDraft(discipline: "RN", action: "x", frequency: "1w1").problems(problemIDs: []).keys.sorted() == ["discipline"])
    }

    @Test func prnVisitsNeedTheSignsThatCallForThem() {
        let noTrigger = InterventionDraft(discipline: "SN", action: "Foley care", frequency: "1w9, 2prn")
        #expect(noTrigger.problems(problemIDs: [])["prnTrigger"]?.contains("409.43(b)") == true)
        let vague = InterventionDraft(discipline: "SN", action: "Foley care", frequency: "1w9, 2prn", prnTrigger: "As needed.")
        #expect(vague.problems(problemIDs: [])["prnTrigger"] != nil)
        let good = InterventionDraft(discipline: "SN", action: "Foley care", frequency: "1w9, 2prn", prnTrigger: "Foley blocked or leaking")
        #expect(good.problems(problemIDs: []).isEmpty)
        let noCap = InterventionDraft(discipline: "SN", action: "Foley care", frequency: "1w9", prnTrigger: "Foley blocked")
        #expect(noCap.problems(problemIDs: [])["prnTrigger"]?.contains("add a cap") == true)
    }

    @Test func anInterimOrderFrequencyMustFitWhatIsLeftOfThePeriod() {
        let draft = InterventionDraft(discipline: "OT", action: "ADL retraining", frequency: "2w8")
        #expect(draft.problems(startingOnDay: 1, problemIDs: []).isEmpty)
        #expect(draft.problems(startingOnDay: 22, problemIDs: [])["frequency"]?.contains("runs 8 weeks") == true)
    }

    @Test func patientAgreementNeedsWhoAndWhen() throws {
        let today = day("2026-11-03")
        #expect(PatientInputDraft(ownGoals: "Walk to church", preferences: "").problems(today: today).isEmpty)
        let partial = PatientInputDraft(ownGoals: "", preferences: "", agreedBy: "Mary Abernathy", agreedOn: "2026-11-04")
        #expect(Set(partial.problems(today: today).keys) == ["relationship", "agreedOn"])
        let input = try PatientInputDraft(ownGoals: "Walk to church", preferences: "Mornings", agreedBy: "Mary Abernathy",
                                          relationship: "daughter", agreedOn: "2026-11-03").applied(to: .init(), today: today)
        #expect(input.agreements == [.init(name: "Mary Abernathy", relationship: "daughter", on: today)])
    }
}

@Suite struct GoalStatusTests {
    @Test func legalChangesAndRefusals() throws {
        var goal = PlanFixture.walking
        #expect(throws: GoalError.reasonRequired(.notMet)) { try goal.changeStatus(to: .notMet) }
        try goal.changeStatus(to: .notMet, reason: "Knee pain limited walking")
        #expect(throws: GoalError.illegalStatusChange(from: .notMet, to: .met)) { try goal.changeStatus(to: .met) }
        try goal.revise(targetDate: day("2026-12-31"), reason: "Pain now controlled", in: PlanFixture.period)
        #expect(goal.status == .revised && goal.targetDate == day("2026-12-31"))
        try goal.changeStatus(to: .met)
        let before = goal
        #expect(throws: GoalError.self) { try goal.changeStatus(to: .discontinued, reason: "x") }
        #expect(goal == before)
        #expect(GoalError.illegalStatusChange(from: .met, to: .active).description.contains("Add a new goal"))
    }

    @Test func aRevisionKeepsTheTargetDateInThePeriod() {
        var goal = PlanFixture.walking
        #expect(throws: GoalError.self) { try goal.revise(targetDate: day("2027-01-05"), reason: "slower", in: PlanFixture.period) }
        #expect(throws: GoalError.nothingRevised) { try goal.revise(reason: "why", in: PlanFixture.period) }
        #expect(goal == PlanFixture.walking)
    }
}

@Suite struct CarePlanVersionTests {
    let soon = Date(timeIntervalSince1970: 1_793_000_000)

    @Test func everyChangeIsANewVersionAndTheDiffReadsLikeSentences() throws {
        // setup
        var history = CarePlanHistory()
        try history.save(try PlanFixture.plan(), in: PlanFixture.period, by: "Ana RN", at: soon)
        var next = try PlanFixture.plan()
        next.goals[0].targetDate = day("2026-12-20")
        next.goals[0].measure = "200 feet without rest"
        next.interventions[0].frequency = try VisitFrequency(parsing: "3w4, 1w5, 3prn")
        next.interventions.append(CarePlanIntervention(id: "i2", discipline: .physicalTherapy, action: "Gait training",
                                                       frequency: try VisitFrequency(parsing: "2w4")))
        next.goals.append(CarePlanGoal(id: "g2", problemID: "p1", what: "Uses the walker every time", measure: "observed at 3 visits",
                                       targetDate: day("2026-12-01")))
        // act
        try history.save(next, in: PlanFixture.period, by: "Ana RN", at: soon.addingTimeInterval(60), note: "PT evaluation")
        // check
        #expect(history.versions.map(\.number) == [1, 2])
        #expect(try history.diff(from: 1, to: 2).lines == [
            "Goal changed: Walks to the mailbox with a rolling walker (measure: 150 feet without rest → 200 feet without rest; "
                + "target date: 2026-12-15 → 2026-12-20)",
            "Goal added: Uses the walker every time",
            "Frequency changed: SN 2w4, 1w5, 3prn → SN 3w4, 1w5, 3prn",
            "Intervention added: PT 2w4: Gait training",
        ])
        #expect(history.latestChanges == (try history.diff(from: 1, to: 2)))
    }

    @Test func removalsAndPatientInputAreListed() throws {
        let old = try PlanFixture.plan()
        var new = old
        new.goals = []
        new.interventions = []
        new.patientInput.preferences = "Afternoon visits"
        new.patientInput.agreements = [.init(name: "Dorothy Abernathy", relationship: "patient", on: day("2026-11-03"))]
        #expect(CarePlanDiff(from: old, to: new).lines == [
            "Goal removed: Walks to the mailbox with a rolling walker",
            "Intervention removed: SN 2w4, 1w5, 3prn: Teach heart-failure self-care",
            "Patient and family input changed (preferences: Morning visits → Afternoon visits)",
            "Plan agreed by Dorothy Abernathy (patient) on 2026-11-03",
        ])
        // Only the removed intervention changes what the physician orders: it alone needs an interim order [42 CFR 484.60(c)(1)].
        #expect(CarePlanDiff(from: old, to: new).changes.filter(\.changesWhatIsOrdered).map(\.description)
                == ["Intervention removed: SN 2w4, 1w5, 3prn: Teach heart-failure self-care"])
    }

    @Test func aRefusedSaveChangesNothing() throws {
        var history = CarePlanHistory()
        let plan = try PlanFixture.plan()
        try history.save(plan, in: PlanFixture.period, by: "Ana RN", at: soon)
        #expect(throws: CarePlanHistoryError.nothingChanged(version: 1)) { try history.save(plan, in: PlanFixture.period, by: "Ana RN", at: soon) }
        var bad = plan
        bad.goals[0].targetDate = day("2027-02-01")
        bad.interventions[0].prnTrigger = nil
        #expect(throws: CarePlanHistoryError.self) { try history.save(bad, in: PlanFixture.period, by: "Ana RN", at: soon) }
        #expect(Set(bad.issues(in: PlanFixture.period).keys) == ["goals.g1.targetDate", "interventions.i1.prnTrigger"])
        #expect(history.versions.count == 1)
        #expect(throws: CarePlanHistoryError.noSuchVersion(7)) { try history.diff(from: 1, to: 7) }
    }

    @Test func contentRoundTripsThroughJSONWithStableBytes() throws {
        let plan = try PlanFixture.plan()
        let data = try plan.jsonData()
        #expect(try CarePlanContent(json: data) == plan)
        #expect(try plan.jsonData() == data)
        #expect(String(decoding: data, as: UTF8.self).contains("\"targetDate\":\"2026-12-15\""))
        #expect(plan.scheduledVisitsByDiscipline[.skilledNursing] == VisitCount(13))
    }
}
