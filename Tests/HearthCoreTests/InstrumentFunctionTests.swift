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

/// Lawton IADL as published (Lawton & Brody, Gerontologist 1969;9:179): eight activities, each with graded levels
/// scored 1 or 0; "summary score ranges from 0 (low function, dependent) to 8 (high function, independent)". Partial
/// abilities the scale counts score 1 (issue 18, finding 12: the yes/no form under-scored them).
@Suite struct InstrumentIADLTests {
    let iadl = ShippedInstruments.definition("iadl")

    private func levels(_ picked: [String: String]) -> AssessmentAnswers {
        let best = ["telephone": "own_initiative", "shopping": "independent", "food_preparation": "independent", "housekeeping": "alone",
                    "laundry": "all", "transportation": "independent", "medications": "responsible", "finances": "independent"]
        return AssessmentAnswers(best.merging(picked) { $1 }.mapValues { AssessmentAnswer.choice($0) })
    }

    @Test func fullyIndependentIsEight() {
        #expect(iadl.items.count == 8)
        #expect(iadl.evaluate(levels([:])).score("total")?.value == 8)
        #expect(iadl.evaluate(levels([:])).score("total")?.bandLabel == "Independent")
    }

    /// Published levels that score 1 although help is needed: answers but does not dial; light daily tasks only, or
    /// needs help with all housekeeping; washes small items; travels by public transport when accompanied;
    /// day-to-day purchases only.
    @Test func partialAbilitiesTheScaleCountsScoreOne() {
        let partial = levels(["telephone": "answers_only", "housekeeping": "needs_help_all", "laundry": "small_items",
                              "transportation": "accompanied_public", "finances": "day_to_day"])
        #expect(iadl.evaluate(partial).score("total")?.value == 8)
    }

    /// Levels that score 0 although the patient does part of it: small purchases only; cooks if supplied; medication
    /// set out in advance; taxi or car with help.
    @Test func partialAbilitiesTheScaleDoesNotCountScoreZero() {
        let result = iadl.evaluate(levels(["shopping": "small_purchases", "food_preparation": "if_supplied", "medications": "prepared",
                                           "transportation": "assisted_car"]))
        #expect(result.score("total")?.value == 4)
        #expect(result.score("total")?.bandLabel == "Needs help")
        #expect(result.headline?.summary == "Lawton IADL score 4 (Needs help)")
    }

    @Test func lowestLevelsScoreZero() {
        let none = levels(["telephone": "not_at_all", "shopping": "unable", "food_preparation": "needs_meals", "housekeeping": "none",
                           "laundry": "by_others", "transportation": "none", "medications": "unable", "finances": "unable"])
        #expect(iadl.evaluate(none).score("total")?.value == 0)
    }

    /// The yes/no form stays installed as version 1.0 so assessments signed on it keep their wording.
    @Test func theYesNoVersionIsKeptForAssessmentsSignedOnIt() {
        #expect(ShippedInstruments.catalog.versions(of: "iadl").map(\.version) == ["1.0", "2.0"])
        #expect(ShippedInstruments.catalog.versions(of: "steadi").map(\.version) == ["1.0", "1.1"])
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
