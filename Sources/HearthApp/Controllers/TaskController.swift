import Fluent
import Foundation
import HearthCore
import Vapor

/// The worklist: my tasks, the team's, and what was done; tasks added by hand; a person marks their task done and a
/// supervisor may close anyone's. Opening it runs the worklist rules over the case manager's caseload.
struct TaskController {
    struct AddForm: Content {
        var patientID: String?; var owner: String?; var due: String?; var priority: String?; var title: String?; var detail: String?
    }

    /// `GET /worklist?view=mine|team|done&owner=<user id>`.
    func worklist(req: Request) async throws -> HTML {
        let page = try await page(req, form: nil, problems: [:])
        try await req.auditRead("task.list", resourceType: "Task", detail: "\(page.view): \(page.tasks.count) tasks")
        return page.html
    }

    /// `POST /tasks`: a task added by hand, for a patient the person may document on.
    func add(req: Request) async throws -> Response {
        let form = try req.content.decode(AddForm.self)
        let draft = WorklistTaskDraft(title: form.title ?? "", detail: form.detail ?? "", patientID: form.patientID ?? "", owner: form.owner ?? "",
                                      due: form.due ?? "", priority: form.priority ?? "normal")
        var problems = draft.problems(today: req.agencyToday)
        let patientID = UUID(uuidString: draft.patientID)
        if patientID == nil { problems["patientID"] = "Choose the patient the task is for." }
        var owner: User?
        if let ownerID = UUID(uuidString: draft.owner) { owner = try await User.find(ownerID, on: req.db) }
        if owner?.isActive != true { problems["owner"] = "Choose who the task is for from the list." }
        guard problems.isEmpty, let patientID, let owner, let task = draft.task(id: UUID().uuidString, today: req.agencyToday) else {
            return try await page(req, form: form, problems: problems).html.encodeResponse(status: .unprocessableEntity, for: req)
        }
        let patient = try await PatientAccess.authorize(.document, patientID: patientID, on: req)
        // The task shows the patient's name to its owner: only someone who works with the patient may hold it.
        guard try await PatientAccess.may(.document, user: owner, on: patient, db: req.db) else {
            let refused = ["owner": "\(owner.displayName) does not work with this patient. Choose the case manager or someone on the care team."]
            return try await page(req, form: form, problems: refused).html.encodeResponse(status: .unprocessableEntity, for: req)
        }
        let row = CareTask()
        row.$patient.id = try patient.requireID()
        row.$assignedTo.id = try owner.requireID()
        row.title = task.title
        row.detail = task.detail
        row.priority = task.priority.rawValue
        row.dueAt = AgencyTime.endOfDay(task.due, in: req.application.settings.agencyTimeZone)
        row.status = "open"
        row.source = WorklistSource.manual.rawValue
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await RecordChange(patientID: row.$patient.id, field: "Task added", from: nil, to: "\(task.title) (for \(owner.displayName), due \(task.due))",
                                   by: try req.currentUser.id).create(on: db)
            try await audit("task.create", patientID: patient.id, resourceType: "Task", resourceID: row.id?.uuidString)
        }
        return req.redirect(to: SiteURL.worklist.path + (owner.id == (try req.currentUser.id) ? "" : "?view=team"))
    }

    func done(req: Request) async throws -> Response {
        guard let taskID = req.parameters.get("taskID", as: UUID.self), let task = try await CareTask.find(taskID, on: req.db) else {
            throw AppError.notFound("That task does not exist.")
        }
        let patient = try await PatientAccess.authorize(.document, patientID: task.$patient.id, on: req)
        let user = try req.currentUser
        guard task.$assignedTo.id == user.id || user.role == .supervisor else {
            try await req.audit("task.complete", outcome: .denied, patientID: patient.id, resourceType: "Task", resourceID: taskID.uuidString, detail: "not the assignee")
            throw AppError.forbidden("Only the person it is assigned to, or a supervisor, can close this task.")
        }
        struct DoneForm: Content { var note: String?; var back: String? }
        let form = try? req.content.decode(DoneForm.self)
        let back = form?.back.flatMap { $0.hasPrefix(SiteURL.worklist.path) ? $0 : nil } ?? SiteURL.home.path
        guard task.status == "open" else { return req.redirect(to: back) }
        let source = WorklistSource(rawValue: task.source ?? "") ?? .manual
        guard !source.isSafetyAlert else {
            throw AppError.conflict("A safety alert closes when the contact made is recorded: open the patient's chart and use \"Record the contact\".")
        }
        guard !source.closesWithItsDeadline else {
            throw AppError.conflict("This task closes when its deadline is met or waived on the chart. To put it off, snooze it with a reason.")
        }
        guard !source.closesWithItsOrder else {
            throw AppError.conflict("This task closes when the returned order is corrected and sent again, or withdrawn with a reason: open the order (Correct and resend).")
        }
        task.status = "done"
        task.$completedBy.id = user.id
        task.completedAt = req.now
        task.completionNote = form?.note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        try await req.auditedWrite { db, audit in
            try await task.save(on: db)
            try await RecordChange(patientID: task.$patient.id, field: "Task done", from: nil, to: task.title, by: user.id).create(on: db)
            try await audit("task.complete", patientID: task.$patient.id, resourceType: "Task", resourceID: taskID.uuidString)
        }
        return req.redirect(to: back)
    }

    /// `POST /tasks/:taskID/snooze`: a deadline task put off to a later day, with the reason kept on the task and in the history.
    func snooze(req: Request) async throws -> Response {
        guard let taskID = req.parameters.get("taskID", as: UUID.self), let task = try await CareTask.find(taskID, on: req.db) else {
            throw AppError.notFound("That task does not exist.")
        }
        _ = try await PatientAccess.authorize(.document, patientID: task.$patient.id, on: req)
        let user = try req.currentUser
        guard task.$assignedTo.id == user.id || user.role == .supervisor else {
            throw AppError.forbidden("Only the person it is assigned to, or a supervisor, can snooze this task.")
        }
        struct SnoozeForm: Content { var days: Int?; var reason: String?; var back: String? }
        let form = try req.content.decode(SnoozeForm.self)
        let back = form.back.flatMap { $0.hasPrefix(SiteURL.worklist.path) ? $0 : nil } ?? SiteURL.worklist.path
        let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let days = form.days, (1...14).contains(days) else { throw AppError.badRequest("Choose how many days to snooze the task, from 1 to 14.") }
        guard reason.count >= 5 else { throw AppError.badRequest("Say why the task can wait (for example: assessment visit booked for Thursday).") }
        guard task.status == "open" else { return req.redirect(to: back) }
        let until = req.agencyToday.adding(days: days)
        task.dueAt = AgencyTime.endOfDay(until, in: req.application.settings.agencyTimeZone)
        task.detail = "Snoozed until \(until) by \(user.displayName): \(reason)"
        try await req.auditedWrite { db, audit in
            try await task.save(on: db)
            try await RecordChange(patientID: task.$patient.id, field: "Task snoozed", from: nil, to: "\(task.title) until \(until): \(reason)", by: user.id).create(on: db)
            try await audit("task.snooze", patientID: task.$patient.id, resourceType: "Task", resourceID: taskID.uuidString, detail: "until \(until)")
        }
        return req.redirect(to: back)
    }

    /// The worklist page: the chosen view's tasks, its counts, and the form to add one.
    private func page(_ req: Request, form: AddForm?, problems: [String: String]) async throws -> WorklistPage {
        let user = try req.currentUser
        let zone = req.application.settings.agencyTimeZone
        let now = req.now
        let today = CalendarDate(now, in: zone)
        let view = WorklistPage.View(rawValue: req.query[String.self, at: "view"] ?? "") ?? .mine
        let caseload = try await Patient.query(on: req.db).filter(\.$caseManager.$id == user.id).all(\.$id)
        if user.role == .caseManager {
            try await WorklistStore.sync(patientIDs: caseload, now: now, zone: zone, library: req.application.teachingTopics, on: req.db)
        }
        // Everyone but a supervisor works with their caseload and care-team patients only.
        let teamPatients = user.role == .supervisor ? nil
            : Array(Set(caseload + (try await CareTeamMember.query(on: req.db).filter(\.$user.$id == user.id).all(\.$patient.$id))))
        let ownerFilter = req.query[String.self, at: "owner"].flatMap(UUID.init(uuidString:))
        let scoped = { scope(view, user: user, teamPatients: teamPatients, owner: ownerFilter, on: req.db) }
        let rows = try await tasks(view, scoped, on: req.db)
        let tasks = rows.compactMap { row in WorklistStore.task(row, zone: zone).map { (row, $0) } }
        let ordered = view == .done ? tasks : tasks.sorted { WorklistFilter.ordered($0.1, before: $1.1, today: today) }
        // Counted over every task in view, not over the rows listed, so the header and the per-person counts never undercount.
        let counts = view == .done ? WorklistPage.Counts(WorklistCounts(tasks.map(\.1), today: today))
            : try await Self.counts(scoped, today: today, zone: zone)
        let staff = try await owners(for: user, teamPatients: teamPatients, on: req.db)
        return WorklistPage(
            shell: PageShell(request: req, title: "Worklist"), view: view.rawValue,
            views: WorklistPage.View.allCases.map { .init(id: $0.rawValue, title: $0.title, href: SiteURL.worklist.path + "?view=\($0.rawValue)", current: $0 == view) },
            counts: counts,
            shownNote: view != .done && tasks.count < counts.open ? "Showing the \(tasks.count) most pressing of \(counts.open) open tasks." : nil,
            byOwner: view == .team ? try await Self.byOwner(scoped, on: req.db) : [],
            tasks: try ordered.map { row, task in
                try line(row, task, today: today, mayClose: row.$assignedTo.id == user.id || user.role == .supervisor, req)
            },
            csrfToken: CSRFMiddleware.token(for: req), back: SiteURL.worklist.path + "?view=\(view.rawValue)",
            ownerOptions: user.role == .supervisor && view != .mine
                ? staff.compactMap { u in u.id.map { .init(value: $0.uuidString, label: u.displayName, selected: $0 == ownerFilter) } } : [],
            form: try await addForm(form, problems: problems, user: user, teamPatients: teamPatients, staff: staff, today: today, req))
    }

    /// The tasks a view holds: open tasks for "mine" and "team", done ones for "done"; never outside the person's
    /// patients unless a supervisor.
    private func scope(_ view: WorklistPage.View, user: CurrentUser, teamPatients: [UUID]?, owner: UUID?, on db: any Database) -> QueryBuilder<CareTask> {
        let query = CareTask.query(on: db)
        switch view {
        case .mine: query.filter(\.$assignedTo.$id == user.id).filter(\.$status == "open")
        case .team:
            query.filter(\.$status == "open")
            if let teamPatients { query.filter(\.$patient.$id ~~ teamPatients) }
            if let owner { query.filter(\.$assignedTo.$id == owner) }
        case .done:
            query.filter(\.$status == "done")
            if let teamPatients { query.filter(\.$patient.$id ~~ teamPatients) } else if let owner { query.filter(\.$assignedTo.$id == owner) }
        }
        return query
    }

    /// The rows listed: every open safety alert, then the earliest due (500), or the latest 100 done.
    private func tasks(_ view: WorklistPage.View, _ scoped: () -> QueryBuilder<CareTask>, on db: any Database) async throws -> [CareTask] {
        // Each task's patient is joined for the name alone.
        func rows(_ query: QueryBuilder<CareTask>) -> QueryBuilder<CareTask> {
            query.join(Patient.self, on: \CareTask.$patient.$id == \Patient.$id).fields(for: CareTask.self).patientName()
                .with(\.$assignedTo).with(\.$completedBy)
        }
        if view == .done { return try await rows(scoped()).sort(\.$completedAt, .descending).limit(100).all() }
        let alerts = try await rows(scoped()).filter(\.$source == SafetyAlertStore.source).sort(\.$dueAt).all()
        let rest = try await rows(scoped()).group(.or) { $0.filter(\.$source == nil).filter(\.$source != SafetyAlertStore.source) }
            .sort(\.$dueAt).sort(\.$id).limit(500).all()
        return alerts + rest
    }

    static func counts(_ scoped: () -> QueryBuilder<CareTask>, today: CalendarDate, zone: TimeZone) async throws -> WorklistPage.Counts {
        let startOfToday = AgencyTime.instant(today, hour: 0, in: zone) ?? Date()
        let startOfTomorrow = AgencyTime.instant(today.adding(days: 1), hour: 0, in: zone) ?? Date()
        return .init(open: try await scoped().count(),
                     overdue: try await scoped().filter(\.$dueAt < startOfToday).count(),
                     dueToday: try await scoped().filter(\.$dueAt >= startOfToday).filter(\.$dueAt < startOfTomorrow).count(),
                     urgent: try await scoped().filter(\.$priority == WorklistPriority.urgent.rawValue).count())
    }

    /// Open tasks per person, most first, over every task in view.
    static func byOwner(_ scoped: () -> QueryBuilder<CareTask>, on db: any Database) async throws -> [WorklistPage.OwnerCount] {
        let owners = try await scoped().all(\.$assignedTo.$id)
        let counts = Dictionary(owners.map { ($0, 1) }, uniquingKeysWith: +)
        let names = try await User.query(on: db).filter(\.$id ~~ Array(counts.keys)).all()
        return names.compactMap { user in user.id.flatMap { counts[$0] }.map { WorklistPage.OwnerCount(name: user.displayName, count: $0) } }
            .sorted { ($1.count, $0.name) < ($0.count, $1.name) }
    }

    /// Who a task can be for: a supervisor hands work to case managers and supervisors; anyone else to themselves and
    /// the people on their patients' care teams.
    private func owners(for user: CurrentUser, teamPatients: [UUID]?, on db: any Database) async throws -> [User] {
        let query = User.query(on: db).filter(\.$isActive == true)
        if user.role == .supervisor {
            query.filter(\.$role ~~ [Role.caseManager.rawValue, Role.supervisor.rawValue])
        } else {
            let team = try await CareTeamMember.query(on: db).filter(\.$patient.$id ~~ (teamPatients ?? [])).unique().all(\.$user.$id)
            query.filter(\.$id ~~ Array(Set(team + [user.id])))
        }
        return try await query.sort(\.$displayName).limit(1000).all()
    }

    private func line(_ row: CareTask, _ task: WorklistTask, today: CalendarDate, mayClose: Bool, _ req: Request) throws -> WorklistPage.Task {
        let overdue = task.isOverdue(on: today)
        let zone = req.application.settings.agencyTimeZone
        let patient = try row.joined(Patient.self)
        return WorklistPage.Task(
            id: try row.requireID().uuidString.lowercased(), title: task.title, detail: task.detail,
            patient: "\(patient.listName)", patientHref: SiteURL.patient(row.$patient.id).path,
            owner: row.assignedTo.displayName, due: task.due.description, priority: task.priority.title,
            flag: task.state == .done ? "Done" : overdue ? "Overdue" : task.due == today ? "Due today" : task.priority >= .high ? task.priority.title : "Open",
            flagClass: task.state == .done ? "met" : overdue || task.priority == .urgent ? "overdue" : task.due == today || task.priority == .high ? "due_soon" : "open",
            source: task.source.title,
            completion: task.completion.map { completion in
                "Done by \(row.completedBy?.displayName ?? completion.by) on \(CalendarDate(completion.at, in: zone)) \(req.agencyClock(completion.at))"
                    + (completion.note.map { ": \($0)" } ?? "")
            },
            doneAction: task.state == .open && mayClose && task.source.closesByHand ? SiteURL.task(try row.requireID(), .done).path : nil,
            contactHref: task.state == .open && task.source.isSafetyAlert ? SiteURL.patient(row.$patient.id).path + "#safety-alerts" : nil,
            orderHref: task.state == .open && task.source.closesWithItsOrder
                ? WorklistRules.returnedOrderID(dedupeKey: row.dedupeKey).flatMap(UUID.init(uuidString:)).map { SiteURL.order($0).path } : nil,
            snoozeAction: task.state == .open && mayClose && task.source.closesWithItsDeadline ? SiteURL.task(try row.requireID(), .snooze).path : nil)
    }

    /// The form to add a task: a supervisor chooses among every patient she may see, others among their own.
    private func addForm(_ form: AddForm?, problems: [String: String], user: CurrentUser, teamPatients: [UUID]?, staff: [User], today: CalendarDate,
                         _ req: Request) async throws -> PageForm {
        let f = form ?? AddForm(owner: user.id.uuidString, due: today.description, priority: WorklistPriority.normal.rawValue)
        let patientQuery = if let teamPatients { Patient.query(on: req.db).filter(\.$id ~~ teamPatients) }
            else { try await PatientAccess.visiblePatients(for: user, on: req.db) }
        let patients = try await patientQuery.field(\.$id).field(\.$familyName).field(\.$givenName).field(\.$mrn)
            .sort(\.$familyName).sort(\.$givenName).limit(300).all()
        return PageForm(action: SiteURL.tasks.path, fields: [
            .text("title", "What needs doing", f.title, problems, prefix: "task-", wide: true),
            .select("patientID", "Patient", f.patientID, try patients.map { (try $0.requireID().uuidString, "\($0.listName) (\($0.mrn))") },
                    problems, prefix: "task-"),
            .select("owner", "For", f.owner, staff.compactMap { u in u.id.map { ($0.uuidString, u.displayName) } }, problems, prefix: "task-"),
            .text("due", "Due", f.due, problems, prefix: "task-", type: "date"),
            .select("priority", "Priority", f.priority, WorklistPriority.allCases.reversed().map { ($0.rawValue, $0.title) }, problems, prefix: "task-"),
            .text("detail", "Detail", f.detail, problems, prefix: "task-", wide: true),
        ], error: PageForm.refusal(problems))
    }
}

struct WorklistPage: Encodable, Sendable {
    enum View: String, CaseIterable, Sendable {
        case mine, team, done
        var title: String {
            switch self {
            case .mine: "My tasks"
            case .team: "Team"
            case .done: "Done"
            }
        }
    }

    struct Tab: Encodable, Sendable { var id: String; var title: String; var href: String; var current: Bool }
    struct Counts: Encodable, Sendable {
        var open: Int; var overdue: Int; var dueToday: Int; var urgent: Int
        init(open: Int, overdue: Int, dueToday: Int, urgent: Int) { (self.open, self.overdue, self.dueToday, self.urgent) = (open, overdue, dueToday, urgent) }
        init(_ counts: WorklistCounts) { self.init(open: counts.open, overdue: counts.overdue, dueToday: counts.dueToday, urgent: counts.urgent) }
    }
    struct OwnerCount: Encodable, Sendable { var name: String; var count: Int }

    struct Task: Encodable, Sendable {
        var id: String
        var title: String
        var detail: String?
        var patient: String
        var patientHref: String
        var owner: String
        var due: String
        var priority: String
        var flag: String
        var flagClass: String
        var source: String
        var completion: String?
        var doneAction: String?
        /// A safety alert is closed on the chart by recording the contact made.
        var contactHref: String?
        /// A returned order's task leads to the order ("Correct and resend"); it closes when the order is resent or withdrawn.
        var orderHref: String? = nil
        /// A deadline task is put off with a reason, not closed.
        var snoozeAction: String? = nil
    }

    var shell: PageShell
    var view: String
    var views: [Tab]
    var counts: Counts
    /// "Showing the 500 most pressing of 812 open tasks", when the list is cut.
    var shownNote: String?
    var byOwner: [OwnerCount]
    var tasks: [Task]
    var csrfToken: String
    var back: String
    var ownerOptions: [FieldOption]
    var form: PageForm
}

/// The lines of the home page's "Due and overdue" panel: my open tasks, then my caseload's deadlines.
enum Worklist {
    static func items(for user: CurrentUser, now: Date, req: Request) async throws -> [HomePage.Item] {
        let csrf = CSRFMiddleware.token(for: req)
        // Each row's patient is joined for the name alone: decoding every patient column per row cost more than the page.
        // Safety alerts have their own section at the top of the page.
        func open() -> QueryBuilder<CareTask> {
            CareTask.query(on: req.db).filter(\.$assignedTo.$id == user.id).filter(\.$status == "open")
                .group(.or) { $0.filter(\.$source == nil).filter(\.$source !~ [SafetyAlertStore.source, WorklistSource.returnedOrder.rawValue]) }
                .join(Patient.self, on: \CareTask.$patient.$id == \Patient.$id).fields(for: CareTask.self).patientName()
        }
        // Urgent tasks, then the ten most recently overdue, then the next ten due. Oldest first alone, twenty tasks for
        // deadlines missed months ago filled the panel and hid what was due tomorrow; the worklist has them all.
        let urgent = try await open().filter(\.$priority == "urgent").sort(\.$dueAt).limit(20).all()
        let overdue = try await open().filter(\.$priority != "urgent").filter(\.$dueAt <= now).sort(\.$dueAt, .descending).limit(10).all()
        let next = try await open().filter(\.$priority != "urgent").filter(\.$dueAt > now).sort(\.$dueAt).limit(10).all()
        let tasks = urgent + overdue.reversed() + next
        var items = try tasks.map { task in
            let patient = try task.joined(Patient.self)
            return HomePage.Item(text: task.title, detail: "\(patient.listName)" + (task.detail.map { " — \($0)" } ?? ""),
                                 href: SiteURL.patient(task.$patient.id).path, flag: task.priority == "urgent" ? "Urgent" : task.dueAt < now ? "Overdue" : "Soon",
                                 flagClass: task.priority == "urgent" || task.dueAt < now ? "overdue" : "due_soon",
                                 doneAction: WorklistSource(rawValue: task.source ?? "")?.closesByHand == false ? nil : SiteURL.task(try task.requireID(), .done).path,
                                 csrfToken: csrf)
        }
        guard user.role == .caseManager else { return items }
        // Every deadline that can still be met in the next two days, then the ten most recently missed: oldest first, a
        // caseload's LUPA periods missed months ago filled the panel and hid tomorrow's recertifications. The rest are on
        // the Deadlines page.
        func mine() -> QueryBuilder<ObligationRecord> {
            ObligationRecord.query(on: req.db).filter(\.$outstanding == true)
                .join(Patient.self, on: \ObligationRecord.$patient.$id == \Patient.$id).filter(Patient.self, \.$caseManager.$id == user.id)
                .fields(for: ObligationRecord.self).patientName()
        }
        let soon = try await mine().filter(\.$dueAt > now).filter(\.$dueAt < now.addingTimeInterval(2 * 86_400)).sort(\.$dueAt).limit(50).all()
        let missed = try await mine().filter(\.$dueAt <= now).sort(\.$dueAt, .descending).limit(10).all()
        let deadlines = missed.reversed() + soon
        // An overdue deadline that already has its task is listed once, as the task.
        let tasked = Set(tasks.compactMap(\.dedupeKey))
        items += try deadlines.filter { !tasked.contains("obligation:\($0.$patient.id):\($0.key)") }.map { row in
            let patient = try row.joined(Patient.self)
            return HomePage.Item(text: row.title, detail: "\(patient.listName) — due \(row.dueDay)", href: SiteURL.patient(row.$patient.id).path + "#deadlines",
                                 flag: row.dueAt <= now ? "Overdue" : "Due soon", flagClass: row.dueAt <= now ? "overdue" : "due_soon", doneAction: nil, csrfToken: nil)
        }
        // Lists brought home from hospital wait for the case manager's decisions before the physician can sign them.
        let open = try await MedicationReconciliationRecord.query(on: req.db).filter(\.$status == "open")
            .join(Patient.self, on: \MedicationReconciliationRecord.$patient.$id == \Patient.$id).filter(Patient.self, \.$caseManager.$id == user.id)
            .fields(for: MedicationReconciliationRecord.self).patientName()
            .sort(\.$createdAt).limit(10).all()
        items += try open.map { row in
            let patient = try row.joined(Patient.self)
            return HomePage.Item(text: "Reconcile medications", detail: "\(patient.listName) — \(row.source)",
                                 href: SiteURL.patient(row.$patient.id, .medications(.reconciliation(try row.requireID()))).path,
                                 flag: "To decide", flagClass: "due_soon", doneAction: nil, csrfToken: nil)
        }
        return items
    }
}

extension QueryBuilder {
    /// Selects the joined patient's name columns, for rows that show whose they are.
    func patientName() -> Self {
        field(Patient.self, \.$familyName).field(Patient.self, \.$givenName)
    }
}
