/// What changed between two versions of a care plan, in sentences a case manager and a physician can read.
/// Goals, interventions and problems are matched by their stable ids, so an edit is a change, not a removal and an addition.
public struct CarePlanDiff: Sendable, Equatable {
    /// One field's old and new value: "target date: 2026-12-01 → 2026-12-15".
    public struct FieldChange: Sendable, Equatable, CustomStringConvertible {
        public var field: String
        public var old: String
        public var new: String

        public var description: String { "\(field): \(Self.shown(old)) → \(Self.shown(new))" }

        private static func shown(_ value: String) -> String { value.isEmpty ? "(none)" : value }
    }

    public enum Change: Sendable, Equatable, CustomStringConvertible {
        case problemAdded(String)
        case problemRemoved(String)
        case problemChanged(String, [FieldChange])
        case goalAdded(String)
        case goalRemoved(String)
        case goalChanged(String, [FieldChange])
        case interventionAdded(String)
        case interventionRemoved(String)
        case interventionChanged(String, [FieldChange])
        /// "SN 2w4, 1w5 → SN 3w4, 1w5": the whole order line, old and new.
        case frequencyChanged(old: String, new: String)
        case patientInputChanged([FieldChange])
        case agreementAdded(String)

        public var description: String {
            switch self {
            case .problemAdded(let title): "Problem added: \(title)"
            case .problemRemoved(let title): "Problem removed: \(title)"
            case .problemChanged(let title, let fields): "Problem changed: \(title) (\(Self.list(fields)))"
            case .goalAdded(let what): "Goal added: \(what)"
            case .goalRemoved(let what): "Goal removed: \(what)"
            case .goalChanged(let what, let fields): "Goal changed: \(what) (\(Self.list(fields)))"
            case .interventionAdded(let text): "Intervention added: \(text)"
            case .interventionRemoved(let text): "Intervention removed: \(text)"
            case .interventionChanged(let text, let fields): "Intervention changed: \(text) (\(Self.list(fields)))"
            case .frequencyChanged(let old, let new): "Frequency changed: \(old) → \(new)"
            case .patientInputChanged(let fields): "Patient and family input changed (\(Self.list(fields)))"
            case .agreementAdded(let text): "Plan agreed by \(text)"
            }
        }

        /// A change to what the physician orders (interventions and their frequencies): once the plan of care went to
        /// the physician, such a change needs an interim order [42 CFR 484.60(c)(1)].
        public var changesWhatIsOrdered: Bool {
            switch self {
            case .interventionAdded, .interventionRemoved, .interventionChanged, .frequencyChanged: true
            default: false
            }
        }

        private static func list(_ fields: [FieldChange]) -> String { fields.map(\.description).joined(separator: "; ") }
    }

    public var changes: [Change]

    public var isEmpty: Bool { changes.isEmpty }

    /// One sentence per change, problems first, then goals, interventions and the patient's input.
    public var lines: [String] { changes.map(\.description) }

    public init(from old: CarePlanContent, to new: CarePlanContent) {
        changes = Self.compare(old.problems, new.problems, name: \.title, added: Change.problemAdded, removed: Change.problemRemoved) {
            let fields = Self.fields([("title", $0.title, $1.title), ("source", Self.source($0.source), Self.source($1.source))])
            return fields.isEmpty ? [] : [.problemChanged($1.title, fields)]
        }
        changes += Self.compare(old.goals, new.goals, name: \.what, added: Change.goalAdded, removed: Change.goalRemoved) {
            let fields = Self.fields([
                ("what", $0.what, $1.what), ("measure", $0.measure, $1.measure),
                ("target date", $0.targetDate.description, $1.targetDate.description),
                ("status", $0.status.title, $1.status.title), ("reason", $0.statusReason ?? "", $1.statusReason ?? ""),
                ("problem", old.problem($0.problemID)?.title ?? $0.problemID, new.problem($1.problemID)?.title ?? $1.problemID),
            ])
            return fields.isEmpty ? [] : [.goalChanged($1.what, fields)]
        }
        changes += Self.compare(old.interventions, new.interventions, name: Self.summary,
                                added: Change.interventionAdded, removed: Change.interventionRemoved) {
            var result: [Change] = []
            if $0.orderText != $1.orderText { result.append(.frequencyChanged(old: $0.orderText, new: $1.orderText)) }
            let fields = Self.fields([("action", $0.action, $1.action), ("PRN reason", $0.prnTrigger ?? "", $1.prnTrigger ?? "")])
            if !fields.isEmpty { result.append(.interventionChanged(Self.summary($1), fields)) }
            return result
        }
        changes += Self.inputChanges(old.patientInput, new.patientInput)
    }

    /// Added (in new order), removed, then changed items, each matched by id.
    private static func compare<Item: Identifiable>(
        _ old: [Item], _ new: [Item], name: (Item) -> String, added: (String) -> Change, removed: (String) -> Change,
        changed: (Item, Item) -> [Change]
    ) -> [Change] where Item.ID == String {
        let oldByID = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newIDs = Set(new.map(\.id))
        var changes: [Change] = []
        for item in new {
            if let before = oldByID[item.id] { changes += changed(before, item) } else { changes.append(added(name(item))) }
        }
        changes += old.filter { !newIDs.contains($0.id) }.map { removed(name($0)) }
        return changes
    }

    private static func inputChanges(_ old: PatientFamilyInput, _ new: PatientFamilyInput) -> [Change] {
        var changes: [Change] = []
        let fields = fields([("goals in their words", old.ownGoals, new.ownGoals), ("preferences", old.preferences, new.preferences)])
        if !fields.isEmpty { changes.append(.patientInputChanged(fields)) }
        for agreement in new.agreements where !old.agreements.contains(agreement) {
            changes.append(.agreementAdded("\(agreement.name) (\(agreement.relationship)) on \(agreement.on)"))
        }
        return changes
    }

    private static func fields(_ pairs: [(String, String, String)]) -> [FieldChange] {
        pairs.filter { $0.1 != $0.2 }.map { FieldChange(field: $0.0, old: $0.1, new: $0.2) }
    }

    /// "SN 2w4, 1w5: Teach heart-failure self-care".
    private static func summary(_ intervention: CarePlanIntervention) -> String {
        "\(intervention.orderText): \(intervention.action)"
    }

    private static func source(_ source: CarePlanProblem.Source) -> String {
        switch source {
        case .finding(let code, let instrument): "finding \(code) (\(instrument))"
        case .manual: "added by hand"
        }
    }
}
