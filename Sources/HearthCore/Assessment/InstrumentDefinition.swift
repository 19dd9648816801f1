import Foundation

/// An assessment instrument as data: a versioned JSON file in `Resources/Instruments`, decoded and then validated.
public struct InstrumentDefinition: Sendable, Hashable, Codable {
    /// Stable id used in storage and URLs, e.g. `phq9`.
    public var id: String
    /// Bumped whenever items or scoring change, so a stored assessment says which wording it used.
    public var version: String
    public var title: String
    public var summary: String
    /// The published source the items and scoring follow.
    public var source: String
    /// Whether and how the text may be used (public domain, free to use, our own wording…).
    public var licence: String
    public var sections: [InstrumentSection]
    /// Named option lists shared by many items (PHQ's "Not at all" … "Nearly every day").
    public var optionSets: [String: [ChoiceOption]]
    public var scoring: [ScoringRule]
    /// The score the chart, the trend and the stored summary show for this instrument ("total" for LACE, not its L part).
    /// Required whenever the instrument scores; how Hearth presents a score, not what was asked, so it is not fingerprinted.
    public var headline: String?
    /// Whether the instrument carries the content a comprehensive assessment must have [42 CFR 484.55(c)], so that signing
    /// it can meet the comprehensive-assessment deadlines; a one-item scale filed as "start of care" cannot. Not fingerprinted.
    public var comprehensiveAssessment: Bool
    public var findings: [FindingRule]
    public var alerts: [SafetyAlertRule]

    public init(id: String, version: String, title: String, summary: String, source: String, licence: String,
                sections: [InstrumentSection], optionSets: [String: [ChoiceOption]] = [:], scoring: [ScoringRule] = [],
                headline: String? = nil, comprehensiveAssessment: Bool = false, findings: [FindingRule] = [], alerts: [SafetyAlertRule] = []) {
        self.id = id
        self.version = version
        self.title = title
        self.summary = summary
        self.source = source
        self.licence = licence
        self.sections = sections
        self.optionSets = optionSets
        self.scoring = scoring
        self.headline = headline
        self.comprehensiveAssessment = comprehensiveAssessment
        self.findings = findings
        self.alerts = alerts
        resolveOptionSets()
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        version = try c.decode(String.self, forKey: .version)
        title = try c.decode(String.self, forKey: .title)
        summary = try c.decode(String.self, forKey: .summary)
        source = try c.decode(String.self, forKey: .source)
        licence = try c.decode(String.self, forKey: .licence)
        sections = try c.decode([InstrumentSection].self, forKey: .sections)
        optionSets = try c.decodeIfPresent([String: [ChoiceOption]].self, forKey: .optionSets) ?? [:]
        scoring = try c.decodeIfPresent([ScoringRule].self, forKey: .scoring) ?? []
        headline = try c.decodeIfPresent(String.self, forKey: .headline)
        comprehensiveAssessment = try c.decodeIfPresent(Bool.self, forKey: .comprehensiveAssessment) ?? false
        findings = try c.decodeIfPresent([FindingRule].self, forKey: .findings) ?? []
        alerts = try c.decodeIfPresent([SafetyAlertRule].self, forKey: .alerts) ?? []
        resolveOptionSets()
    }

    /// Copies a named option set into each item that uses it; an unknown set is left for validation to report.
    private mutating func resolveOptionSets() {
        for s in sections.indices {
            for i in sections[s].items.indices {
                guard let name = sections[s].items[i].optionSet, sections[s].items[i].options.isEmpty else { continue }
                sections[s].items[i].options = optionSets[name] ?? []
            }
        }
    }

    /// Every item in form order.
    public var items: [InstrumentItem] { sections.flatMap(\.items) }

    public func item(_ id: String) -> InstrumentItem? { items.first { $0.id == id } }

    public func rule(_ id: String) -> ScoringRule? { scoring.first { $0.id == id } }

    /// Keys that say how Hearth uses an instrument, not what it asks or how it scores: changing them does not change
    /// what a clinician saw or signed, so they are left out of a version's fingerprint and may be corrected in place.
    public static let unfingerprintedKeys: Set<String> = ["headline", "comprehensiveAssessment"]
}

/// A page of the tablet form.
public struct InstrumentSection: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var items: [InstrumentItem]

    public init(id: String, title: String, items: [InstrumentItem]) {
        self.id = id
        self.title = title
        self.items = items
    }
}

/// The kinds of answer an item takes.
public enum InstrumentItemType: String, Sendable, Hashable, Codable, CaseIterable {
    case singleChoice, multiChoice, number, date, yesNo, text, bodyArea

    /// Items whose answer is a code that conditions can test with `equals` / `anyOf`.
    var answersWithCodes: Bool { self == .singleChoice || self == .multiChoice || self == .yesNo || self == .bodyArea }
}

/// One question.
public struct InstrumentItem: Sendable, Hashable, Codable {
    /// Unique in the instrument; also the HTML form field name.
    public var id: String
    public var text: String
    /// A short name for summaries and reasons ("Thoughts of self-harm"); the text is used when absent.
    public var label: String?
    public var hint: String?
    public var type: InstrumentItemType
    public var options: [ChoiceOption]
    public var optionSet: String?
    public var unit: String?
    public var min: Double?
    public var max: Double?
    public var integerOnly: Bool
    public var required: Bool
    /// Asked only when an earlier answer meets this condition.
    public var showWhen: AnswerCondition?

    public init(id: String, text: String, type: InstrumentItemType, label: String? = nil, hint: String? = nil,
                options: [ChoiceOption] = [], optionSet: String? = nil, unit: String? = nil, min: Double? = nil,
                max: Double? = nil, integerOnly: Bool = false, required: Bool = false, showWhen: AnswerCondition? = nil) {
        self.id = id
        self.text = text
        self.type = type
        self.label = label
        self.hint = hint
        self.options = options
        self.optionSet = optionSet
        self.unit = unit
        self.min = min
        self.max = max
        self.integerOnly = integerOnly
        self.required = required
        self.showWhen = showWhen
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        text = try c.decode(String.self, forKey: .text)
        type = try c.decode(InstrumentItemType.self, forKey: .type)
        label = try c.decodeIfPresent(String.self, forKey: .label)
        hint = try c.decodeIfPresent(String.self, forKey: .hint)
        options = try c.decodeIfPresent([ChoiceOption].self, forKey: .options) ?? []
        optionSet = try c.decodeIfPresent(String.self, forKey: .optionSet)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        min = try c.decodeIfPresent(Double.self, forKey: .min)
        max = try c.decodeIfPresent(Double.self, forKey: .max)
        integerOnly = try c.decodeIfPresent(Bool.self, forKey: .integerOnly) ?? false
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        showWhen = try c.decodeIfPresent(AnswerCondition.self, forKey: .showWhen)
    }

    /// What summaries call this item.
    public var name: String { label ?? text }

    public func option(_ code: String) -> ChoiceOption? { options.first { $0.code == code } }
}

/// A choice: the code is stored, the label is shown, the score feeds sums.
public struct ChoiceOption: Sendable, Hashable, Codable {
    public var code: String
    public var label: String
    public var score: Double?

    public init(code: String, label: String, score: Double? = nil) {
        self.code = code
        self.label = label
        self.score = score
    }
}

/// A test on one earlier answer (for `showWhen`, findings and alerts) or on a score (findings and alerts only).
/// `equals` / `anyOf` test codes: a choice, any of several picked choices, "yes"/"no", a body area.
/// `atLeast` / `atMost` test a number answer or a score; all tests given must hold.
public struct AnswerCondition: Sendable, Hashable, Codable {
    public var item: String?
    public var rule: String?
    public var equals: String?
    public var anyOf: [String]?
    public var atLeast: Double?
    public var atMost: Double?

    public init(item: String? = nil, rule: String? = nil, equals: String? = nil, anyOf: [String]? = nil,
                atLeast: Double? = nil, atMost: Double? = nil) {
        self.item = item
        self.rule = rule
        self.equals = equals
        self.anyOf = anyOf
        self.atLeast = atLeast
        self.atMost = atMost
    }

    var testsCodes: Bool { equals != nil || anyOf != nil }
    var testsNumber: Bool { atLeast != nil || atMost != nil }

    /// Whether an answer meets the condition; a missing answer never does.
    public func isMet(by answer: AssessmentAnswer?) -> Bool {
        guard let answer else { return false }
        if case .number(let value) = answer { return isMet(by: value) }
        guard !testsNumber, let codes = answer.codes else { return false }
        if let equals, !codes.contains(equals) { return false }
        if let anyOf, !codes.contains(where: anyOf.contains) { return false }
        return testsCodes
    }

    public func isMet(by value: Double) -> Bool {
        guard !testsCodes, testsNumber else { return false }
        if let atLeast, value < atLeast { return false }
        if let atMost, value > atMost { return false }
        return true
    }

    /// "≥ 10", "≤ 4", "4–6", "= yes", "any of a, b" for reasons and error lines.
    var testDescription: String {
        switch (atLeast, atMost) {
        case let (low?, high?): return "\(ScoreFormat.text(low))–\(ScoreFormat.text(high))"
        case let (low?, nil): return "≥ \(ScoreFormat.text(low))"
        case let (nil, high?): return "≤ \(ScoreFormat.text(high))"
        case (nil, nil): return equals.map { "= \($0)" } ?? "any of \((anyOf ?? []).joined(separator: ", "))"
        }
    }
}
