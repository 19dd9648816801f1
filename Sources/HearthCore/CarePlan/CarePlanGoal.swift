/// Where a care-plan goal stands. A goal is measured, not just closed: met and not met are outcomes,
/// revised keeps it in force with a new target or date, discontinued ends it without an outcome.
public enum GoalStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    case met
    case notMet = "not_met"
    case revised
    case discontinued

    public var title: String {
        switch self {
        case .active: "Active"
        case .met: "Met"
        case .notMet: "Not met"
        case .revised: "Revised"
        case .discontinued: "Discontinued"
        }
    }

    /// The statuses a goal may move to from this one. Met and discontinued are final (a new need is a new goal);
    /// a goal not met by its date is revised (new target or date) or discontinued.
    public var next: [GoalStatus] {
        switch self {
        case .active, .revised: [.met, .notMet, .revised, .discontinued]
        case .notMet: [.revised, .discontinued]
        case .met, .discontinued: []
        }
    }

    /// Still being worked on, so it belongs on the visit note and the printed plan.
    public var isInForce: Bool { self == .active || self == .revised }

    /// Not met and discontinued need a reason: a surveyor and the next clinician will ask why.
    public var needsReason: Bool { self == .notMet || self == .discontinued }
}

/// A measurable goal for one problem: what the patient will achieve, how it is measured, and by when
/// [42 CFR 484.60(a)(2)(xiv): measurable outcomes and goals].
public struct CarePlanGoal: Sendable, Hashable, Codable, Identifiable {
    /// Stable across versions, so a diff matches a goal to itself.
    public var id: String
    public var problemID: String
    /// What the patient or caregiver will do or reach: "Walks to the mailbox with a rolling walker".
    public var what: String
    /// The target value or observable behaviour: "150 feet without rest", "names 3 signs of low blood sugar".
    public var measure: String
    public var targetDate: CalendarDate
    public var status: GoalStatus
    /// Why it was not met or discontinued, or what was revised.
    public var statusReason: String?

    public init(id: String, problemID: String, what: String, measure: String, targetDate: CalendarDate,
                status: GoalStatus = .active, statusReason: String? = nil) {
        self.id = id
        self.problemID = problemID
        self.what = what
        self.measure = measure
        self.targetDate = targetDate
        self.status = status
        self.statusReason = statusReason
    }

    /// Records an outcome or a discontinuation; a refused change leaves the goal as it was.
    public mutating func changeStatus(to status: GoalStatus, reason: String = "") throws(GoalError) {
        let reason = reason.trimmed
        guard status != .revised else { throw .reviseWithNewTarget }
        guard self.status.next.contains(status) else { throw .illegalStatusChange(from: self.status, to: status) }
        guard !status.needsReason || !reason.isEmpty else { throw .reasonRequired(status) }
        self.status = status
        statusReason = reason.isEmpty ? nil : reason
    }

    /// Changes the measure or target date of a goal in force or not met; the goal becomes "revised".
    public mutating func revise(measure: String? = nil, targetDate: CalendarDate? = nil, reason: String,
                                in period: CertificationPeriod) throws(GoalError) {
        let reason = reason.trimmed, measure = measure?.trimmed
        guard status.next.contains(.revised) else { throw .illegalStatusChange(from: status, to: .revised) }
        guard measure != nil || targetDate != nil else { throw .nothingRevised }
        guard !reason.isEmpty else { throw .reasonRequired(.revised) }
        if let measure, measure.isEmpty { throw .measureRequired }
        if let targetDate, let problem = Self.targetDateProblem(targetDate, in: period) { throw .targetDateOutsidePeriod(problem) }
        self.measure = measure ?? self.measure
        self.targetDate = targetDate ?? self.targetDate
        status = .revised
        statusReason = reason
    }

    /// A target date must fall in the certification period the plan covers, its last day included.
    static func targetDateProblem(_ date: CalendarDate, in period: CertificationPeriod) -> String? {
        guard date < period.start || date > period.end else { return nil }
        return "The target date must fall in this certification period (\(period.start) – \(period.end)): "
            + "choose a date by \(period.end), or set the goal again on the recertification plan."
    }
}

/// Why a goal change was refused, and what to do instead.
public enum GoalError: Error, Sendable, Equatable, CustomStringConvertible {
    case illegalStatusChange(from: GoalStatus, to: GoalStatus)
    case reasonRequired(GoalStatus)
    case reviseWithNewTarget
    case nothingRevised
    case measureRequired
    case targetDateOutsidePeriod(String)

    public var description: String {
        switch self {
        case .illegalStatusChange(let from, let to):
            from.next.isEmpty
                ? "A goal that is \(from.title.lowercased()) is final and cannot become \(to.title.lowercased()). Add a new goal instead."
                : "A goal that is \(from.title.lowercased()) cannot become \(to.title.lowercased()); choose "
                    + from.next.map { $0.title.lowercased() }.joined(separator: ", ") + "."
        case .reasonRequired(let status):
            status == .revised ? "Say why the goal is revised." : "Say why the goal is \(status.title.lowercased())."
        case .reviseWithNewTarget:
            "To revise a goal, give its new measure or target date and the reason."
        case .nothingRevised:
            "Nothing to revise: change the measure or the target date."
        case .measureRequired:
            "Say how the goal is measured: a target value or something the patient will be seen to do."
        case .targetDateOutsidePeriod(let message):
            message
        }
    }
}
