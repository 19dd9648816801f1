import Foundation

/// Why a payer case manager should look at an authorization today: the things a health plan acts on before a member's
/// care runs past what was authorized [MISSION capability 11: alerts before exhaustion or expiry].
public enum AuthorizationAttention: String, Sendable, Hashable, CaseIterable {
    /// Every authorized visit made while visits are still booked in its days: extend it or the visits go unpaid.
    case exhaustedWithVisitsScheduled = "exhausted_scheduled"
    /// Every authorized visit made.
    case exhausted
    /// At least `nearExhaustionShare` of the authorized visits made.
    case nearExhaustion = "near_exhaustion"
    /// In force and ending within `expiryLeadDays`.
    case expiring

    /// The payer looks two weeks ahead: a concurrent review takes days, and the agency needs an answer before the last day.
    public static let expiryLeadDays = 14
    /// Four in five authorized visits made.
    public static let nearExhaustionShare = 0.8

    public var title: String {
        switch self {
        case .exhaustedWithVisitsScheduled: "Used up, visits booked"
        case .exhausted: "Used up"
        case .nearExhaustion: "Near exhaustion"
        case .expiring: "Expiring"
        }
    }

    /// The flag's style on lists: used up is overdue, the rest due soon.
    public var flagClass: String {
        switch self {
        case .exhaustedWithVisitsScheduled, .exhausted: "overdue"
        case .nearExhaustion, .expiring: "due_soon"
        }
    }

    /// The most pressing reason, or nil when the authorization is comfortably in force or already ended.
    public static func of(_ authorization: VisitAuthorization, used: Int, scheduled: Int, today: CalendarDate) -> AuthorizationAttention? {
        let daysLeft = today.days(until: authorization.end)
        guard daysLeft >= 0 else { return nil }
        if let authorized = authorization.visitsAuthorized {
            if used >= authorized { return scheduled > 0 ? .exhaustedWithVisitsScheduled : .exhausted }
            if Double(used) >= Double(authorized) * nearExhaustionShare { return .nearExhaustion }
        }
        return daysLeft <= expiryLeadDays ? .expiring : nil
    }
}
