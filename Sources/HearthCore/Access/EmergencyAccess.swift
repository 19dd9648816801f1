import Foundation

/// Break-the-glass: a clinician with no relationship to a patient opens the chart in an emergency, for a limited time,
/// after giving a reason. Every page it opens is audited as emergency access and a supervisor reviews each one
/// [45 CFR 164.312(a)(2)(ii) emergency access procedure; 164.308(a)(1)(ii)(D) information system activity review].
public enum EmergencyAccess {
    /// Licensed clinical staff who can be called to a patient not on their caseload (the nurse covering a weekend, the
    /// case manager on call). The supervisor reads every chart already, so she never needs it; aides follow the aide
    /// care plan of their own patients; physicians, intake and payers keep exactly what their relationship gives; the
    /// administrator opens no chart (45 CFR 164.502(b), 164.514(d)).
    public static let roles: Set<Role> = [.caseManager, .clinician]

    /// What an emergency permits: see the chart, document care, correct the record. Not signing orders, reassigning,
    /// changing the care team, moving the episode or waiving deadlines: those wait for the patient's own team.
    public static let actions: Set<PatientAction> = [.read, .write, .document]

    /// How long an emergency access lasts unless the agency sets otherwise (`HEARTH_EMERGENCY_ACCESS_HOURS`).
    public static let defaultHours = 4
    /// The agency may choose between one hour and a twelve-hour shift.
    public static let allowedHours = 1...12

    /// A reason a reviewer can judge: a few words at least, and not an essay.
    public static let reasonLength = 10...500

    /// What is wrong with a reason, said so the person can fix it; nil when it will do.
    public static func problem(reason: String) -> String? {
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return "Say why you need this chart now, e.g. \"Covering weekend call: patient reports chest pain\"." }
        if text.count < reasonLength.lowerBound {
            return "Say a little more (at least \(reasonLength.lowerBound) characters): a supervisor reviews every emergency access."
        }
        if text.count > reasonLength.upperBound { return "Keep the reason under \(reasonLength.upperBound) characters." }
        let invisible = text.unicodeScalars.contains { scalar in
            let category = scalar.properties.generalCategory
            return (category == .control && !"\n\r\t".unicodeScalars.contains(scalar)) || category == .format
        }
        if invisible { return "The reason contains invisible characters (such as a right-to-left override). Type it again." }
        return nil
    }
}

/// One emergency access: who opened which chart, why, from when until when, and the supervisor's review.
public struct EmergencyAccessGrant: Sendable, Equatable {
    public var startedAt: Date
    public var endsAt: Date
    /// Set when the user ended it before its time.
    public var endedAt: Date?
    public var reviewedAt: Date?

    public init(startedAt: Date, endsAt: Date, endedAt: Date? = nil, reviewedAt: Date? = nil) {
        self.startedAt = startedAt
        self.endsAt = endsAt
        self.endedAt = endedAt
        self.reviewedAt = reviewedAt
    }

    /// A new access from `now`, for the agency's number of hours.
    public init(now: Date, hours: Int = EmergencyAccess.defaultHours) {
        let hours = min(max(hours, EmergencyAccess.allowedHours.lowerBound), EmergencyAccess.allowedHours.upperBound)
        self.init(startedAt: now, endsAt: now.addingTimeInterval(TimeInterval(hours * 3600)))
    }

    /// Where the access stands for its reviewer.
    public enum State: String, Sendable, Equatable {
        /// The chart is open to the user right now.
        case open
        /// It has ended and waits for a supervisor's review.
        case awaitingReview = "awaiting_review"
        case reviewed
    }

    /// Open until the moment it ends: one second later the next request is refused.
    public func isOpen(now: Date) -> Bool { endedAt == nil && now < endsAt }

    /// When it stopped (or will stop) letting the user in.
    public var end: Date { endedAt.map { min($0, endsAt) } ?? endsAt }

    public func state(now: Date) -> State {
        if reviewedAt != nil { return .reviewed }
        return isOpen(now: now) ? .open : .awaitingReview
    }

    /// The user ends it early (she is done, or opened the wrong chart); an ended access cannot be ended again.
    public mutating func endNow(_ now: Date) -> String? {
        guard isOpen(now: now) else { return "This emergency access has already ended." }
        endedAt = now
        return nil
    }

    /// A supervisor reviews it with a note, once. An open access may be reviewed too: the supervisor sees the reason.
    public mutating func review(note: String, now: Date) -> String? {
        guard reviewedAt == nil else { return "This emergency access has already been reviewed." }
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return "Write what you found, e.g. \"Justified: covering call, nurse documented the visit\"." }
        if text.count > 1000 { return "Keep the note under 1000 characters." }
        reviewedAt = now
        return nil
    }
}
