/// A family member, friend or neighbour the agency may call, and what they do for the patient.
public struct ContactDraft: Sendable, Equatable {
    public static let relationships = ["spouse", "partner", "daughter", "son", "parent", "sibling", "grandchild", "friend", "neighbor", "guardian", "other"]

    public var name: String
    public var relationship: String
    public var phone: String
    public var livesWith: Bool
    public var isCaregiver: Bool
    /// Makes health-care decisions when the patient cannot (health-care power of attorney, guardian).
    public var isDecisionMaker: Bool

    public init(name: String, relationship: String, phone: String, livesWith: Bool, isCaregiver: Bool, isDecisionMaker: Bool) {
        self.name = name.trimmed
        self.relationship = relationship.trimmed.lowercased()
        self.phone = phone.trimmed
        self.livesWith = livesWith
        self.isCaregiver = isCaregiver
        self.isDecisionMaker = isDecisionMaker
    }

    public var problems: [String: String] {
        var problems: [String: String] = [:]
        if name.isEmpty { problems["name"] = "Enter the contact's name." }
        if name.count > 120 { problems["name"] = "Use at most 120 characters." }
        if !Self.relationships.contains(relationship) { problems["relationship"] = "Choose how this person is related to the patient." }
        if phone.isEmpty { problems["phone"] = "Enter a phone number the agency can call." }
        if let problem = PhoneNumber.problem(phone) { problems["phone"] = problem }
        return problems
    }

    /// "daughter · lives with patient · caregiver · decision maker"
    public var roles: String {
        [relationship, livesWith ? "lives with patient" : nil, isCaregiver ? "caregiver" : nil, isDecisionMaker ? "decision maker" : nil]
            .compactMap { $0 }.joined(separator: " · ")
    }
}

/// Someone outside the agency who cares for the patient: another physician, a pharmacy, a community service.
public struct ExternalContactDraft: Sendable, Equatable {
    public var role: String
    public var name: String
    public var organization: String
    public var phone: String
    public var fax: String

    public init(role: String, name: String, organization: String, phone: String, fax: String) {
        self.role = role.trimmed
        self.name = name.trimmed
        self.organization = organization.trimmed
        self.phone = phone.trimmed
        self.fax = fax.trimmed
    }

    public var problems: [String: String] {
        var problems: [String: String] = [:]
        if role.isEmpty { problems["role"] = "Say what they do for the patient, for example Cardiologist or Pharmacy." }
        if name.isEmpty && organization.isEmpty { problems["name"] = "Enter a name or an organization." }
        for (key, value) in [("role", role), ("name", name), ("organization", organization)] where value.count > 120 {
            problems[key] = "Use at most 120 characters."
        }
        if let problem = PhoneNumber.problem(phone) { problems["phone"] = problem }
        if let problem = PhoneNumber.problem(fax) { problems["fax"] = problem.replacingOccurrences(of: "phone", with: "fax") }
        return problems
    }
}
