import Foundation
import Testing
@testable import HearthCore

/// Builds a one-section instrument from JSON fragments and returns what validation says is wrong with it.
private func fault(items: String, scoring: String = "[]", findings: String = "[]", alerts: String = "[]",
                   header: String = #""id": "broken", "version": "1""#) -> InstrumentDefinitionProblem? {
    let json = """
    { \(header), "title": "Broken", "summary": "", "source": "test", "licence": "test",
      "sections": [{ "id": "main", "title": "Main", "items": \(items) }],
      "scoring": \(scoring), "findings": \(findings), "alerts": \(alerts) }
    """
    do {
        _ = try InstrumentDefinition(json: Data(json.utf8), source: "broken.json")
        return nil
    } catch {
        return error.problem
    }
}

private let yesNoItems = #"[{ "id": "a", "text": "A?", "type": "yesNo" }, { "id": "b", "text": "B?", "type": "yesNo" }]"#
private let scoredChoice = #"[{ "id": "a", "text": "A?", "type": "singleChoice", "options": [{ "code": "x", "label": "X", "score": 0 }, { "code": "y", "label": "Y", "score": 1 }] }]"#

/// Broken definitions stop start-up with one line (issue 4, "Bad input"): every rule the validator enforces.
@Suite struct InstrumentValidationTests {
    @Test func aValidFragmentPasses() {
        #expect(fault(items: yesNoItems, scoring: #"[{ "id": "t", "title": "T", "kind": "sum", "items": ["a", "b"] }]"#,
                      header: #""id": "broken", "version": "1", "headline": "t""#) == nil)
    }

    /// Issue 18, finding 8: an instrument that scores names the score shown as its result.
    @Test func aScoredInstrumentNamesAnExistingHeadline() {
        let scoring = #"[{ "id": "t", "title": "T", "kind": "sum", "items": ["a", "b"] }]"#
        #expect(fault(items: yesNoItems, scoring: scoring) == .noHeadline(["t"]))
        #expect(fault(items: yesNoItems, scoring: scoring, header: #""id": "broken", "version": "1", "headline": "x""#) == .unknownHeadline("x"))
        #expect(fault(items: yesNoItems) == nil, "an unscored instrument needs none")
    }

    @Test func anOverrideTestsAnAnswer() {
        let override = #"[{ "id": "t", "title": "T", "kind": "sum", "items": ["a"], "overrides": [{ "when": { "rule": "t", "atLeast": 1 }, "label": "L", "interpretation": "I" }] }]"#
        #expect(fault(items: yesNoItems, scoring: override) == .conditionMismatch(owner: "override 'L' of score rule 't'", detail: "test an item (an answer), not a score"))
        let unknown = #"[{ "id": "t", "title": "T", "kind": "sum", "items": ["a"], "overrides": [{ "when": { "item": "zz", "equals": "yes" }, "label": "L", "interpretation": "I" }] }]"#
        #expect(fault(items: yesNoItems, scoring: unknown) == .conditionUnknownItem(owner: "override 'L' of score rule 't'", item: "zz"))
    }

    @Test func errorIsOneLineNamingFileInstrumentAndFault() {
        let items = #"[{ "id": "a", "text": "A?", "type": "yesNo" }, { "id": "a", "text": "Again?", "type": "yesNo" }]"#
        let json = #"{"id":"broken","version":"1","title":"B","summary":"","source":"s","licence":"l","sections":[{"id":"m","title":"M","items":"# + items + "}]}"
        #expect(throws: InstrumentDefinitionError(source: "broken.json", instrument: "broken", problem: .duplicateItem("a"))) {
            try InstrumentDefinition(json: Data(json.utf8), source: "broken.json")
        }
        let error = InstrumentDefinitionError(source: "broken.json", instrument: "broken", problem: .duplicateItem("a"))
        #expect(error.description == "Instrument definition broken.json (broken): item 'a' is defined twice. Fix the file and restart.")
    }

    @Test func duplicateItemIDs() {
        #expect(fault(items: #"[{ "id": "a", "text": "A?", "type": "yesNo" }, { "id": "a", "text": "A2?", "type": "text" }]"#) == .duplicateItem("a"))
    }

    @Test func badIdentifiersAndMissingText() {
        #expect(fault(items: #"[{ "id": "A B", "text": "A?", "type": "yesNo" }]"#) == .badIdentifier("A B"))
        #expect(fault(items: yesNoItems, header: #""id": "broken", "version": """#) == .missingText("version"))
        #expect(fault(items: "[]") == .noItems)
        #expect(fault(items: #"[{ "id": "a", "text": "A?", "type": "slider" }]"#).map { "\($0)" }?.contains("sections[0].items[0].type") == true)
    }

    @Test func choiceItemsNeedDistinctOptions() {
        #expect(fault(items: #"[{ "id": "a", "text": "A?", "type": "singleChoice" }]"#) == .noOptions(item: "a"))
        #expect(fault(items: #"[{ "id": "a", "text": "A?", "type": "multiChoice", "options": [{ "code": "x", "label": "X" }, { "code": "x", "label": "Again" }] }]"#)
            == .duplicateOption(item: "a", code: "x"))
        #expect(fault(items: #"[{ "id": "a", "text": "A?", "type": "singleChoice", "optionSet": "nope" }]"#) == .unknownOptionSet(item: "a", set: "nope"))
        #expect(fault(items: #"[{ "id": "a", "text": "A?", "type": "yesNo", "options": [{ "code": "x", "label": "X" }] }]"#) == .optionsOnNonChoice(item: "a"))
    }

    @Test func numberMinAboveMax() {
        #expect(fault(items: #"[{ "id": "a", "text": "A?", "type": "number", "min": 10, "max": 0 }]"#) == .numberRange(item: "a", min: 10, max: 0))
    }

    @Test func showWhenMustPointToAnEarlierItem() {
        let unknown = #"[{ "id": "a", "text": "A?", "type": "yesNo", "showWhen": { "item": "zz", "equals": "yes" } }]"#
        #expect(fault(items: unknown) == .conditionUnknownItem(owner: "showWhen of item 'a'", item: "zz"))
        let later = #"[{ "id": "a", "text": "A?", "type": "yesNo", "showWhen": { "item": "b", "equals": "yes" } }, { "id": "b", "text": "B?", "type": "yesNo" }]"#
        #expect(fault(items: later) == .conditionLaterItem(owner: "showWhen of item 'a'", item: "b"))
        let itself = #"[{ "id": "a", "text": "A?", "type": "yesNo", "showWhen": { "item": "a", "equals": "yes" } }]"#
        #expect(fault(items: itself) == .conditionLaterItem(owner: "showWhen of item 'a'", item: "a"))
    }

    @Test func showWhenTestsMustSuitTheItem() {
        let badCode = #"[{ "id": "a", "text": "A?", "type": "yesNo" }, { "id": "b", "text": "B?", "type": "text", "showWhen": { "item": "a", "equals": "maybe" } }]"#
        #expect(fault(items: badCode) == .conditionMismatch(owner: "showWhen of item 'b'", detail: "'maybe' is not an answer item 'a' can have"))
        let numberOnChoice = #"[{ "id": "a", "text": "A?", "type": "yesNo" }, { "id": "b", "text": "B?", "type": "text", "showWhen": { "item": "a", "atLeast": 1 } }]"#
        #expect(fault(items: numberOnChoice) != nil)
        let noTest = #"[{ "id": "a", "text": "A?", "type": "yesNo" }, { "id": "b", "text": "B?", "type": "text", "showWhen": { "item": "a" } }]"#
        #expect(fault(items: noTest) == .conditionMismatch(owner: "showWhen of item 'b'", detail: "give a test (equals, anyOf, atLeast or atMost)"))
    }

    @Test func scoreRulesMustReferenceKnownScorableItems() {
        #expect(fault(items: yesNoItems, scoring: #"[{ "id": "t", "title": "T", "kind": "sum", "items": ["a", "zz"] }]"#) == .ruleUnknownItem(rule: "t", item: "zz"))
        let text = #"[{ "id": "a", "text": "A?", "type": "text" }]"#
        #expect(fault(items: text, scoring: #"[{ "id": "t", "title": "T", "kind": "sum", "items": ["a"] }]"#) == .unscorableItem(rule: "t", item: "a"))
        let unscored = #"[{ "id": "a", "text": "A?", "type": "singleChoice", "options": [{ "code": "x", "label": "X" }] }]"#
        #expect(fault(items: unscored, scoring: #"[{ "id": "t", "title": "T", "kind": "sum", "items": ["a"] }]"#) == .unscorableItem(rule: "t", item: "a"))
        #expect(fault(items: yesNoItems, scoring: #"[{ "id": "t", "title": "T", "kind": "points", "item": "a", "points": [{ "min": 0, "points": 1 }] }]"#)
            == .ruleShape(rule: "t", detail: "looks up item 'a', which is not a number item"))
    }

    @Test func ruleReferencesMustBeEarlierRules() {
        let scoring = #"[{ "id": "total", "title": "T", "kind": "sum", "rules": ["part"] }, { "id": "part", "title": "P", "kind": "sum", "items": ["a"] }]"#
        #expect(fault(items: yesNoItems, scoring: scoring) == .ruleUnknownRule(rule: "total", reference: "part"))
        let weighted = #"[{ "id": "t", "title": "T", "kind": "weightedSum", "terms": [{ "rule": "missing", "weight": 2 }] }]"#
        #expect(fault(items: yesNoItems, scoring: weighted) == .ruleUnknownRule(rule: "t", reference: "missing"))
        let twice = #"[{ "id": "t", "title": "T", "kind": "sum", "items": ["a"] }, { "id": "t", "title": "T", "kind": "sum", "items": ["b"] }]"#
        #expect(fault(items: yesNoItems, scoring: twice) == .duplicateRule("t"))
    }

    @Test func ruleShapeMatchesItsKind() {
        #expect(fault(items: yesNoItems, scoring: #"[{ "id": "t", "title": "T", "kind": "sum" }]"#) == .ruleShape(rule: "t", detail: "sums nothing (give items or rules)"))
        #expect(fault(items: yesNoItems, scoring: #"[{ "id": "t", "title": "T", "kind": "weightedSum", "items": ["a"] }]"#) == .ruleShape(rule: "t", detail: "has no terms"))
        #expect(fault(items: yesNoItems, scoring: #"[{ "id": "t", "title": "T", "kind": "weightedSum", "terms": [{ "weight": 1 }] }]"#)
            == .ruleShape(rule: "t", detail: "has a term without exactly one of item or rule"))
        #expect(fault(items: yesNoItems, scoring: #"[{ "id": "t", "title": "T", "kind": "points", "item": "a" }]"#) == .ruleShape(rule: "t", detail: "needs an item and points bands"))
    }

    @Test func bandsMustNotOverlap() {
        let overlapping = #"[{ "id": "t", "title": "T", "kind": "sum", "items": ["a"], "bands": [{ "min": 0, "max": 4, "label": "L", "interpretation": "" }, { "min": 4, "max": 9, "label": "M", "interpretation": "" }] }]"#
        #expect(fault(items: scoredChoice, scoring: overlapping) == .overlappingBands(rule: "t", first: "0–4", second: "4–9"))
        let openEnded = #"[{ "id": "t", "title": "T", "kind": "sum", "items": ["a"], "bands": [{ "min": 5, "label": "H", "interpretation": "" }, { "min": 0, "max": 7, "label": "L", "interpretation": "" }] }]"#
        #expect(fault(items: scoredChoice, scoring: openEnded) == .overlappingBands(rule: "t", first: "≥ 5", second: "0–7"))
        let points = #"[{ "id": "a", "text": "A?", "type": "number" }]"#
        let overlappingPoints = #"[{ "id": "t", "title": "T", "kind": "points", "item": "a", "points": [{ "min": 0, "max": 3, "points": 0 }, { "min": 3, "points": 1 }] }]"#
        #expect(fault(items: points, scoring: overlappingPoints) == .overlappingBands(rule: "t", first: "0–3", second: "≥ 3"))
        let inverted = #"[{ "id": "t", "title": "T", "kind": "sum", "items": ["a"], "bands": [{ "min": 3, "max": 1, "label": "L", "interpretation": "" }] }]"#
        #expect(fault(items: scoredChoice, scoring: inverted) == .emptyBand(rule: "t", band: "3–1"))
    }

    @Test func findingsAndAlertsMustReferenceKnownItemsAndRules() {
        let scoring = #"[{ "id": "t", "title": "T", "kind": "sum", "items": ["a"] }]"#
        #expect(fault(items: yesNoItems, scoring: scoring, findings: #"[{ "problem": "p", "title": "P", "when": { "rule": "nope", "atLeast": 1 } }]"#)
            == .ruleUnknownRule(rule: "finding 'p'", reference: "nope"))
        #expect(fault(items: yesNoItems, findings: #"[{ "problem": "p", "title": "P", "when": { "item": "nope", "equals": "yes" } }]"#)
            == .conditionUnknownItem(owner: "finding 'p'", item: "nope"))
        #expect(fault(items: yesNoItems, scoring: scoring, findings: #"[{ "problem": "p", "title": "P", "when": { "rule": "t", "equals": "yes" } }]"#)
            == .conditionMismatch(owner: "finding 'p'", detail: "a score is tested with atLeast / atMost"))
        #expect(fault(items: yesNoItems, alerts: #"[{ "id": "x", "urgency": "urgent", "task": "Call", "when": { "item": "a", "rule": "t", "equals": "yes" } }]"#)
            == .conditionMismatch(owner: "alert 'x'", detail: "give exactly one of item or rule"))
        #expect(fault(items: yesNoItems, alerts: #"[{ "id": "x", "urgency": "urgent", "task": "", "when": { "item": "a", "equals": "yes" } }]"#)
            == .missingText("task of alert 'x'"))
    }

    @Test func everyShippedDefinitionPassesValidation() throws {
        for definition in ShippedInstruments.catalog.instruments {
            try definition.validate(source: "\(definition.id).json")
        }
    }
}
