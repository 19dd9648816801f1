import Testing
@testable import HearthCore

private func independence(_ definition: InstrumentDefinition, needsHelp: Set<String>) -> AssessmentAnswers {
    AssessmentAnswers(Dictionary(uniqueKeysWithValues: definition.items.map {
        ($0.id, AssessmentAnswer.choice(needsHelp.contains($0.id) ? "needs_help" : "independent"))
    }))
}

/// ADL: the six basic activities after Katz et al. (JAMA 1963), in Hearth's wording; 1 point each when independent.
/// 6 full function, 3–5 moderate impairment, 0–2 severe impairment; 4 or fewer suggests ADL dependence.
@Suite struct InstrumentADLTests {
    let adl = ShippedInstruments.definition("adl")

    @Test func sixActivitiesInOurOwnWording() {
        #expect(adl.items.map(\.id) == ["bathing", "dressing", "toileting", "transferring", "continence", "feeding"])
        #expect(adl.licence.contains("not reproduced"))
    }

    @Test func workedExamples() {
        // Independent in all six → 6, full function.
        #expect(adl.evaluate(independence(adl, needsHelp: [])).score("total")?.bandLabel == "Full function")
        // Needs help washing and dressing → 4: moderate impairment, and ADL dependence (≤ 4).
        let four = adl.evaluate(independence(adl, needsHelp: ["bathing", "dressing"]))
        #expect(four.score("total")?.value == 4)
        #expect(four.score("total")?.bandLabel == "Moderate impairment")
        #expect(four.findings == [AssessmentFinding(problem: "adl-dependence", title: "ADL dependence", reason: "ADL independence 4 ≤ 4", instrumentID: "adl")])
        // Needs help only washing → 5: moderate impairment but above the finding threshold.
        let five = adl.evaluate(independence(adl, needsHelp: ["bathing"]))
        #expect(five.score("total")?.bandLabel == "Moderate impairment")
        #expect(five.findings.isEmpty)
    }

    @Test(arguments: [(0, "Severe impairment"), (2, "Severe impairment"), (3, "Moderate impairment"), (5, "Moderate impairment"), (6, "Full function")])
    func bandBoundaries(independent: Int, label: String) {
        let needsHelp = Set(adl.items.dropFirst(independent).map(\.id))
        #expect(adl.evaluate(independence(adl, needsHelp: needsHelp)).score("total")?.bandLabel == label)
    }
}

/// IADL: the eight instrumental activities after Lawton & Brody (Gerontologist 1969), in Hearth's wording; 0–8.
@Suite struct InstrumentIADLTests {
    let iadl = ShippedInstruments.definition("iadl")

    @Test func workedExamples() {
        #expect(iadl.items.count == 8)
        #expect(iadl.evaluate(independence(iadl, needsHelp: [])).score("total")?.value == 8)
        // Needs help with shopping, transport and finances → 5.
        let five = iadl.evaluate(independence(iadl, needsHelp: ["shopping", "transportation", "finances"]))
        #expect(five.score("total")?.value == 5)
        #expect(five.score("total")?.bandLabel == "Needs help")
        #expect(iadl.evaluate(independence(iadl, needsHelp: Set(iadl.items.map(\.id)))).score("total")?.value == 0)
    }
}

/// 0–10 numeric rating scale (Downie et al. 1978): 0 none, 1–3 mild, 4–6 moderate, 7–10 severe; location asked when pain > 0.
@Suite struct InstrumentPainTests {
    let pain = ShippedInstruments.definition("pain")

    @Test(arguments: [(0, "No pain"), (1, "Mild"), (3, "Mild"), (4, "Moderate"), (6, "Moderate"), (7, "Severe"), (10, "Severe")])
    func bands(score: Double, label: String) {
        var answers = AssessmentAnswers(["pain_score": .number(score)])
        if score > 0 { answers["pain_location"] = .bodyAreas([.lowerBack]) }
        let result = pain.evaluate(answers)
        #expect(result.score("intensity")?.bandLabel == label)
        #expect(result.findings.isEmpty == (score < 7))
    }

    @Test func severePainSuggestsUncontrolledPain() {
        // Pain 8 in the left knee: severe, and the care plan is offered "uncontrolled pain".
        let result = pain.evaluate(AssessmentAnswers(["pain_score": .number(8), "pain_location": .bodyAreas([.leftKnee])]))
        #expect(result.findings.map(\.problem) == ["uncontrolled-pain"])
        #expect(result.findings.first?.reason == "Pain intensity 8 ≥ 7")
    }

    @Test func locationIsAskedOnlyWhenThereIsPain() {
        #expect(pain.visibleItems(given: AssessmentAnswers(["pain_score": .number(0)])).map(\.id) == ["pain_score"])
        #expect(pain.visibleItems(given: AssessmentAnswers(["pain_score": .number(2)])).map(\.id) == ["pain_score", "pain_location", "pain_interferes"])
        let noLocation = pain.problems(AssessmentAnswers(["pain_score": .number(5)]), forSigning: true)
        #expect(noLocation == ["pain_location": "Answer this question before signing."])
    }
}
