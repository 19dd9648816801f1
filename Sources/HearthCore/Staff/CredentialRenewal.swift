import Foundation

/// Credential expiries as obligations of the same clock as the episode's deadlines: each credential is due for renewal
/// on its expiry date, and the obligation opens 60 days before, when the first alert goes out [42 CFR 484.115(a)].
public struct CredentialRenewal: Sendable {
    public static let ruleID = "credential-renewal"
    public static let citation = "42 CFR 484.115(a)"

    public var timeZone: TimeZone
    /// Due soon from the 7-day alert on.
    public var dueSoonDays: Int

    public init(timeZone: TimeZone, dueSoonDays: Int = ExpiryAlert.sevenDays.rawValue) {
        self.timeZone = timeZone
        self.dueSoonDays = dueSoonDays
    }

    /// One obligation per expiring credential of `staff`; a credential is met by a later one of the same type and state
    /// (the renewal), late when the renewal was issued after the old one expired. Credentials that never expire owe nothing.
    public func obligations(for staff: StaffProfile, now: Date) -> [Obligation] {
        let days = AgencyDayWindow(timeZone: timeZone, dueSoonDays: dueSoonDays)
        return staff.credentials.filter { $0.expires != nil }.sorted { ($0.expires!, $0.id) < ($1.expires!, $1.id) }.map { credential in
            let expires = credential.expires!
            let window = days.window(opens: expires.adding(days: -ExpiryAlert.sixtyDays.rawValue), due: expires)
            let renewal = staff.credentials.filter(credential.isRenewed).min { ($0.issued ?? .distantFuture) < ($1.issued ?? .distantFuture) }
            let state: Obligation.State = renewal.map { .met(recordID: $0.id, late: ($0.issued ?? expires) > expires) }
                ?? days.state(of: window, now: now)
            let key = Obligation.key(rule: "\(Self.ruleID):\(credential.id)", occurrence: 1)
            return Obligation(key: key, ruleID: Self.ruleID, occurrence: 1, title: "Renew \(credential.name)", citation: Self.citation,
                              window: window, state: state,
                              explanation: explanation(staff: staff, credential: credential, state: state, renewal: renewal))
        }
    }

    private func explanation(staff: StaffProfile, credential: Credential, state: Obligation.State, renewal: Credential?) -> String {
        let lead = "\(staff.name)'s \(credential.name) (number \(credential.number)) expires \(credential.expires!); "
            + "\(Self.citation): staff hold the licenses and certifications the state requires. Alerts go out 60, 30 and 7 days before."
        let status: String = switch state {
        case .met(_, let late): "Renewed\(late ? " after it expired" : "")\(renewal.map { ": \($0.name) number \($0.number) on file" } ?? "")."
        case .overdue: "Expired: visits that need it are refused until the renewal is recorded."
        case .upcoming: "Not due for renewal yet."
        default: "Record the renewed credential when it arrives."
        }
        return lead + " " + status
    }
}
