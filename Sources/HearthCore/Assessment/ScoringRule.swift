import Foundation

/// How an instrument turns answers into a score.
/// `sum` adds item values and earlier scores (sub-scores); `weightedSum` multiplies each term by its weight;
/// `points` looks a number answer up in bands (LACE: 4–6 days in hospital → 4 points).
/// An item's value is its option's score, the sum of picked options' scores, 1 for yes and 0 for no, or the number.
public struct ScoringRule: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case sum, weightedSum, points
    }

    public var id: String
    public var title: String
    public var kind: Kind
    /// `sum`: items added with weight 1.
    public var items: [String]
    /// `sum`: earlier rules added with weight 1.
    public var rules: [String]
    /// `weightedSum`: items or earlier rules with their weights.
    public var terms: [WeightedTerm]
    /// `points`: the number item looked up.
    public var item: String?
    public var points: [PointsBand]
    /// What the score means; optional for parts that only feed a total.
    public var bands: [InterpretationBand]
    /// Answers that put the score in a band whatever its value, tried in order (STEADI's key questions: a fall in the
    /// past year screens the patient at risk even with a total under 4).
    public var overrides: [BandOverride]

    public init(id: String, title: String, kind: Kind, items: [String] = [], rules: [String] = [], terms: [WeightedTerm] = [],
                item: String? = nil, points: [PointsBand] = [], bands: [InterpretationBand] = [], overrides: [BandOverride] = []) {
        self.id = id
        self.title = title
        self.kind = kind
        self.items = items
        self.rules = rules
        self.terms = terms
        self.item = item
        self.points = points
        self.bands = bands
        self.overrides = overrides
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        kind = try c.decode(Kind.self, forKey: .kind)
        items = try c.decodeIfPresent([String].self, forKey: .items) ?? []
        rules = try c.decodeIfPresent([String].self, forKey: .rules) ?? []
        terms = try c.decodeIfPresent([WeightedTerm].self, forKey: .terms) ?? []
        item = try c.decodeIfPresent(String.self, forKey: .item)
        points = try c.decodeIfPresent([PointsBand].self, forKey: .points) ?? []
        bands = try c.decodeIfPresent([InterpretationBand].self, forKey: .bands) ?? []
        overrides = try c.decodeIfPresent([BandOverride].self, forKey: .overrides) ?? []
    }

    /// Every term as (item or rule, weight), whatever the kind; `points` has none.
    var allTerms: [WeightedTerm] {
        switch kind {
        case .sum: items.map { WeightedTerm(item: $0) } + rules.map { WeightedTerm(rule: $0) }
        case .weightedSum: terms
        case .points: []
        }
    }

    /// Item ids this rule reads directly.
    var itemReferences: [String] { allTerms.compactMap(\.item) + (item.map { [$0] } ?? []) }

    public func band(for value: Double) -> InterpretationBand? { bands.first { $0.contains(value) } }
}

/// One term of a weighted sum: an item or an earlier rule.
public struct WeightedTerm: Sendable, Hashable, Codable {
    public var item: String?
    public var rule: String?
    public var weight: Double

    public init(item: String? = nil, rule: String? = nil, weight: Double = 1) {
        self.item = item
        self.rule = rule
        self.weight = weight
    }
}

/// A closed number range; a missing bound is open (`min` only means "and above").
public protocol ScoreRange: Sendable {
    var min: Double? { get }
    var max: Double? { get }
}

extension ScoreRange {
    public func contains(_ value: Double) -> Bool { (min.map { value >= $0 } ?? true) && (max.map { value <= $0 } ?? true) }

    func overlaps(_ other: some ScoreRange) -> Bool {
        let low = Swift.max(min ?? -.infinity, other.min ?? -.infinity)
        let high = Swift.min(max ?? .infinity, other.max ?? .infinity)
        return low <= high
    }

    /// "0–4", "≥ 14", "≤ 0".
    public var rangeText: String {
        switch (min, max) {
        case let (low?, high?): low == high ? ScoreFormat.text(low) : "\(ScoreFormat.text(low))–\(ScoreFormat.text(high))"
        case let (low?, nil): "≥ \(ScoreFormat.text(low))"
        case let (nil, high?): "≤ \(ScoreFormat.text(high))"
        case (nil, nil): "any"
        }
    }
}

/// A range of answers worth a number of points.
public struct PointsBand: ScoreRange, Hashable, Codable {
    public var min: Double?
    public var max: Double?
    public var points: Double

    public init(min: Double?, max: Double?, points: Double) {
        self.min = min
        self.max = max
        self.points = points
    }
}

/// What a range of scores means.
public struct InterpretationBand: ScoreRange, Hashable, Codable {
    public var min: Double?
    public var max: Double?
    public var label: String
    public var interpretation: String

    public init(min: Double?, max: Double?, label: String, interpretation: String) {
        self.min = min
        self.max = max
        self.label = label
        self.interpretation = interpretation
    }
}

/// An answer that decides a score's band whatever the score: `when` tests one item; `label` and `interpretation`
/// are what the chart shows instead of the value's band.
public struct BandOverride: Sendable, Hashable, Codable {
    public var when: AnswerCondition
    public var label: String
    public var interpretation: String

    public init(when: AnswerCondition, label: String, interpretation: String) {
        self.when = when
        self.label = label
        self.interpretation = interpretation
    }
}

/// A care-plan problem an assessment suggests (PHQ-9 ≥ 10 → depression risk), for the care-plan feature to offer.
public struct FindingRule: Sendable, Hashable, Codable {
    /// Stable code the care plan keys on, e.g. `depression-risk`.
    public var problem: String
    public var title: String
    public var when: AnswerCondition

    public init(problem: String, title: String, when: AnswerCondition) {
        self.problem = problem
        self.title = title
        self.when = when
    }
}

/// An answer that must reach a person today (PHQ-9 item 9), turned into a task for the case manager.
public struct SafetyAlertRule: Sendable, Hashable, Codable {
    public enum Urgency: String, Sendable, Hashable, Codable {
        case urgent, soon
    }

    public var id: String
    public var urgency: Urgency
    public var when: AnswerCondition
    /// The task text, saying what to do.
    public var task: String

    public init(id: String, urgency: Urgency, when: AnswerCondition, task: String) {
        self.id = id
        self.urgency = urgency
        self.when = when
        self.task = task
    }
}

/// Scores as people write them: 14, not 14.0; 2.5 stays 2.5.
public enum ScoreFormat {
    public static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e12 { return String(Int(value)) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// A number with its unit as a sentence says it: "1 wound", "2 wounds", "1.5 cm". Units are written plural in the
    /// instrument files; exactly one drops a plural "s" ("wounds", "hours", "days"), never from "mmHg" or "glass".
    public static func text(_ value: Double, unit: String?) -> String {
        guard var unit else { return text(value) }
        if value == 1, unit.count > 2, unit.hasSuffix("s"), !unit.hasSuffix("ss"), unit.allSatisfy({ $0.isLowercase || $0 == " " }) {
            unit.removeLast()
        }
        return text(value) + " " + unit
    }
}
