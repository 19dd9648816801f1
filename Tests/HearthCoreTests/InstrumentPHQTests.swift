import Testing
@testable import HearthCore

/// Answers with the PHQ frequency codes, one per item in order, from item scores 0–3.
private func frequencies(_ scores: [Int], prefix: String) -> AssessmentAnswers {
    let codes = ["not_at_all", "several_days", "more_than_half", "nearly_every_day"]
    return AssessmentAnswers(Dictionary(uniqueKeysWithValues: scores.enumerated().map { ("\(prefix)\($0 + 1)", .choice(codes[$1])) }))
}

/// PHQ-9 (Kroenke, Spitzer & Williams, J Gen Intern Med 2001): sum of nine items 0–3, bands 0–4 / 5–9 / 10–14 / 15–19 / 20–27.
@Suite struct InstrumentPHQ9Tests {
    let phq9 = ShippedInstruments.definition("phq9")

    @Test func workedExampleModerateWithSelfHarmAlert() {
        // Items 1–9 scored 1,2,2,1,1,2,2,1,2 → 14, "moderate" (10–14) in Kroenke 2001 Table 3; item 9 > 0.
        let result = phq9.evaluate(frequencies([1, 2, 2, 1, 1, 2, 2, 1, 2], prefix: "phq9_"))
        let total = result.score("total")
        #expect(total?.value == 14)
        #expect(total?.bandLabel == "Moderate")
        #expect(result.findings == [AssessmentFinding(problem: "depression-risk", title: "Depression risk", reason: "PHQ-9 total 14 ≥ 10", instrumentID: "phq9")])
        #expect(result.alerts.count == 1)
        #expect(result.alerts.first?.urgency == .urgent)
        #expect(result.alerts.first?.task == "Patient reported thoughts of self-harm; contact today and follow the agency's suicide-risk protocol.")
        #expect(result.alerts.first?.reason == "Thoughts of self-harm: More than half the days")
    }

    @Test(arguments: [(0, "Minimal"), (4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"), (14, "Moderate"),
                      (15, "Moderately severe"), (19, "Moderately severe"), (20, "Severe"), (27, "Severe")])
    func bandBoundaries(total: Int, label: String) {
        // Spread the total over items 1–8 (item 9 stays 0, so no alert), then item 9 for totals above 24.
        var scores = Array(repeating: 0, count: 9)
        var left = total
        for index in 0..<9 where left > 0 { scores[index] = min(3, left); left -= scores[index] }
        let result = phq9.evaluate(frequencies(scores, prefix: "phq9_"))
        #expect(result.score("total")?.value == Double(total))
        #expect(result.score("total")?.bandLabel == label)
        #expect(result.findings.isEmpty == (total < 10))
    }

    @Test func notAtAllOnItemNineRaisesNoAlert() {
        #expect(phq9.evaluate(frequencies([3, 3, 3, 3, 3, 3, 3, 3, 0], prefix: "phq9_")).alerts.isEmpty)
        #expect(phq9.evaluate(frequencies([0, 0, 0, 0, 0, 0, 0, 0, 1], prefix: "phq9_")).alerts.map(\.id) == ["self-harm"])
    }

    @Test func incompleteAnswersAreNotScoredButTheAlertStillFires() {
        var answers = frequencies([1, 1, 1, 1, 1, 1, 1, 1, 3], prefix: "phq9_")
        answers["phq9_5"] = nil
        let result = phq9.evaluate(answers)
        #expect(result.score("total")?.value == nil)
        #expect(result.score("total")?.missingItems == ["phq9_5"])
        #expect(result.score("total")?.displayValue == "—")
        #expect(result.findings.isEmpty)
        #expect(result.alerts.map(\.id) == ["self-harm"]) // a safety answer must not wait for the rest of the form
    }

    @Test func difficultyQuestionIsOptionalAndUnscored() {
        var answers = frequencies([0, 0, 0, 0, 0, 0, 0, 0, 0], prefix: "phq9_")
        #expect(phq9.problems(answers, forSigning: true).isEmpty)
        answers["phq9_difficulty"] = .choice("very")
        #expect(phq9.evaluate(answers).score("total")?.value == 0)
    }
}

/// PHQ-2 (Kroenke, Spitzer & Williams, Med Care 2003): items 1–2 of the PHQ-9, 0–6, a score ≥ 3 is a positive screen.
@Suite struct InstrumentPHQ2Tests {
    let phq2 = ShippedInstruments.definition("phq2")

    @Test func threeIsAPositiveScreen() {
        // "Several days" (1) + "More than half the days" (2) = 3 → positive, the published cut-point.
        let positive = phq2.evaluate(frequencies([1, 2], prefix: "phq2_"))
        #expect(positive.score("total")?.value == 3)
        #expect(positive.score("total")?.bandLabel == "Positive screen")
        #expect(positive.findings.map(\.reason) == ["PHQ-2 total 3 ≥ 3"])
        let negative = phq2.evaluate(frequencies([1, 1], prefix: "phq2_"))
        #expect(negative.score("total")?.bandLabel == "Negative screen")
        #expect(negative.findings.isEmpty)
        #expect(phq2.evaluate(frequencies([3, 3], prefix: "phq2_")).score("total")?.value == 6)
    }
}
