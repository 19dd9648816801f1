/// The job a user does in the agency; it decides what they may see and do.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case admin
    case supervisor
    case caseManager = "case_manager"
    case clinician
    case aide
    case physician
    case intake
    case payer
    /// A hospital's case manager (usually a nurse): utilization review and discharge planning for her units' stays.
    case hospitalCaseManager = "hospital_case_manager"
    /// A hospital's utilization review nurse: works the review queue of every current stay in her hospital.
    case utilizationReviewNurse = "utilization_review_nurse"
    /// A physician on a hospital's utilization review committee who answers the UR nurse's referrals: medically
    /// necessary or not, or a change to observation [42 CFR 482.30(d)].
    case physicianAdvisor = "physician_advisor"

    /// The name a person reads on screen.
    public var title: String {
        switch self {
        case .admin: "Administrator"
        case .supervisor: "Supervisor"
        case .caseManager: "Case manager"
        case .clinician: "Clinician"
        case .aide: "Home health aide"
        case .physician: "Physician"
        case .intake: "Intake coordinator"
        case .payer: "Payer case manager"
        case .hospitalCaseManager: "Hospital case manager"
        case .utilizationReviewNurse: "Utilization review nurse"
        case .physicianAdvisor: "Physician advisor"
        }
    }

    /// Accepts the stored value and the spellings an operator would type (`case-manager`, `casemanager`).
    public init?(loose text: String) {
        let key = text.lowercased().replacingOccurrences(of: "-", with: "_")
        if let role = Role(rawValue: key) {
            self = role
        } else if let role = Role.allCases.first(where: { $0.rawValue.replacingOccurrences(of: "_", with: "") == key }) {
            self = role
        } else {
            return nil
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
}
