/// A document that says what care the patient wants when they cannot say it themselves [42 CFR 489.102].
public struct AdvanceDirectiveDraft: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case livingWill = "living_will"
        case powerOfAttorney = "healthcare_poa"
        case dnrOrder = "dnr_order"
        case polst
        case other

        public var title: String {
            switch self {
            case .livingWill: "Living will"
            case .powerOfAttorney: "Health-care power of attorney"
            case .dnrOrder: "Out-of-hospital DNR order"
            case .polst: "POLST / MOLST"
            case .other: "Other"
            }
        }
    }

    public var kind: Kind?
    public var onFile: Bool
    /// Where the document is: "copy in chart", "on the refrigerator", "with daughter".
    public var location: String

    public init(kind: String, onFile: Bool, location: String) {
        self.kind = Kind(rawValue: kind.trimmed)
        self.onFile = onFile
        self.location = location.trimmed
    }

    public var problems: [String: String] {
        var problems: [String: String] = [:]
        if kind == nil { problems["kind"] = "Choose the type of directive." }
        if location.isEmpty { problems["location"] = "Say where the document is kept, so staff can find it in an emergency." }
        if location.count > 200 { problems["location"] = "Use at most 200 characters." }
        return problems
    }
}
