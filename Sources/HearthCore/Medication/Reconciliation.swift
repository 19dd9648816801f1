/// The care transition at which medications are reconciled [42 CFR 484.55(c)(5): the comprehensive assessment
/// includes a review of all medications the patient is using].
public enum TransitionKind: String, Sendable, Hashable, Codable, CaseIterable {
    case startOfCare = "soc"
    case resumptionOfCare = "roc"
    case discharge

    /// "resumption of care", as it reads inside a sentence.
    public var title: String {
        switch self {
        case .startOfCare: "start of care"
        case .resumptionOfCare: "resumption of care"
        case .discharge: "discharge"
        }
    }
}

/// How a medication compares between the home list and the incoming list.
public enum ReconciliationKind: Sendable, Hashable, Codable {
    /// On both lists, the same.
    case unchanged
    /// On both lists, different: one sentence per difference ("Dose 25 mg → 50 mg").
    case changed([String])
    /// Only on the incoming list.
    case new
    /// Only on the home list: absent from the incoming list.
    case discontinued

    /// The decisions that make sense for this kind of line.
    public var allowedDecisions: [ReconciliationDecision] {
        switch self {
        case .unchanged: [.keepHome, .stop]
        case .changed: [.keepHome, .takeIncoming, .stop]
        case .new: [.takeIncoming, .stop]
        case .discontinued: [.keepHome, .stop]
        }
    }

    /// "Changed", "New", as a column on the reconciliation page.
    public var title: String {
        switch self {
        case .unchanged: "Unchanged"
        case .changed: "Changed"
        case .new: "New"
        case .discontinued: "Not on the incoming list"
        }
    }
}

/// What the case manager decides for one line.
public enum ReconciliationDecision: String, Sendable, Hashable, Codable, CaseIterable {
    /// Continue as on the home list.
    case keepHome = "keep_home"
    /// Adopt the incoming version.
    case takeIncoming = "take_incoming"
    /// Discontinue, or do not add.
    case stop

    /// The decision as a button says it.
    public var title: String {
        switch self {
        case .keepHome: "Continue as at home"
        case .takeIncoming: "Take the incoming version"
        case .stop: "Stop"
        }
    }
}

/// Something on a line the case manager must look at before deciding.
public enum ReconciliationFlag: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The same drug is on another line (brand and generic, two strengths, two salts).
    case duplicateDrug(other: String)
    /// Another drug of a class where two are usually a mistake (two ACE inhibitors, warfarin and apixaban).
    case duplicateClass(className: String, other: String)
    case highAlert(HighAlertCategory)

    /// One sentence saying what to check.
    public var description: String {
        switch self {
        case .duplicateDrug(let other): "Same drug as \(other) on another line: make sure the patient takes only one."
        case .duplicateClass(let name, let other): "Another \(name) (\(other)) is on the list: confirm with the physician that both are intended."
        case .highAlert(let category): "High-alert medication (\(category.title)): double-check the dose and teach the patient."
        }
    }
}

/// One medication in a reconciliation: its home and incoming versions, how they compare, the flags, and the decision.
public struct ReconciliationLine: Sendable, Hashable, Codable, Identifiable {
    /// "1", "2"…: the line's place in the reconciliation (home-list order, then new medications).
    public let id: String
    public let kind: ReconciliationKind
    public let home: MedicationLine?
    public let incoming: MedicationLine?
    public let flags: [ReconciliationFlag]
    /// The case manager's decision; nil until decided.
    public internal(set) var decision: ReconciliationDecision?
    /// Why, in the case manager's words; it goes on the order.
    public internal(set) var note: String?

    /// The name shown for the line: the incoming name when there is one, else the home name.
    public var name: String { incoming?.name ?? home?.name ?? "" }
}

/// Reconciling the home medication list with an incoming list at a care transition, line by line, until every line
/// is decided and the result can be sent to the physician. Stored as JSON between requests while the case manager works.
public struct Reconciliation: Sendable, Hashable, Codable {
    public let transition: TransitionKind
    public let date: CalendarDate
    /// Every medication on either list, once: home-list order, then the new ones.
    public private(set) var lines: [ReconciliationLine]

    /// Longest note kept on a line.
    public static let noteLimit = 500

    /// Pairs the lists (by RxNorm code, then catalog ingredient, then name), classifies each line and flags it.
    public init(transition: TransitionKind, date: CalendarDate, home: [MedicationLine], incoming: [MedicationLine], catalog: MedicationCatalog) {
        self.transition = transition
        self.date = date
        lines = ReconciliationPairing(home: home, incoming: incoming, catalog: catalog).lines()
    }

    /// The line with this id, if any.
    public func line(_ id: String) -> ReconciliationLine? { lines.first { $0.id == id } }

    /// Lines still waiting for a decision.
    public var undecided: [ReconciliationLine] { lines.filter { $0.decision == nil } }

    /// Every line is decided.
    public var isComplete: Bool { undecided.isEmpty }

    /// Records (or changes) the decision on one line; refuses one that makes no sense for the line's kind.
    public mutating func decide(lineID: String, _ decision: ReconciliationDecision, note: String? = nil) throws(ReconciliationError) {
        guard let index = lines.firstIndex(where: { $0.id == lineID }) else { throw .unknownLine(lineID) }
        let line = lines[index]
        guard line.kind.allowedDecisions.contains(decision) else {
            throw .notAllowed(decision, kind: line.kind.title, drug: line.name)
        }
        let note = note.map(\.trimmed).flatMap(\.nonEmpty)
        if let note, note.count > Self.noteLimit { throw .noteTooLong(drug: line.name) }
        lines[index].decision = decision
        lines[index].note = note
    }
}

/// Why a reconciliation step was refused; nothing was changed.
public enum ReconciliationError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownLine(String)
    case notAllowed(ReconciliationDecision, kind: String, drug: String)
    /// Lines still undecided, by drug name.
    case undecided([String])
    case noteTooLong(drug: String)

    public var description: String {
        switch self {
        case .unknownLine(let id):
            "There is no line \(id) in this reconciliation; reload the page and decide again."
        case .notAllowed(let decision, let kind, let drug):
            "\"\(decision.title)\" does not apply to \(drug) (\(kind.lowercased())); choose one of the options shown."
        case .undecided(let names):
            "\(names.count == 1 ? "1 medication is" : "\(names.count) medications are") not decided yet: "
                + names.joined(separator: ", ") + ". Decide each line before finishing."
        case .noteTooLong(let drug):
            "The note on \(drug) is too long; use at most \(Reconciliation.noteLimit) characters."
        }
    }
}
