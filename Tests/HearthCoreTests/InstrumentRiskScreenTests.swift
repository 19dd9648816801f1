import Testing
@testable import HearthCore

/// CDC STEADI "Stay Independent" brochure (2017): 12 yes/no statements, the first two worth 2 points, the rest 1;
/// a total of 4 or more means "you may be at risk for falling". CDC STEADI algorithm (2019): "Screened at risk if:
/// Score ≥ 4 on Stay Independent brochure, OR Yes to any key question: Fallen in past year? Unsteady when standing
/// or walking? Worries about falling?" (issue 18, finding 12).
@Suite struct InstrumentSTEADITests {
    let steadi = ShippedInstruments.definition("steadi")

    private func answers(yes: Set<String>) -> AssessmentAnswers {
        AssessmentAnswers(Dictionary(uniqueKeysWithValues: steadi.items.map { ($0.id, AssessmentAnswer.yesNo(yes.contains($0.id))) }))
    }

    @Test func workedExampleAtRisk() {
        // Fallen in the past year (2) + feels unsteady (1) + worried about falling (1) = 4 → may be at risk.
        let result = steadi.evaluate(answers(yes: ["fallen", "unsteady", "worried"]))
        #expect(result.score("total")?.value == 4)
        #expect(result.score("total")?.bandLabel == "At risk for falling (key question)")
        #expect(result.findings.map(\.problem) == ["fall-risk"], "one problem, suggested once")
        #expect(result.findings.first?.reason == "Fallen in the past year: Yes")
    }

    @Test func fourPointsWithoutAKeyQuestionIsTheBrochureThreshold() {
        let result = steadi.evaluate(answers(yes: ["cane_walker", "furniture", "curb"]))
        #expect(result.score("total")?.value == 4)
        #expect(result.score("total")?.bandLabel == "May be at risk for falling")
        #expect(result.findings.first?.reason == "STEADI score 4 ≥ 4")
    }

    @Test func threeOnePointAnswersWithoutAKeyQuestionStayLowerRisk() {
        let result = steadi.evaluate(answers(yes: ["furniture", "curb", "sad"]))
        #expect(result.score("total")?.value == 3)
        #expect(result.score("total")?.bandLabel == "Lower risk")
        #expect(result.findings.isEmpty)
    }

    /// "Yes to any key question" screens the patient at risk whatever the total: a patient who just fell (2 points)
    /// is not "Lower risk".
    @Test(arguments: [("fallen", 2.0, "Fallen in the past year: Yes"), ("unsteady", 1.0, "Unsteady when walking: Yes"),
                      ("worried", 1.0, "Worried about falling: Yes")])
    func aKeyQuestionAloneScreensAtRisk(item: String, total: Double, reason: String) {
        let result = steadi.evaluate(answers(yes: [item]))
        #expect(result.score("total")?.value == total)
        #expect(result.score("total")?.bandLabel == "At risk for falling (key question)")
        #expect(result.score("total")?.bandReason == reason)
        #expect(result.findings.map(\.reason) == [reason])
        #expect(result.headline?.summary == "STEADI score \(ScoreFormat.text(total)) (At risk for falling (key question))")
    }

    @Test func theFirstTwoStatementsAreWorthTwoEach() {
        #expect(steadi.evaluate(answers(yes: ["fallen", "cane_walker"])).score("total")?.value == 4)
        #expect(steadi.evaluate(answers(yes: Set(steadi.items.map(\.id)))).score("total")?.value == 14)
        #expect(steadi.evaluate(answers(yes: [])).score("total")?.value == 0)
    }
}

/// LACE index (van Walraven et al., CMAJ 2010;182:551): L length of stay, A acute admission 3, C Charlson, E ED visits;
/// total 0–19, 10 or more is high risk of death or readmission within 30 days.
@Suite struct InstrumentLACETests {
    let lace = ShippedInstruments.definition("lace")

    private func answers(days: Double, acute: Bool, charlson: Double, edVisits: Double) -> AssessmentAnswers {
        AssessmentAnswers(["length_of_stay": .number(days), "acute_admission": .yesNo(acute), "charlson": .number(charlson), "ed_visits": .number(edVisits)])
    }

    @Test func workedExampleHighRisk() {
        // 5 days in hospital (L 4), emergent admission (A 3), Charlson 2 (C 2), one ED visit (E 1): 4+3+2+1 = 10.
        let result = lace.evaluate(answers(days: 5, acute: true, charlson: 2, edVisits: 1))
        #expect(["l", "a", "c", "e"].map { result.score($0)?.value } == [4, 3, 2, 1])
        #expect(result.score("total")?.value == 10)
        #expect(result.score("total")?.bandLabel == "High risk")
        #expect(result.findings.map(\.reason) == ["LACE index 10 ≥ 10"])
        #expect(result.findings.first?.problem == "readmission-risk")
    }

    @Test func workedExampleLowAndMaximum() {
        // Same-day elective stay, no comorbidity, no ED visits: 0. Longest stay, emergent, Charlson ≥ 4, ED ≥ 4: 7+3+5+4 = 19.
        #expect(lace.evaluate(answers(days: 0, acute: false, charlson: 0, edVisits: 0)).score("total")?.bandLabel == "Low risk")
        let worst = lace.evaluate(answers(days: 40, acute: true, charlson: 9, edVisits: 12))
        #expect(worst.score("total")?.value == 19)
        #expect(lace.evaluate(answers(days: 3, acute: true, charlson: 1, edVisits: 2)).score("total")?.value == 9) // 3+3+1+2, moderate
        #expect(lace.evaluate(answers(days: 3, acute: true, charlson: 1, edVisits: 2)).findings.isEmpty)
    }

    @Test(arguments: [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (6, 4), (7, 5), (13, 5), (14, 7), (90, 7)])
    func lengthOfStayPoints(days: Double, points: Double) {
        #expect(lace.evaluate(answers(days: days, acute: false, charlson: 0, edVisits: 0)).score("l")?.value == points)
    }

    @Test(arguments: [(0, 0), (1, 1), (2, 2), (3, 3), (4, 5), (11, 5)])
    func charlsonPoints(score: Double, points: Double) {
        #expect(lace.evaluate(answers(days: 0, acute: false, charlson: score, edVisits: 0)).score("c")?.value == points)
    }

    @Test(arguments: [(0, 0), (1, 1), (3, 3), (4, 4), (20, 4)])
    func emergencyVisitPoints(visits: Double, points: Double) {
        #expect(lace.evaluate(answers(days: 0, acute: false, charlson: 0, edVisits: visits)).score("e")?.value == points)
    }

    /// Issue 18, finding 8: the chart read "LACE 1" for a total of 7. The headline is the total the paper validates
    /// ("LACE index … total 0–19"), named in the instrument file, never the first sub-score computed.
    @Test func theHeadlineIsTheTotalNotTheLengthOfStayPart() {
        // 1 day (L 1), emergent (A 3), Charlson 2 (C 2), one ED visit (E 1): 7, moderate.
        let result = lace.evaluate(answers(days: 1, acute: true, charlson: 2, edVisits: 1))
        #expect(result.headline?.ruleID == "total")
        #expect(result.headline?.summary == "LACE index 7 (Moderate risk)")
        var partial = answers(days: 1, acute: true, charlson: 2, edVisits: 1)
        partial["charlson"] = nil
        #expect(lace.evaluate(partial).headline == nil, "no headline until the total can be computed, not the L part")
    }

    @Test func totalWaitsForEveryPart() {
        var partial = answers(days: 5, acute: true, charlson: 2, edVisits: 1)
        partial["charlson"] = nil
        let result = lace.evaluate(partial)
        #expect(result.score("l")?.value == 4)
        #expect(result.score("total")?.value == nil)
        #expect(result.score("total")?.missingItems == ["charlson"])
    }
}
