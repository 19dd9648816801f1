/// What a user may do with a hospital stay.
public enum StayAction: String, Sendable, CaseIterable {
    /// See the stay, its status history, its clocks and its notices.
    case read
    /// Record a status change, a notice, the expected discharge date or the discharge.
    case write
}

extension AccessPolicy {
    /// The one decision about hospital stays: a hospital case manager works the stays on the units she is assigned to;
    /// nobody else in the installation (the agency's supervisor included) sees them, not even that they exist
    /// (minimum necessary, 45 CFR 164.502(b)).
    public static func decideStay(role: Role, onAssignedUnit: Bool, action: StayAction) -> AccessDecision {
        guard role == .hospitalCaseManager else { return .hidden }
        return onAssignedUnit ? .allowed : .hidden
    }
}
