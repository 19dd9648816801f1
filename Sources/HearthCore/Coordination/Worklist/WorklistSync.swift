import Foundation

extension WorklistSource {
    /// Tasks from these sources describe a condition that can end by itself (the order got signed, the authorization was
    /// renewed); when the rule stops proposing them they are retired. Alerts, follow-ups and hand-made tasks wait for a person.
    public var clearsItself: Bool {
        switch self {
        case .unsignedOrder, .overdueAssessment, .missedVisit, .expiringAuthorization, .referralOverdue, .homeSafetyFollowUp,
             .teachingReinforcement, .returnedOrder: true
        case .manual, .phq9SafetyAlert, .communicationFollowUp, .referralWithdrawn: false
        }
    }
}

/// What the app must write to bring stored tasks in line with the rules: tasks to create, open tasks whose wording or
/// priority changed, and open rule tasks whose situation has cleared. `existing` must be every stored task (open and done)
/// for the same patients the facts covered, or tasks of other patients would look cleared.
public struct WorklistSync: Sendable, Equatable {
    /// Who retires a task whose situation cleared, and the note kept on it.
    public static let retiredBy = "Hearth"
    public static let retiredNote = "Closed automatically: the situation that raised this task has cleared."

    public var create: [WorklistTask]
    /// Open tasks with a new title, detail or priority; the stored id, owner and due day are kept.
    public var update: [WorklistTask]
    /// Open rule tasks no longer proposed; the app completes them as `retiredBy` with `retiredNote`.
    public var retire: [WorklistTask]

    public init(existing: [WorklistTask], proposed: [WorklistTask]) {
        var byKey: [String: WorklistTask] = [:]
        for task in existing {
            guard let key = task.dedupeKey else { continue }
            // Prefer the open copy if a key somehow has both.
            if let held = byKey[key], held.state == .open { continue }
            byKey[key] = task
        }
        var create: [WorklistTask] = [], update: [WorklistTask] = []
        var proposedKeys: Set<String> = []
        for task in proposed {
            guard let key = task.dedupeKey, proposedKeys.insert(key).inserted else { continue }
            guard let stored = byKey[key] else {
                create.append(task)
                continue
            }
            guard stored.state == .open, stored.title != task.title || stored.detail != task.detail || stored.priority != task.priority
            else { continue }
            var changed = stored
            changed.title = task.title
            changed.detail = task.detail
            changed.priority = task.priority
            update.append(changed)
        }
        self.create = create
        self.update = update
        retire = existing.filter { task in
            guard let key = task.dedupeKey else { return false }
            return task.state == .open && task.source.clearsItself && !proposedKeys.contains(key)
        }
    }

    public var isEmpty: Bool { create.isEmpty && update.isEmpty && retire.isEmpty }
}

/// Which tasks a list shows, and in what order: open safety alerts first (they must be impossible to miss), then
/// overdue, then by priority (urgent first), then by due day.
public struct WorklistFilter: Sendable, Equatable {
    /// Only these owners' tasks; nil for everyone's.
    public var owners: Set<String>?
    public var patientIDs: Set<String>?
    public var sources: Set<WorklistSource>?
    /// Done tasks are listed after open ones, most recently done first.
    public var includeDone: Bool

    public init(owners: Set<String>? = nil, patientIDs: Set<String>? = nil, sources: Set<WorklistSource>? = nil, includeDone: Bool = false) {
        self.owners = owners
        self.patientIDs = patientIDs
        self.sources = sources
        self.includeDone = includeDone
    }

    /// "My tasks": one person's open tasks.
    public static func myTasks(_ owner: String) -> WorklistFilter { WorklistFilter(owners: [owner]) }

    /// A team view: the open tasks of everyone on the team, or of the team's patients.
    public static func team(members: Set<String>, patients: Set<String>? = nil) -> WorklistFilter {
        WorklistFilter(owners: members, patientIDs: patients)
    }

    public func apply(to tasks: [WorklistTask], today: CalendarDate) -> [WorklistTask] {
        tasks.filter { task in
            (includeDone || task.state == .open)
                && owners.map { $0.contains(task.owner) } ?? true
                && patientIDs.map { ids in task.patientID.map(ids.contains) ?? false } ?? true
                && sources.map { $0.contains(task.source) } ?? true
        }.sorted { Self.ordered($0, before: $1, today: today) }
    }

    /// Open before done; safety alerts before anything else; overdue before not; higher priority; earlier due day; then
    /// title and id for a stable order.
    public static func ordered(_ a: WorklistTask, before b: WorklistTask, today: CalendarDate) -> Bool {
        if a.state != b.state { return a.state == .open }
        if a.state == .done, let x = a.completion?.at, let y = b.completion?.at, x != y { return x > y }
        if a.source.isSafetyAlert != b.source.isSafetyAlert { return a.source.isSafetyAlert }
        let (aLate, bLate) = (a.isOverdue(on: today), b.isOverdue(on: today))
        if aLate != bLate { return aLate }
        if a.priority != b.priority { return a.priority > b.priority }
        if a.due != b.due { return a.due < b.due }
        return (a.title.lowercased(), a.id) < (b.title.lowercased(), b.id)
    }
}

/// Counts for a worklist header or a caseload dashboard.
public struct WorklistCounts: Sendable, Equatable {
    public var open: Int
    public var overdue: Int
    public var dueToday: Int
    public var urgent: Int

    public init(_ tasks: [WorklistTask], today: CalendarDate) {
        let open = tasks.filter { $0.state == .open }
        self.open = open.count
        overdue = open.count { $0.due < today }
        dueToday = open.count { $0.due == today }
        urgent = open.count { $0.priority == .urgent }
    }
}
