/// What a user may do with a hospital stay.
public enum StayAction: String, Sendable, CaseIterable {
    /// See the stay, its status history, its clocks and its notices.
    case read
    /// Record a status change, a notice, the expected discharge date or the discharge.
    case write
    /// Record utilization review: reviews, payer communications, denials and appeals, avoidable days, advisor referrals.
    case review
    /// Record a UR committee member's determination on a referral: a physician advisor's [42 CFR 482.30(d)].
    case determine
}

extension AccessPolicy {
    /// The one decision about hospital stays: a hospital case manager works the stays on the units she is assigned to;
    /// a utilization review nurse reviews every stay in her hospital but changes no order or notice; nobody else in the
    /// installation (the agency's supervisor included) sees them, not even that they exist (minimum necessary,
    /// 45 CFR 164.502(b)).
    /// The physician advisor, on the hospital's UR committee, reads its stays and records determinations; the reviews, the
    /// payer log and the orders stay the nurses'.
    public static func decideStay(role: Role, onAssignedUnit: Bool, inOwnHospital: Bool = false, action: StayAction) -> AccessDecision {
        let determination = "A physician advisor on the UR committee records the determination [42 CFR 482.30(d)]; refer the stay to one from its review page."
        switch role {
        case .hospitalCaseManager:
            guard onAssignedUnit else { return .hidden }
            return action == .determine ? .forbidden(reason: determination) : .allowed
        case .utilizationReviewNurse:
            guard inOwnHospital else { return .hidden }
            switch action {
            case .write: return .forbidden(reason: "A utilization review nurse reviews the stay; the case manager records orders, notices and the discharge.")
            case .determine: return .forbidden(reason: determination)
            case .read, .review: return .allowed
            }
        case .physicianAdvisor:
            guard inOwnHospital else { return .hidden }
            return [.read, .determine].contains(action) ? .allowed
                : .forbidden(reason: "A physician advisor answers referrals; the UR nurse records reviews and the case manager orders, notices and the discharge.")
        default:
            return .hidden
        }
    }
}

extension Role {
    /// Hospital staff: their records are the hospital's stays (`decideStay`), never the agency's charts.
    public var isHospitalStaff: Bool { [.hospitalCaseManager, .utilizationReviewNurse, .physicianAdvisor].contains(self) }
}
