import Foundation

/// An assessment answer that can harm the patient if no one acts today (a PHQ-9 item 9 answer, an oxygen saturation
/// under 90%) stays in front of the case manager and the supervisors until someone records the contact made.
/// When no one has acted within the agency's escalation window, it is escalated to the supervisors.
public struct SafetyAlertWatch: Sendable, Equatable {
    /// Hours an open urgent alert may wait before the supervisors are alerted. Agencies set their own in policy; four
    /// hours keeps a same-day contact possible within a nursing shift.
    public static let defaultEscalationHours = 4

    public var escalationHours: Int

    public init(escalationHours: Int = SafetyAlertWatch.defaultEscalationHours) {
        self.escalationHours = max(1, escalationHours)
    }

    /// Where an open alert stands now.
    public struct Status: Sendable, Equatable {
        /// Whole hours since the alert was raised.
        public var hoursOpen: Int
        /// Past the escalation window with no contact recorded.
        public var isEscalated: Bool
        /// When it escalates (or did).
        public var escalatesAt: Date

        /// "Open 5 h: escalated to supervisors (no contact recorded within 4 h)" or "Open 1 h; escalates at 14:05".
        public func summary(escalationHours: Int, clock: (Date) -> String) -> String {
            let open = hoursOpen < 1 ? "Raised under an hour ago" : "Open \(hoursOpen) h"
            return isEscalated
                ? "\(open): escalated to supervisors (no contact recorded within \(escalationHours) h)"
                : "\(open); escalates to supervisors at \(clock(escalatesAt)) if no contact is recorded"
        }
    }

    public func status(raisedAt: Date, now: Date) -> Status {
        let escalatesAt = raisedAt.addingTimeInterval(TimeInterval(escalationHours * 3_600))
        return Status(hoursOpen: max(0, Int(now.timeIntervalSince(raisedAt) / 3_600)), isEscalated: now >= escalatesAt, escalatesAt: escalatesAt)
    }

    /// A recorded contact says who was reached and what was done: a bare "done" is not a record of a safety contact.
    public static func contactProblem(_ note: String) -> String? {
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return "Say who you reached and what was done (for example: called the patient, safe, crisis line given, physician told)." }
        if text.count < 10 { return "Say a little more: who you reached and what was done." }
        if text.count > 2_000 { return "Keep the note under 2,000 characters." }
        return nil
    }
}
