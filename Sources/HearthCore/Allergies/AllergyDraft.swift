/// An allergy or intolerance as a case manager records it.
public struct AllergyDraft: Sendable, Equatable {
    /// FHIR AllergyIntolerance reaction severity (http://hl7.org/fhir/R4/valueset-reaction-event-severity.html).
    public enum Severity: String, Sendable, CaseIterable {
        case mild, moderate, severe
    }

    public var substance: String
    public var reaction: String
    public var severity: Severity?

    public init(substance: String, reaction: String, severity: String) {
        self.substance = substance.trimmingCharacters(in: .whitespacesAndNewlines)
        self.reaction = reaction.trimmingCharacters(in: .whitespacesAndNewlines)
        self.severity = Severity(rawValue: severity.lowercased())
    }

    public var problems: [String: String] {
        var problems: [String: String] = [:]
        if substance.isEmpty { problems["substance"] = "Name the drug, food or other substance, e.g. Penicillin." }
        if substance.count > 120 { problems["substance"] = "Use at most 120 characters." }
        if reaction.count > 250 { problems["reaction"] = "Use at most 250 characters." }
        if severity == nil { problems["severity"] = "Choose mild, moderate or severe." }
        return problems
    }
}
