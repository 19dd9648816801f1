import Foundation
import Testing
@testable import HearthCore

/// Answers are stored as JSON for drafts: one single-key object per item, dates as YYYY-MM-DD.
@Suite struct AssessmentAnswerStorageTests {
    @Test func answersRoundTripAsReadableJSON() throws {
        let answers = AssessmentAnswers([
            "mood": .choice("several_days"), "risks": .choices(["weight_loss", "exhaustion"]), "spo2": .number(94),
            "visit": .date(CalendarDate("2026-03-09")!), "oxygen": .yesNo(true), "goal": .text("Walk to church"),
            "where": .bodyAreas([.leftKnee, .sacrumCoccyx]),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(answers), as: UTF8.self)
        #expect(json.contains(#""visit":{"date":"2026-03-09"}"#))
        #expect(json.contains(#""where":{"bodyAreas":["left_knee","sacrum_coccyx"]}"#))
        #expect(json.contains(#""mood":{"choice":"several_days"}"#))
        #expect(try JSONDecoder().decode(AssessmentAnswers.self, from: Data(json.utf8)) == answers)
    }

    @Test func malformedStoredAnswersAreRefused() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AssessmentAnswers.self, from: Data(#"{"a":{"date":"2026-02-30"}}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AssessmentAnswers.self, from: Data(#"{"a":{"number":1,"text":"x"}}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AssessmentAnswers.self, from: Data(#"{"a":{"bodyAreas":["tail"]}}"#.utf8)) }
    }

    @Test func bodyAreaTitlesReadNaturally() {
        #expect(BodyArea.leftLowerLeg.title == "Left lower leg")
        #expect(BodyArea.sacrumCoccyx.title == "Sacrum / coccyx")
        #expect(Set(BodyArea.allCases.map(\.rawValue)).count == BodyArea.allCases.count)
    }
}

/// Reading the tablet form: what a person typed becomes an answer, or a message saying what to enter.
@Suite struct AssessmentFormTests {
    let pain = ShippedInstruments.definition("pain")
    let home = ShippedInstruments.definition("home-assessment")

    @Test func numbersMustBeInRange() {
        let score = pain.item("pain_score")!
        #expect(score.read(form: [" 7 "]) == .answered(.number(7)))
        #expect(score.read(form: ["11"]) == .invalid("Enter a whole number between 0 and 10 (points)."))
        #expect(score.read(form: ["-1"]) == .invalid("Enter a whole number between 0 and 10 (points)."))
        #expect(score.read(form: ["6.5"]) == .invalid("Enter a whole number between 0 and 10 (points)."))
        #expect(score.read(form: ["seven"]) == .invalid("Enter a whole number between 0 and 10 (points)."))
        #expect(score.read(form: ["nan"]) == .invalid(score.numberPrompt))
        #expect(score.read(form: [""]) == .blank)
        #expect(home.item("oxygen_flow")!.read(form: ["2.5"]) == .answered(.number(2.5)))
        #expect(home.item("oxygen_flow")!.numberPrompt == "Enter a number between 0.5 and 15 (L/min).")
    }

    @Test func choicesYesNoDatesAndBodyAreas() {
        #expect(home.item("lives_with")!.read(form: ["alone"]) == .answered(.choice("alone")))
        #expect(home.item("lives_with")!.read(form: ["castle"]) == .invalid("Choose one of the listed answers."))
        // Checked boxes arrive in any order; answers keep the form's order.
        #expect(home.item("risk_factors")!.read(form: ["exhaustion", "weight_loss"]) == .answered(.choices(["weight_loss", "exhaustion"])))
        #expect(home.item("has_wound")!.read(form: ["yes"]) == .answered(.yesNo(true)))
        #expect(home.item("has_wound")!.read(form: ["perhaps"]) == .invalid("Choose Yes or No."))
        #expect(home.item("next_physician_visit")!.read(form: ["2026-03-09"]) == .answered(.date(CalendarDate("2026-03-09")!)))
        #expect(home.item("next_physician_visit")!.read(form: ["03/09/2026"]) == .invalid("Enter the date as YYYY-MM-DD, for example 2026-03-09."))
        #expect(home.item("pain_location")!.read(form: ["right_knee", "left_knee"]) == .answered(.bodyAreas([.leftKnee, .rightKnee])))
        #expect(home.item("pain_location")!.read(form: ["tail"]) == .invalid("Choose body areas from the list."))
        #expect(home.item("patient_goals")!.read(form: [String(repeating: "x", count: 4001)]) == .invalid(InstrumentItem.textTooLong))
    }

    @Test func readingASectionClearsBlanksAndKeepsOtherSections() {
        let before = AssessmentAnswers(["lives_with": .choice("alone"), "stairs_needed": .yesNo(true), "vision": .choice("adequate")])
        let reading = home.read(form: ["lives_with": ["spouse_partner"], "home_hazards": ["maybe"], "stairs_needed": [""]],
                                section: "living", into: before)
        #expect(reading.answers == AssessmentAnswers(["lives_with": .choice("spouse_partner"), "vision": .choice("adequate")]))
        #expect(reading.problems == ["home_hazards": "Choose Yes or No."])
    }
}

/// Checking answers against the instrument: issue 4 "Bad input" — out-of-range numbers, answers to hidden items,
/// missing required items at signing.
@Suite struct AssessmentAnswerProblemTests {
    let pain = ShippedInstruments.definition("pain")

    @Test func storedOutOfRangeNumberIsReported() {
        let problems = pain.problems(AssessmentAnswers(["pain_score": .number(12)]), forSigning: false)
        #expect(problems == ["pain_score": "Enter a whole number between 0 and 10 (points)."])
        #expect(pain.evaluate(AssessmentAnswers(["pain_score": .number(12)])).score("intensity")?.value == nil)
    }

    @Test func hiddenAnswersAreReported() {
        let answers = AssessmentAnswers(["pain_score": .number(0), "pain_location": .bodyAreas([.head])])
        #expect(pain.problems(answers, forSigning: false) == ["pain_location": "Answered but not asked (it depends on “Pain intensity”): clear it."])
    }

    @Test func requiredVisibleItemsOnlyAtSigning() {
        let draft = AssessmentAnswers(["pain_score": .number(4)])
        #expect(pain.problems(draft, forSigning: false).isEmpty) // a draft may be incomplete
        #expect(pain.problems(draft, forSigning: true) == ["pain_location": "Answer this question before signing."])
        #expect(pain.problems(AssessmentAnswers(), forSigning: true) == ["pain_score": "Answer this question before signing."])
        // Blank text or an empty pick does not count as an answer.
        let blank = AssessmentAnswers(["pain_score": .number(4), "pain_location": .bodyAreas([])])
        #expect(pain.problems(blank, forSigning: true)["pain_location"] != nil)
    }

    @Test func unknownCodesItemsAndWrongKinds() {
        let phq2 = ShippedInstruments.definition("phq2")
        let answers = AssessmentAnswers(["phq2_1": .choice("always"), "phq2_2": .number(1), "phq2_3": .choice("not_at_all")])
        let problems = phq2.problems(answers, forSigning: false)
        #expect(problems["phq2_1"] == "“always” is not one of the answers. Choose one of the listed answers.")
        #expect(problems["phq2_2"] == "This answer is the wrong kind for the question; answer it again.")
        #expect(problems["phq2_3"] == "This is not a question of PHQ-2; clear it.")
    }

    @Test func conditionsChainThroughHiddenItems() {
        // Pressure stage depends on wound type, which depends on "has a wound": a stale wound type does not reveal the stage.
        let home = ShippedInstruments.definition("home-assessment")
        let answers = AssessmentAnswers(["has_wound": .yesNo(false), "wound_type": .choice("pressure_injury")])
        let visible = home.visibleItemIDs(given: answers)
        #expect(!visible.contains("wound_type"))
        #expect(!visible.contains("pressure_stage"))
    }
}

/// Numbers read as a sentence on the signed assessment: "1 wound", not "1 wounds".
@Suite struct NumberWithUnitTests {
    @Test(arguments: [(1.0, "wounds", "1 wound"), (2, "wounds", "2 wounds"), (1, "cm", "1 cm"), (1, "mmHg", "1 mmHg"),
                      (1.5, "hours", "1.5 hours"), (1, "days", "1 day"), (0, "wounds", "0 wounds")])
    func singularForExactlyOne(value: Double, unit: String, text: String) {
        #expect(ScoreFormat.text(value, unit: unit) == text)
    }
}
