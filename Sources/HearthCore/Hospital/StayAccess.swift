/// What a user may do with a hospital stay.
public enum StayAction: String, Sendable, CaseIterable {
    /// See the stay, its status history, its clocks and its notices.
    case read
    /// Record a status change, a notice, the expected discharge date or the discharge.
    case write
    /// Record utilization review: reviews, payer communications, denials and appeals, avoidable days, advisor referrals.
    case review
}

extension AccessPolicy {
    /// The one decision about hospital stays: a hospital case manager works the stays on the units she is assigned to;
    /// a utilization review nurse reviews every stay in her hospital but changes no order or notice; nobody else in the
    /// installation (the agency's supervisor included) sees them, not even that they exist (minimum necessary,
    /// 45 CFR 164.502(b)).
    public static func decideStay(role: Role, onAssignedUnit: Bool, inOwnHospital: Bool = false, action: StayAction) -> AccessDecision {
        switch role {
        case .hospitalCaseManager:
            return onAssignedUnit ? .allowed : .hidden
        case .utilizationReviewNurse:
            guard inOwnHospital else { return .hidden }
            return action == .write ? .forbidden(reason: "A utilization review nurse reviews the stay; the case manager records orders, notices and the discharge.") : .allowed
        default:
            return .hidden
        }
    }
}
