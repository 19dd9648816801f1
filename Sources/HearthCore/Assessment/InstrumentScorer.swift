/// One score as the chart shows it.
public struct ScoreResult: Sendable, Equatable {
    public var ruleID: String
    public var title: String
    /// Nil until every item the score needs is answered.
    public var value: Double?
    public var band: InterpretationBand?
    /// Item ids still to answer (asked items only) before the score can be computed.
    public var missingItems: [String]
    /// Set when the answers are complete but cannot be scored (a number no points band covers).
    public var problem: String?

    /// The answer that decided the band instead of the value ("Fallen in the past year: Yes"), when one did.
    public var bandReason: String?

    public var bandLabel: String? { band?.label }
    public var interpretation: String? { band?.interpretation }
    /// "14", or "—" while incomplete.
    public var displayValue: String { value.map(ScoreFormat.text) ?? "—" }
    /// "LACE index 7 (Moderate risk)": what an assessment list and a stored summary show.
    public var summary: String { "\(title) \(displayValue)" + (bandLabel.map { " (\($0))" } ?? "") }
}

/// A suggested care-plan problem with why it was suggested ("PHQ-9 total 14 ≥ 10").
public struct AssessmentFinding: Sendable, Hashable, Codable {
    public var problem: String
    public var title: String
    public var reason: String
    public var instrumentID: String

    public init(problem: String, title: String, reason: String, instrumentID: String) {
        self.problem = problem
        self.title = title
        self.reason = reason
        self.instrumentID = instrumentID
    }
}

/// An answer that needs action today, worded as the task for the case manager.
public struct SafetyAlert: Sendable, Hashable, Codable {
    public var id: String
    public var urgency: SafetyAlertRule.Urgency
    public var task: String
    public var reason: String
    public var instrumentID: String
}

/// Everything an instrument's answers produce: scores, suggested problems and safety alerts.
public struct InstrumentEvaluation: Sendable, Equatable {
    public var instrumentID: String
    public var version: String
    public var scores: [ScoreResult]
    /// The rule the instrument names as its headline.
    public var headlineRuleID: String?
    public var findings: [AssessmentFinding]
    public var alerts: [SafetyAlert]

    public func score(_ ruleID: String) -> ScoreResult? { scores.first { $0.ruleID == ruleID } }

    /// The instrument's headline score once it can be computed (LACE's total, never its L part); nil while incomplete.
    public var headline: ScoreResult? { headlineRuleID.flatMap(score).flatMap { $0.value == nil ? nil : $0 } }
}

extension InstrumentDefinition {
    /// Scores the answers. Items hidden by their condition count as 0; asked items must all be answered
    /// for a score to exist. Alerts fire on any asked answer, even in an unfinished draft.
    public func evaluate(_ answers: AssessmentAnswers) -> InstrumentEvaluation {
        let visible = visibleItemIDs(given: answers)
        var scores: [ScoreResult] = []
        for rule in scoring {
            scores.append(score(rule, answers: answers, visible: visible, earlier: scores))
        }
        var suggested = Set<String>()
        // A problem is suggested once, for the first condition that holds (STEADI: a fall, or a total of 4 or more).
        let findings = self.findings.compactMap { finding -> AssessmentFinding? in
            guard !suggested.contains(finding.problem) else { return nil }
            return reason(for: finding.when, answers: answers, visible: visible, scores: scores).map {
                suggested.insert(finding.problem)
                return AssessmentFinding(problem: finding.problem, title: finding.title, reason: $0, instrumentID: id)
            }
        }
        let alerts = self.alerts.compactMap { alert in
            reason(for: alert.when, answers: answers, visible: visible, scores: scores).map {
                SafetyAlert(id: alert.id, urgency: alert.urgency, task: alert.task, reason: $0, instrumentID: id)
            }
        }
        return InstrumentEvaluation(instrumentID: id, version: version, scores: scores, headlineRuleID: headline,
                                    findings: findings, alerts: alerts)
    }

    private func score(_ rule: ScoringRule, answers: AssessmentAnswers, visible: Set<String>, earlier: [ScoreResult]) -> ScoreResult {
        var result = ScoreResult(ruleID: rule.id, title: rule.title, value: nil, band: nil, missingItems: [], problem: nil, bandReason: nil)
        var total = 0.0
        if rule.kind == .points, let itemID = rule.item {
            guard visible.contains(itemID) else { return result }
            guard let value = itemValue(itemID, answers: answers) else { result.missingItems = [itemID]; return result }
            guard let band = rule.points.first(where: { $0.contains(value) }) else {
                result.problem = "\(item(itemID)?.name ?? itemID) \(ScoreFormat.text(value)) is in no points band of \(rule.title)."
                return result
            }
            total = band.points
        }
        for term in rule.allTerms {
            if let itemID = term.item, visible.contains(itemID) {
                guard let value = itemValue(itemID, answers: answers) else { result.missingItems.append(itemID); continue }
                total += value * term.weight
            } else if let ruleID = term.rule, let part = earlier.first(where: { $0.ruleID == ruleID }) {
                guard let value = part.value else {
                    result.missingItems += part.missingItems.filter { !result.missingItems.contains($0) }
                    if part.problem != nil { result.problem = part.problem }
                    continue
                }
                total += value * term.weight
            }
        }
        guard result.missingItems.isEmpty, result.problem == nil else { return result }
        result.value = total
        result.band = rule.band(for: total)
        for override in rule.overrides {
            guard let reason = reason(for: override.when, answers: answers, visible: visible, scores: []) else { continue }
            result.band = InterpretationBand(min: nil, max: nil, label: override.label, interpretation: override.interpretation)
            result.bandReason = reason
            break
        }
        return result
    }

    /// An item's value for scoring, or nil when unanswered or the answer cannot stand.
    private func itemValue(_ itemID: String, answers: AssessmentAnswers) -> Double? {
        guard let item = item(itemID), answers.hasAnswer(itemID), let answer = answers[itemID], item.problem(with: answer) == nil else { return nil }
        switch answer {
        case .choice(let code): return item.option(code)?.score
        case .choices(let codes): return codes.compactMap { item.option($0)?.score }.reduce(0, +)
        case .yesNo(let yes): return yes ? 1 : 0
        case .number(let value): return value
        case .date, .text, .bodyAreas: return nil
        }
    }

    /// Why the condition holds ("PHQ-9 total 14 ≥ 10", "Has a wound: Yes"), or nil when it does not.
    private func reason(for condition: AnswerCondition, answers: AssessmentAnswers, visible: Set<String>, scores: [ScoreResult]) -> String? {
        if let ruleID = condition.rule {
            guard let score = scores.first(where: { $0.ruleID == ruleID }), let value = score.value, condition.isMet(by: value) else { return nil }
            return "\(score.title) \(ScoreFormat.text(value)) \(Self.comparison(condition))"
        }
        guard let itemID = condition.item, visible.contains(itemID), let item = item(itemID), let answer = answers[itemID],
              item.problem(with: answer) == nil, condition.isMet(by: answer) else { return nil }
        if case .number(let value) = answer { return "\(item.name) \(ScoreFormat.text(value)) \(Self.comparison(condition))" }
        return "\(item.name): \(answer.display(for: item))"
    }

    private static func comparison(_ condition: AnswerCondition) -> String {
        condition.atLeast != nil && condition.atMost != nil ? "in \(condition.testDescription)" : condition.testDescription
    }
}
