import Foundation

/// A referral waiting too long: no answer after it was sent, or no start after it was accepted.
public struct ReferralOverdue: Sendable, Equatable {
    public enum Waiting: String, Sendable, Hashable, Codable {
        /// Sent, with no accept or decline.
        case response
        /// Accepted, with the service not started.
        case serviceStart = "service_start"
    }

    public var referralID: String
    public var waiting: Waiting
    /// The day it was sent (for a response) or accepted (for a start).
    public var since: CalendarDate
    /// The last day that was still on time.
    public var dueOn: CalendarDate
    public var daysOverdue: Int
    /// What the case manager should do, for the worklist.
    public var message: String
}

extension ResourceReferral {
    /// Business days to wait for an answer: community agencies usually answer a referral within three working days;
    /// a longer silence most often means it was lost, so the case manager calls.
    public static let responseBusinessDays = 3
    /// Calendar days from acceptance to the first service: most services start within two weeks; later than that,
    /// check the patient is managing and the start date is real.
    public static let serviceStartDays = 14

    /// Why the referral needs a call today, or nil while it is on time (or not waiting on anyone).
    public func responseOverdue(now: Date, in zone: TimeZone) -> ReferralOverdue? {
        let today = CalendarDate(now, in: zone)
        switch state {
        case .sent:
            guard let sent = when(.sent) else { return nil }
            let since = CalendarDate(sent, in: zone), due = since.adding(businessDays: Self.responseBusinessDays)
            guard today > due else { return nil }
            return ReferralOverdue(referralID: id, waiting: .response, since: since, dueOn: due, daysOverdue: due.days(until: today),
                                   message: "No answer from \(target.title) since \(since): call to confirm they received the referral.")
        case .accepted:
            guard let accepted = when(.accepted) else { return nil }
            let since = CalendarDate(accepted, in: zone), due = since.adding(days: Self.serviceStartDays)
            guard today > due else { return nil }
            return ReferralOverdue(referralID: id, waiting: .serviceStart, since: since, dueOn: due, daysOverdue: due.days(until: today),
                                   message: "\(target.title) accepted on \(since) but has not started: ask for a start date and check the patient is managing.")
        case .draft, .declined, .serviceStarted, .closed:
            return nil
        }
    }
}
