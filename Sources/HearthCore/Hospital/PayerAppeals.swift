import Foundation

/// What a payer denied.
public enum DenialKind: String, Sendable, Codable, CaseIterable {
    case admission
    case levelOfCare = "level_of_care"
    case continuedStay = "continued_stay"
    case retrospective

    public var title: String {
        switch self {
        case .admission: "Admission (medical necessity)"
        case .levelOfCare: "Level of care (paid as observation)"
        case .continuedStay: "Continued-stay days"
        case .retrospective: "Retrospective (after discharge)"
        }
    }
}

/// Where an appeal stands.
public enum AppealOutcome: String, Sendable, Codable, CaseIterable {
    case pending
    case overturned
    case partiallyOverturned = "partial"
    case upheld
    case withdrawn

    public var title: String {
        switch self {
        case .pending: "Pending"
        case .overturned: "Overturned (won)"
        case .partiallyOverturned: "Partly overturned"
        case .upheld: "Upheld (lost)"
        case .withdrawn: "Withdrawn"
        }
    }

    /// Whether a further level may follow: only after a decision that left something denied.
    public var allowsNextLevel: Bool { self == .upheld || self == .partiallyOverturned }
}

/// A denial as the appeal rules read it.
public struct PayerDenial: Sendable, Equatable {
    public var payer: PayerKind
    public var receivedOn: CalendarDate
    public var appeals: [PayerAppeal]

    public init(payer: PayerKind, receivedOn: CalendarDate, appeals: [PayerAppeal] = []) {
        self.payer = payer
        self.receivedOn = receivedOn
        self.appeals = appeals
    }
}

public struct PayerAppeal: Sendable, Equatable {
    public var level: String
    public var filedOn: CalendarDate
    public var decidedOn: CalendarDate?
    public var outcome: AppealOutcome

    public init(level: String, filedOn: CalendarDate, decidedOn: CalendarDate? = nil, outcome: AppealOutcome = .pending) {
        self.level = level
        self.filedOn = filedOn
        self.decidedOn = decidedOn
        self.outcome = outcome
    }
}

/// Appeal levels in order, each with its deadline from the denial or the last decision, as the payer's rules set them.
public enum AppealRules {
    /// The levels still open to the denial: those after the last filed one, each with its last day to file.
    public static func openLevels(_ denial: PayerDenial, rules: PayerReviewRules) -> [(level: AppealLevel, deadline: CalendarDate)] {
        let levels = rules.payer(denial.payer).appealLevels
        let filed = denial.appeals.compactMap { appeal in levels.firstIndex { $0.id == appeal.level } }.max() ?? -1
        // An optional step (peer-to-peer) does not restart the clock: the formal levels count from the denial or a formal decision.
        let formal = denial.appeals.filter { appeal in levels.first { $0.id == appeal.level }?.optional != true }
        let start = formal.compactMap(\.decidedOn).max() ?? denial.receivedOn
        return levels.dropFirst(filed + 1).map { ($0, $0.deadline(from: start)) }
    }

    /// Problems with filing `level` on `filedOn`, keyed by form field; a late filing needs its good-cause reason.
    public static func filingProblems(_ denial: PayerDenial, level id: String, filedOn: CalendarDate, today: CalendarDate, lateReason: String,
                                      rules: PayerReviewRules) -> [String: String] {
        if let pending = denial.appeals.first(where: { $0.outcome == .pending }) {
            return ["level": "The \(title(pending.level, rules, denial.payer)) is still pending: record its decision before the next level."]
        }
        if let last = denial.appeals.last, !last.outcome.allowsNextLevel {
            return ["level": "The last appeal was \(last.outcome.title.lowercased()): there is nothing further to appeal."]
        }
        guard let open = openLevels(denial, rules: rules).first(where: { $0.level.id == id }) else {
            return ["level": "Choose a level that follows the last one filed for this \(denial.payer.title) denial."]
        }
        let skipped = openLevels(denial, rules: rules).prefix { $0.level.id != id }.filter { !$0.level.optional }
        if let required = skipped.first {
            return ["level": "File the \(required.level.title) first: it comes before the \(open.level.title) [\(required.level.citation)]."]
        }
        var problems: [String: String] = [:]
        if filedOn > today { problems["filedOn"] = "Give the day it was filed: today or earlier." }
        if filedOn < denial.receivedOn { problems["filedOn"] = "An appeal cannot be filed before the denial was received (\(denial.receivedOn))." }
        if filedOn > open.deadline && lateReason.trimmingCharacters(in: .whitespaces).isEmpty {
            problems["lateReason"] = "Filed after the \(open.deadline) deadline for the \(open.level.title) [\(open.level.citation)]: give the good cause for filing late."
        }
        return problems
    }

    static func title(_ id: String, _ rules: PayerReviewRules, _ payer: PayerKind) -> String {
        rules.payer(payer).appealLevels.first { $0.id == id }?.title ?? id
    }
}
