/// Where a home visit stands. A visit is booked `scheduled`, is under way once the clinician checks in (still
/// `scheduled`, shown "In progress"), `completed` at check-out; only a visit not yet started can be recorded as
/// `missed`, cancelled or moved.
public enum VisitStatus: String, Sendable, Codable, CaseIterable {
    case scheduled
    case completed
    case missed
    case cancelled

    /// What the clinician and the scheduler read: "In progress" once checked in (it read "Scheduled" while the nurse
    /// was in the home).
    public func title(checkedIn: Bool) -> String {
        switch self {
        case .scheduled: checkedIn ? "In progress" : "Scheduled"
        case .completed: "Completed"
        case .missed: "Missed"
        case .cancelled: "Cancelled"
        }
    }

    /// Booked and not yet begun: the only visits that can be missed, cancelled, moved or replaced by scheduling again.
    public func isNotYetStarted(checkedIn: Bool) -> Bool { self == .scheduled && !checkedIn }

    /// Everything but a cancelled visit takes its place on the calendar (a missed visit still counts against the frequency).
    public var isOnCalendar: Bool { self != .cancelled }

    /// Check-out ends the visit.
    public func checkedOut() -> VisitStatus { .completed }

    /// The clinician records that the visit did not happen.
    public func missed(checkedIn: Bool) throws(VisitLifecycleError) -> VisitStatus {
        guard isNotYetStarted(checkedIn: checkedIn) else { throw .alreadyStarted(action: "recorded as missed") }
        return .missed
    }

    /// The scheduler takes the visit off the calendar.
    public func cancelled(checkedIn: Bool) throws(VisitLifecycleError) -> VisitStatus {
        guard isNotYetStarted(checkedIn: checkedIn) else { throw .alreadyStarted(action: "cancelled") }
        return .cancelled
    }
}

/// A move the visit's state does not allow, said so the person knows what to do instead.
public enum VisitLifecycleError: Error, Sendable, Equatable, CustomStringConvertible {
    case alreadyStarted(action: String)

    public var description: String {
        switch self {
        case .alreadyStarted(let action): "Only a visit not yet started can be \(action)."
        }
    }
}
