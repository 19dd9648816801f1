import Foundation

/// Why a stay is in the UR nurse's queue, each with the weight that ranks it.
public enum QueueReason: String, Sendable, CaseIterable {
    case wrongStatus = "wrong_status"
    case observationHours = "observation_hours"
    case reviewOverdue = "review_overdue"
    case reviewDue = "review_due"
    case payerDaysEnding = "payer_days"
    case noExpectedDischarge = "no_edd"
    case pastGMLOS = "past_gmlos"

    public var title: String {
        switch self {
        case .wrongStatus: "Wrong-status risk"
        case .observationHours: "Observation hours"
        case .reviewOverdue: "Review overdue"
        case .reviewDue: "Review due"
        case .payerDaysEnding: "Payer days running out"
        case .noExpectedDischarge: "No expected discharge date"
        case .pastGMLOS: "Past GMLOS"
        }
    }
}

/// One reason a stay needs review now, explained and cited.
public struct QueueFinding: Sendable, Equatable {
    public var reason: QueueReason
    public var weight: Int
    public var title: String
    public var citation: String
    public var explanation: String
}

/// What the queue knows about a stay beyond its clock: the last review, the payer's approved days, the DRG, the procedures.
public struct QueueStay: Sendable {
    public var id: String
    public var stay: InpatientStay
    public var nextReview: CalendarDate?
    public var approvedThrough: CalendarDate?
    public var drg: String?
    public var procedureCodes: [String]

    public init(id: String, stay: InpatientStay, nextReview: CalendarDate? = nil, approvedThrough: CalendarDate? = nil, drg: String? = nil, procedureCodes: [String] = []) {
        self.id = id
        self.stay = stay
        self.nextReview = nextReview
        self.approvedThrough = approvedThrough
        self.drg = drg
        self.procedureCodes = procedureCodes
    }
}

public struct QueueEntry: Sendable, Equatable {
    public var id: String
    public var score: Int
    /// Heaviest first.
    public var findings: [QueueFinding]
}

/// The UR nurse's ranked queue: every current stay that needs a review, the most urgent first, each with its reasons —
/// so reviews stop being the luck of the draw. A pure function of the stays, the rules and `now`.
public struct ReviewQueue: Sendable {
    public static let moonHours = 24.0
    public static let approachingHours = 6.0
    public static let citations: [QueueReason: String] = [
        .wrongStatus: "42 CFR 412.3(d)(1)-(2)",
        .observationHours: "42 CFR 489.20(y); \(CMSCriteria.observationCitation)",
        .reviewOverdue: "42 CFR 482.30(c)-(d)",
        .reviewDue: "42 CFR 482.30(c)-(d)",
        .payerDaysEnding: "payer's authorization",
        .noExpectedDischarge: "42 CFR 482.43(a)",
        .pastGMLOS: "42 CFR 482.30(d)(1)",
    ]

    public var clock: StayClock
    public var criteria: CMSCriteria
    public var norms: LengthOfStayNorms

    public init(clock: StayClock, criteria: CMSCriteria, norms: LengthOfStayNorms) {
        self.clock = clock
        self.criteria = criteria
        self.norms = norms
    }

    /// Stays with at least one reason, highest score first; ties go to the longest here, then by id.
    public func rank(_ stays: [QueueStay], now: Date) -> [QueueEntry] {
        stays.filter { !$0.stay.isDischarged }.compactMap { stay -> (QueueEntry, Date)? in
            let found = findings(stay, now: now)
            guard !found.isEmpty else { return nil }
            return (QueueEntry(id: stay.id, score: found.reduce(0) { $0 + $1.weight }, findings: found), stay.stay.arrivedAt)
        }
        .sorted { ($1.0.score, $0.1, $0.0.id) < ($0.0.score, $1.1, $1.0.id) }
        .map(\.0)
    }

    /// Every reason `stay` needs review now, heaviest first.
    public func findings(_ stay: QueueStay, now: Date) -> [QueueFinding] {
        let today = clock.day(now)
        let found = [wrongStatus(stay, now: now), observation(stay.stay, now: now), review(stay, now: now, today: today),
                     payerDays(stay, today: today), expectedDischarge(stay.stay, now: now), gmlos(stay, now: now)].compactMap { $0 }
        return found.sorted { $0.weight > $1.weight }
    }

    func finding(_ reason: QueueReason, _ weight: Int, _ title: String, _ explanation: String) -> QueueFinding {
        QueueFinding(reason: reason, weight: weight, title: title, citation: Self.citations[reason] ?? "", explanation: explanation)
    }

    /// The status the stay is in does not match what CMS's rules point to.
    func wrongStatus(_ stay: QueueStay, now: Date) -> QueueFinding? {
        let current = stay.stay.currentStatus
        // An inpatient without an expected discharge date has no expectation to check yet: "no EDD" says so.
        if current == .inpatient && stay.stay.expectedDischarge == nil && stay.procedureCodes.isEmpty { return nil }
        let result = criteria.evaluate(ReviewCase(stay: stay.stay, now: now, proposedLevel: current, procedureCodes: stay.procedureCodes, clock: clock))
        guard result.met == false, let suggested = result.suggestedLevel, suggested != current else { return nil }
        let why = result.findings.filter { $0.met == (suggested == .inpatient) && $0.id != "observation-hours" }.map(\.explanation).joined(separator: " ")
        return finding(.wrongStatus, 100, "\(current.title) may be the wrong status: \(suggested.title.lowercased()) indicated", why)
    }

    /// Observation nearing or past 24 hours (the MOON and the admit-or-discharge decision) and 48 hours.
    func observation(_ stay: InpatientStay, now: Date) -> QueueFinding? {
        guard let hours = CMSCriteria.observationHours(stay, now: now) else { return nil }
        let limit = CMSCriteria.observationLimitHours
        let shown = "\(Int(hours)) hours in observation"
        if hours >= limit {
            return finding(.observationHours, 90, "Observation past 48 hours", "\(shown). Observation rarely needs more than 48 hours: admit or discharge.")
        }
        if hours >= limit - Self.approachingHours {
            return finding(.observationHours, 80, "Observation nearing 48 hours", "\(shown). Decide admission or discharge before 48 hours.")
        }
        if hours >= Self.moonHours {
            return finding(.observationHours, 40, "Observation past 24 hours", "\(shown). The MOON is owed within 36 hours of the observation start; review the status.")
        }
        if hours >= Self.moonHours - Self.approachingHours {
            return finding(.observationHours, 70, "Observation nearing 24 hours", "\(shown). At 24 hours the MOON is owed: review whether to admit or discharge first.")
        }
        return nil
    }

    /// No review yet, or the next review date has come or passed.
    func review(_ stay: QueueStay, now: Date, today: CalendarDate) -> QueueFinding? {
        guard let next = stay.nextReview else {
            let hours = now.timeIntervalSince(stay.stay.arrivedAt) / 3600
            return hours >= 24
                ? finding(.reviewOverdue, 65, "No admission review after 24 hours", "The patient arrived \(Int(hours)) hours ago and has not been reviewed.")
                : finding(.reviewDue, 50, "Admission review due", "Not reviewed yet: review the status while the decision is fresh.")
        }
        let late = next.days(until: today)
        if late > 0 { return finding(.reviewOverdue, 60 + min(late, 10), "Review overdue \(late) day\(late == 1 ? "" : "s")", "The next review was due \(next).") }
        if late == 0 { return finding(.reviewDue, 50, "Review due today", "The next review date is today (\(next)).") }
        return nil
    }

    /// The payer's approved days ended or end today or tomorrow.
    func payerDays(_ stay: QueueStay, today: CalendarDate) -> QueueFinding? {
        guard let through = stay.approvedThrough else { return nil }
        let left = today.days(until: through)
        if left < 0 {
            return finding(.payerDaysEnding, 75, "Past the payer's approved days", "Days were approved through \(through): send clinicals for more days today.")
        }
        if left <= 1 {
            return finding(.payerDaysEnding, left == 0 ? 70 : 55, "Payer days end \(left == 0 ? "today" : "tomorrow")",
                           "Days are approved through \(through): send updated clinicals before they run out.")
        }
        return nil
    }

    /// The expected discharge date, entered within 24 hours of admission, is missing.
    func expectedDischarge(_ stay: InpatientStay, now: Date) -> QueueFinding? {
        guard stay.expectedDischarge == nil else { return nil }
        let since = stay.admittedAt ?? stay.arrivedAt
        let hours = now.timeIntervalSince(since) / 3600
        return hours >= 24
            ? finding(.noExpectedDischarge, 45, "No expected discharge date after 24 hours", "Set the expected discharge date: discharge planning starts from it.")
            : finding(.noExpectedDischarge, 20, "No expected discharge date yet", "Enter it within 24 hours of admission.")
    }

    func gmlos(_ stay: QueueStay, now: Date) -> QueueFinding? {
        guard let comparison = norms.compare(stay.stay, drg: stay.drg, clock: clock, now: now), comparison.isPastGMLOS else { return nil }
        return finding(.pastGMLOS, 35, "Past the GMLOS", "\(comparison.summary). Review continued stay and what the patient is waiting for.")
    }
}
