import Foundation

/// How soon a task needs doing.
public enum WorklistPriority: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case low, normal, high, urgent

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public static func < (lhs: WorklistPriority, rhs: WorklistPriority) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What put a task on the worklist: a person, or a rule watching the chart.
public enum WorklistSource: String, Sendable, Hashable, Codable, CaseIterable {
    case manual
    case phq9SafetyAlert = "phq9_safety_alert"
    case unsignedOrder = "unsigned_order"
    case overdueAssessment = "overdue_assessment"
    case missedVisit = "missed_visit"
    case expiringAuthorization = "expiring_authorization"
    case referralOverdue = "referral_overdue"
    case homeSafetyFollowUp = "home_safety_follow_up"
    case teachingReinforcement = "teaching_reinforcement"
    case communicationFollowUp = "communication_follow_up"
    /// An order the physician returned: it closes when the order is corrected and sent again, or withdrawn with a reason.
    case returnedOrder = "returned_order"
    /// The hospital withdrew a referral the agency had accepted: someone must call it and stop or close the episode.
    case referralWithdrawn = "referral_withdrawn"

    /// An assessment answer that can harm the patient: closed only by recording the contact made, never by a bare "Done".
    public var isSafetyAlert: Bool { self == .phq9SafetyAlert }

    /// A task that mirrors a regulatory deadline closes when the deadline is met or waived, never by "Done" (which would
    /// hide it while the deadline stays overdue); until then it may be snoozed with a reason.
    public var closesWithItsDeadline: Bool { self == .overdueAssessment }

    /// A returned order's task closes when the order is resent or withdrawn, never by "Done" (the order would stay rejected
    /// and unsigned while its task vanished); the task leads to the order instead.
    public var closesWithItsOrder: Bool { self == .returnedOrder }

    /// Whether a person may close the task with a bare "Done".
    public var closesByHand: Bool { !isSafetyAlert && !closesWithItsDeadline && !closesWithItsOrder }

    public var title: String {
        switch self {
        case .manual: "Added by hand"
        case .phq9SafetyAlert: "Safety alert"
        case .unsignedOrder: "Unsigned order"
        case .overdueAssessment: "Overdue deadline"
        case .missedVisit: "Missed visit"
        case .expiringAuthorization: "Expiring authorization"
        case .referralOverdue: "Referral follow-up"
        case .homeSafetyFollowUp: "Home safety follow-up"
        case .teachingReinforcement: "Teaching to reinforce"
        case .communicationFollowUp: "Communication follow-up"
        case .returnedOrder: "Returned order"
        case .referralWithdrawn: "Referral withdrawn by the hospital"
        }
    }
}

/// Who finished a task and when; kept forever.
public struct WorklistCompletion: Sendable, Hashable, Codable {
    public var by: String
    public var at: Date
    public var note: String?

    public init(by: String, at: Date, note: String? = nil) {
        self.by = by
        self.at = at
        self.note = note
    }
}

/// Something someone must do for a patient (or for the team), by a day.
public struct WorklistTask: Sendable, Hashable, Codable, Identifiable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case open, done
    }

    public var id: String
    /// For tasks made by rules: the same situation always gives the same key, so the app upserts instead of duplicating.
    public var dedupeKey: String?
    public var title: String
    /// Why the task exists and what to look at.
    public var detail: String?
    public var patientID: String?
    public private(set) var owner: String
    public var due: CalendarDate
    public var priority: WorklistPriority
    public let source: WorklistSource
    public private(set) var state: State
    public private(set) var completion: WorklistCompletion?

    public init(id: String, dedupeKey: String? = nil, title: String, detail: String? = nil, patientID: String?, owner: String,
                due: CalendarDate, priority: WorklistPriority = .normal, source: WorklistSource, state: State = .open,
                completion: WorklistCompletion? = nil) {
        self.id = id
        self.dedupeKey = dedupeKey
        self.title = title
        self.detail = detail
        self.patientID = patientID
        self.owner = owner
        self.due = due
        self.priority = priority
        self.source = source
        self.state = state
        self.completion = completion
    }

    /// Open and its due day has passed.
    public func isOverdue(on day: CalendarDate) -> Bool { state == .open && due < day }

    /// Marks the task done, keeping who and when; a task already done is refused, so the first completion stands.
    public mutating func complete(by person: String, at instant: Date, note: String = "") throws(WorklistError) {
        if state == .done, let completion { throw .alreadyDone(by: completion.by, at: completion.at) }
        guard !person.trimmed.isEmpty else { throw .personRequired }
        completion = WorklistCompletion(by: person.trimmed, at: instant, note: note.trimmed.nonEmpty)
        state = .done
    }

    /// Hands an open task to someone else.
    public mutating func reassign(to owner: String) throws(WorklistError) {
        if state == .done, let completion { throw .alreadyDone(by: completion.by, at: completion.at) }
        guard !owner.trimmed.isEmpty else { throw .ownerRequired }
        self.owner = owner.trimmed
    }
}

/// Why a change to a task was refused; the task was left unchanged.
public enum WorklistError: Error, Sendable, Equatable, CustomStringConvertible {
    case alreadyDone(by: String, at: Date)
    case personRequired
    case ownerRequired

    public var description: String {
        switch self {
        case .alreadyDone(let by, let at):
            "This task was already done by \(by) at \(SignatureManifest.timeText(at, in: TimeZone(identifier: "UTC")!)). "
                + "Add a new task if more is needed."
        case .personRequired: "Say who completed the task."
        case .ownerRequired: "Choose who the task is for."
        }
    }
}

/// The task form as typed, for tasks added by hand.
public struct WorklistTaskDraft: Sendable, Equatable {
    public var title: String
    public var detail: String
    public var patientID: String
    public var owner: String
    public var due: String
    public var priority: String

    public init(title: String, detail: String = "", patientID: String = "", owner: String, due: String, priority: String = "normal") {
        self.title = title.trimmed
        self.detail = detail.trimmed
        self.patientID = patientID.trimmed
        self.owner = owner.trimmed
        self.due = due.trimmed
        self.priority = priority.trimmed.lowercased()
    }

    /// Problems by field name; empty when the task can be saved.
    public func problems(today: CalendarDate) -> [String: String] {
        var problems: [String: String] = [:]
        if title.isEmpty { problems["title"] = "Say what needs doing, e.g. call Dr. Ruiz's office about the unsigned order." }
        if title.count > 200 { problems["title"] = "Use at most 200 characters; put detail below." }
        if detail.count > 2000 { problems["detail"] = "Use at most 2,000 characters." }
        if owner.isEmpty { problems["owner"] = "Choose who the task is for." }
        if let day = CalendarDate(due) {
            if day < today { problems["due"] = "The due date is in the past. Choose today or a later day." }
            if !day.isPlausible { problems["due"] = CalendarDate.implausibleProblem }
        } else {
            problems["due"] = "Enter the due date as YYYY-MM-DD."
        }
        if WorklistPriority(rawValue: priority) == nil { problems["priority"] = "Choose low, normal, high or urgent." }
        return problems
    }

    /// The checked task; nil while there are problems.
    public func task(id: String, today: CalendarDate) -> WorklistTask? {
        guard problems(today: today).isEmpty, let day = CalendarDate(due), let priority = WorklistPriority(rawValue: priority) else { return nil }
        return WorklistTask(id: id, title: title, detail: detail.nonEmpty, patientID: patientID.nonEmpty, owner: owner, due: day,
                            priority: priority, source: .manual)
    }
}
