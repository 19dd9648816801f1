/// The checks a definition must pass before Hearth will use it; each throws the first fault it meets.
struct InstrumentValidator {
    typealias Problem = InstrumentDefinitionProblem
    let definition: InstrumentDefinition
    /// Item ids in form order, so a condition can be checked to point backwards.
    private let order: [String: Int]

    init(definition: InstrumentDefinition) {
        self.definition = definition
        order = Dictionary(definition.items.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func check() throws(Problem) {
        try checkHeader()
        try checkSectionsAndItems()
        for item in definition.items {
            try checkItem(item)
            if let condition = item.showWhen { try checkShowWhen(condition, of: item) }
        }
        try checkRules()
        for finding in definition.findings {
            try checkIdentifier(finding.problem)
            guard !finding.title.isEmpty else { throw .missingText("title of finding '\(finding.problem)'") }
            try checkOutcomeCondition(finding.when, owner: "finding '\(finding.problem)'")
        }
        for alert in definition.alerts {
            try checkIdentifier(alert.id)
            guard !alert.task.isEmpty else { throw .missingText("task of alert '\(alert.id)'") }
            try checkOutcomeCondition(alert.when, owner: "alert '\(alert.id)'")
        }
        try checkHeadline()
    }

    /// An instrument that scores names the score it is known by, so a part (LACE's L) is never shown as the result.
    private func checkHeadline() throws(Problem) {
        guard let headline = definition.headline else {
            if definition.scoring.isEmpty { return }
            throw .noHeadline(definition.scoring.map(\.id))
        }
        guard definition.rule(headline) != nil else { throw .unknownHeadline(headline) }
    }

    private func checkHeader() throws(Problem) {
        try checkIdentifier(definition.id)
        for (field, value) in [("version", definition.version), ("title", definition.title), ("source", definition.source),
                               ("licence", definition.licence)] where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .missingText(field)
        }
        guard InstrumentVersion(definition.version) != nil else { throw .badVersion(definition.version) }
    }

    private func checkSectionsAndItems() throws(Problem) {
        guard !definition.items.isEmpty else { throw .noItems }
        var sections: Set<String> = []
        var items: Set<String> = []
        for section in definition.sections {
            try checkIdentifier(section.id)
            guard sections.insert(section.id).inserted else { throw .duplicateSection(section.id) }
            for item in section.items {
                try checkIdentifier(item.id)
                guard items.insert(item.id).inserted else { throw .duplicateItem(item.id) }
            }
        }
    }

    private func checkItem(_ item: InstrumentItem) throws(Problem) {
        guard !item.text.isEmpty else { throw .missingText("text of item '\(item.id)'") }
        let isChoice = item.type == .singleChoice || item.type == .multiChoice
        if let set = item.optionSet, definition.optionSets[set] == nil { throw .unknownOptionSet(item: item.id, set: set) }
        if isChoice && item.options.isEmpty { throw .noOptions(item: item.id) }
        if !isChoice && !item.options.isEmpty { throw .optionsOnNonChoice(item: item.id) }
        var codes: Set<String> = []
        for option in item.options {
            guard !option.code.isEmpty, !option.label.isEmpty else { throw .missingText("an option code or label of item '\(item.id)'") }
            guard codes.insert(option.code).inserted else { throw .duplicateOption(item: item.id, code: option.code) }
        }
        if let min = item.min, let max = item.max, min > max { throw .numberRange(item: item.id, min: min, max: max) }
    }

    private func checkShowWhen(_ condition: AnswerCondition, of item: InstrumentItem) throws(Problem) {
        let owner = "showWhen of item '\(item.id)'"
        guard condition.rule == nil, let target = condition.item else {
            throw .conditionMismatch(owner: owner, detail: "give the earlier item it depends on (scores cannot hide items)")
        }
        guard let targetIndex = order[target] else { throw .conditionUnknownItem(owner: owner, item: target) }
        guard let ownIndex = order[item.id], targetIndex < ownIndex else { throw .conditionLaterItem(owner: owner, item: target) }
        try checkTests(condition, against: definition.items[targetIndex], owner: owner)
    }

    /// Findings and alerts test either one item or one score.
    private func checkOutcomeCondition(_ condition: AnswerCondition, owner: String) throws(Problem) {
        switch (condition.item, condition.rule) {
        case (let itemID?, nil):
            guard let item = definition.item(itemID) else { throw .conditionUnknownItem(owner: owner, item: itemID) }
            try checkTests(condition, against: item, owner: owner)
        case (nil, let ruleID?):
            guard definition.rule(ruleID) != nil else { throw .ruleUnknownRule(rule: owner, reference: ruleID) }
            guard condition.testsNumber, !condition.testsCodes else {
                throw .conditionMismatch(owner: owner, detail: "a score is tested with atLeast / atMost")
            }
        default:
            throw .conditionMismatch(owner: owner, detail: "give exactly one of item or rule")
        }
    }

    /// The tests must suit the item: codes it can take for choices, yes/no and body areas; numbers for number items.
    private func checkTests(_ condition: AnswerCondition, against item: InstrumentItem, owner: String) throws(Problem) {
        guard condition.testsCodes || condition.testsNumber else {
            throw .conditionMismatch(owner: owner, detail: "give a test (equals, anyOf, atLeast or atMost)")
        }
        if item.type == .number {
            guard !condition.testsCodes else { throw .conditionMismatch(owner: owner, detail: "number item '\(item.id)' is tested with atLeast / atMost") }
            return
        }
        guard item.type.answersWithCodes, !condition.testsNumber else {
            throw .conditionMismatch(owner: owner, detail: "item '\(item.id)' (\(item.type.rawValue)) cannot be tested that way")
        }
        let allowed: Set<String> = switch item.type {
        case .yesNo: ["yes", "no"]
        case .bodyArea: Set(BodyArea.allCases.map(\.rawValue))
        default: Set(item.options.map(\.code))
        }
        let codes = (condition.equals.map { [$0] } ?? []) + (condition.anyOf ?? [])
        for code in codes where !allowed.contains(code) {
            throw .conditionMismatch(owner: owner, detail: "'\(code)' is not an answer item '\(item.id)' can have")
        }
    }

    private func checkIdentifier(_ id: String) throws(Problem) {
        guard id.wholeMatch(of: /[a-z0-9][a-z0-9_\-]*/) != nil else { throw .badIdentifier(id) }
    }
}

extension InstrumentValidator {
    private func checkRules() throws(Problem) {
        var defined: Set<String> = []
        for rule in definition.scoring {
            try checkIdentifier(rule.id)
            guard !rule.title.isEmpty else { throw .missingText("title of score rule '\(rule.id)'") }
            guard !defined.contains(rule.id) else { throw .duplicateRule(rule.id) }
            try checkShape(of: rule)
            for reference in rule.allTerms.compactMap(\.rule) where !defined.contains(reference) {
                throw .ruleUnknownRule(rule: rule.id, reference: reference)
            }
            for itemID in rule.itemReferences {
                guard let item = definition.item(itemID) else { throw .ruleUnknownItem(rule: rule.id, item: itemID) }
                try checkScorable(item, in: rule)
            }
            try checkBands(rule.points, rule: rule.id)
            try checkBands(rule.bands, rule: rule.id)
            for override in rule.overrides {
                let owner = "override '\(override.label)' of score rule '\(rule.id)'"
                guard !override.label.isEmpty, !override.interpretation.isEmpty else { throw .missingText("label or interpretation of an override of score rule '\(rule.id)'") }
                guard override.when.rule == nil else { throw .conditionMismatch(owner: owner, detail: "test an item (an answer), not a score") }
                try checkOutcomeCondition(override.when, owner: owner)
            }
            defined.insert(rule.id)
        }
    }

    /// Each kind needs its own fields and no others, so a typo cannot silently score zero.
    private func checkShape(of rule: ScoringRule) throws(Problem) {
        switch rule.kind {
        case .sum:
            guard !rule.items.isEmpty || !rule.rules.isEmpty else { throw .ruleShape(rule: rule.id, detail: "sums nothing (give items or rules)") }
            guard rule.terms.isEmpty, rule.item == nil, rule.points.isEmpty else { throw .ruleShape(rule: rule.id, detail: "is a sum: use items and rules only") }
        case .weightedSum:
            guard !rule.terms.isEmpty else { throw .ruleShape(rule: rule.id, detail: "has no terms") }
            guard rule.items.isEmpty, rule.rules.isEmpty, rule.item == nil, rule.points.isEmpty else {
                throw .ruleShape(rule: rule.id, detail: "is a weighted sum: use terms only")
            }
            for term in rule.terms where (term.item == nil) == (term.rule == nil) {
                throw .ruleShape(rule: rule.id, detail: "has a term without exactly one of item or rule")
            }
        case .points:
            guard rule.item != nil, !rule.points.isEmpty else { throw .ruleShape(rule: rule.id, detail: "needs an item and points bands") }
            guard rule.items.isEmpty, rule.rules.isEmpty, rule.terms.isEmpty else { throw .ruleShape(rule: rule.id, detail: "is a points lookup: use item and points only") }
        }
    }

    private func checkScorable(_ item: InstrumentItem, in rule: ScoringRule) throws(Problem) {
        if rule.kind == .points {
            guard item.type == .number else { throw .ruleShape(rule: rule.id, detail: "looks up item '\(item.id)', which is not a number item") }
            return
        }
        switch item.type {
        case .yesNo, .number: return
        case .singleChoice, .multiChoice:
            guard item.options.allSatisfy({ $0.score != nil }) else { throw .unscorableItem(rule: rule.id, item: item.id) }
        case .date, .text, .bodyArea:
            throw .unscorableItem(rule: rule.id, item: item.id)
        }
    }

    private func checkBands(_ bands: [some ScoreRange], rule: String) throws(Problem) {
        for (index, band) in bands.enumerated() {
            if let min = band.min, let max = band.max, min > max { throw .emptyBand(rule: rule, band: "\(ScoreFormat.text(min))–\(ScoreFormat.text(max))") }
            for other in bands[..<index] where band.overlaps(other) {
                throw .overlappingBands(rule: rule, first: other.rangeText, second: band.rangeText)
            }
        }
    }
}
