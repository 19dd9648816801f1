/// Why an assessment is done, tied to the episode's moves [42 CFR 484.55].
public enum AssessmentKind: String, Sendable, Hashable, Codable, CaseIterable {
    case startOfCare = "start_of_care"
    case resumptionOfCare = "resumption_of_care"
    case recertification
    case followUp = "follow_up"
    case transfer
    case discharge
    /// OASIS RFA 8: the patient died at home; replaces the discharge assessment (OASIS Guidance Manual, Chapter 1).
    case deathAtHome = "death_at_home"

    public var title: String {
        switch self {
        case .startOfCare: "Start of care"
        case .resumptionOfCare: "Resumption of care"
        case .recertification: "Recertification"
        case .followUp: "Other follow-up"
        case .transfer: "Transfer to inpatient facility"
        case .discharge: "Discharge"
        case .deathAtHome: "Death at home"
        }
    }

    /// The id of the comprehensive home assessment shipped in `Resources/Instruments`.
    public static let comprehensiveInstrumentID = "home-assessment"

    /// The comprehensive assessment is required at SOC, ROC, recertification and discharge [42 CFR 484.55(b)–(d)].
    public var requiresComprehensiveAssessment: Bool {
        switch self {
        case .startOfCare, .resumptionOfCare, .recertification, .discharge: true
        case .followUp, .transfer, .deathAtHome: false
        }
    }

    /// An OASIS time point [42 CFR 484.55(b)–(d)]: transmitted to CMS within 30 days of completion [484.45(a)]. The
    /// transfer and death-at-home item sets are short, so any instrument filed as one is its OASIS; the others are OASIS
    /// only on an instrument carrying the comprehensive assessment's content (a one-item scale filed as "follow-up" is not).
    public func isOASIS(comprehensiveInstrument: Bool) -> Bool {
        self == .transfer || self == .deathAtHome || comprehensiveInstrument
    }

    /// What a new assessment of this kind starts with; the clinician may add any other instrument.
    public var defaultInstrumentIDs: [String] {
        requiresComprehensiveAssessment ? [Self.comprehensiveInstrumentID] : []
    }
}
