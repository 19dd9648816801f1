import Testing
@testable import HearthCore

/// CDC STEADI "Stay Independent" brochure (2017): 12 yes/no statements, the first two worth 2 points, the rest 1;
/// a total of 4 or more means "you may be at risk for falling".
@Suite struct InstrumentSTEADITests {
    let steadi = ShippedInstruments.definition("steadi")

    private func answers(yes: Set<String>) -> AssessmentAnswers {
        AssessmentAnswers(Dictionary(uniqueKeysWithValues: steadi.items.map { ($0.id, AssessmentAnswer.yesNo(yes.contains($0.id))) }))
    }

    @Test func workedExampleAtRisk() {
        // Fallen in the past year (2) + feels unsteady (1) + worried about falling (1) = 4 → may be at risk.
        let result = steadi.evaluate(answers(yes: ["fallen", "unsteady", "worried"]))
        #expect(result.score("total")?.value == 4)
        #expect(result.score("total")?.bandLabel == "May be at risk for falling")
        #expect(result.findings.map(\.problem) == ["fall-risk"])
        #expect(result.findings.first?.reason == "STEADI score 4 ≥ 4")
    }

    @Test func threeOnePointAnswersStayBelowTheThreshold() {
        let result = steadi.evaluate(answers(yes: ["unsteady", "furniture", "worried"]))
        #expect(result.score("total")?.value == 3)
        #expect(result.score("total")?.bandLabel == "Lower risk")
        #expect(result.findings.isEmpty)
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

    @Test func totalWaitsForEveryPart() {
        var partial = answers(days: 5, acute: true, charlson: 2, edVisits: 1)
        partial["charlson"] = nil
        let result = lace.evaluate(partial)
        #expect(result.score("l")?.value == 4)
        #expect(result.score("total")?.value == nil)
        #expect(result.score("total")?.missingItems == ["charlson"])
    }
}
