/// How soon a patient needs help in a disaster: the priority list agencies give emergency managers
/// [42 CFR 484.102(b): an individual plan per patient; officials told who needs evacuation].
public enum EmergencyPriority: Int, Sendable, CaseIterable {
    case one = 1, two, three, four

    public var title: String {
        switch self {
        case .one: "1 — life-sustaining care: contact and evacuate first"
        case .two: "2 — needs care within 24 hours"
        case .three: "3 — can wait 48–72 hours with family or caregiver help"
        case .four: "4 — independent; can safely wait"
        }
    }
}

/// The patient's disaster plan as a case manager records it.
public struct EmergencyPlanDraft: Sendable, Equatable {
    public var priority: EmergencyPriority?
    public var evacuationNeeds: String
    public var equipment: String

    public init(priority: String, evacuationNeeds: String, equipment: String) {
        self.priority = Int(priority.trimmed).flatMap(EmergencyPriority.init(rawValue:))
        self.evacuationNeeds = evacuationNeeds.trimmed
        self.equipment = equipment.trimmed
        rawPriority = priority.trimmed
    }

    private var rawPriority: String

    public var problems: [String: String] {
        var problems: [String: String] = [:]
        if !rawPriority.isEmpty && priority == nil { problems["emergencyPriority"] = "Choose a priority level from 1 to 4." }
        if evacuationNeeds.count > 250 { problems["evacuationNeeds"] = "Use at most 250 characters." }
        if equipment.count > 250 { problems["equipment"] = "Use at most 250 characters." }
        return problems
    }
}
