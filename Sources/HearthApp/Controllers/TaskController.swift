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
    func worklist(req: Request) async throws -> View {
        let page = try await page(req, form: nil, problems: [:])
        try await req.auditRead("task.list", resourceType: "Task", detail: "\(page.view): \(page.tasks.count) tasks")
        return try await req.view.render("worklist", page)
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
            return try await req.view.render("worklist", try await page(req, form: form, problems: problems)).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let patient = try await PatientAccess.authorize(.document, patientID: patientID, on: req)
        // The task shows the patient's name to its owner: only someone who works with the patient may hold it.
        let ownerAccess = try await PatientAccess.relationships(of: try owner.requireID(), to: patient, on: req.db)
        guard AccessPolicy.decide(role: Role(rawValue: owner.role) ?? .payer, relationships: ownerAccess, action: .document).isAllowed else {
            let refused = ["owner": "\(owner.displayName) does not work with this patient. Choose the case manager or someone on the care team."]
            return try await req.view.render("worklist", try await page(req, form: form, problems: refused)).encodeResponse(status: .unprocessableEntity, for: req)
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
        try await req.db.transaction { db in
            try await row.create(on: db)
            try await RecordChange(patientID: row.$patient.id, field: "Task added", from: nil, to: "\(task.title) (for \(owner.displayName), due \(task.due))",
                                   by: try req.currentUser.id).create(on: db)
            try await req.audit("task.create", patientID: patient.id, resourceType: "Task", resourceID: row.id?.uuidString, on: db)
        }
        return req.redirect(to: Paths.worklist + (owner.id == (try req.currentUser.id) ? "" : "?view=team"))
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
        let back = form?.back.flatMap { $0.hasPrefix(Paths.worklist) ? $0 : nil } ?? Paths.home
        guard task.status == "open" else { return req.redirect(to: back) }
        task.status = "done"
        task.$completedBy.id = user.id
        task.completedAt = Date()
        task.completionNote = form?.note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        try await req.db.transaction { db in
            try await task.save(on: db)
            try await RecordChange(patientID: task.$patient.id, field: "Task done", from: nil, to: task.title, by: user.id).create(on: db)
            try await req.audit("task.complete", patientID: task.$patient.id, resourceType: "Task", resourceID: taskID.uuidString, on: db)
        }
        return req.redirect(to: back)
    }

    /// The worklist page: the chosen view's tasks, its counts, and the form to add one.
    private func page(_ req: Request, form: AddForm?, problems: [String: String]) async throws -> WorklistPage {
        let user = try req.currentUser
        let zone = req.application.settings.agencyTimeZone
        let now = Date()
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
        let rows = try await tasks(view, user: user, teamPatients: teamPatients, owner: ownerFilter, on: req.db)
        let tasks = rows.compactMap { row in WorklistStore.task(row, zone: zone).map { (row, $0) } }
        let ordered = view == .done ? tasks : tasks.sorted { WorklistFilter.ordered($0.1, before: $1.1, today: today) }
        let counts = WorklistCounts(tasks.map(\.1), today: today)
        let staff = try await owners(for: user, teamPatients: teamPatients, on: req.db)
        return WorklistPage(
            shell: PageShell(request: req, title: "Worklist"), view: view.rawValue,
            views: WorklistPage.View.allCases.map { .init(id: $0.rawValue, title: $0.title, href: Paths.worklist + "?view=\($0.rawValue)", current: $0 == view) },
            counts: .init(open: counts.open, overdue: counts.overdue, dueToday: counts.dueToday, urgent: counts.urgent),
            byOwner: view == .team ? Dictionary(grouping: tasks, by: { $0.0.assignedTo.displayName }).map { .init(name: $0.key, count: $0.value.count) }
                .sorted { ($1.count, $0.name) < ($0.count, $1.name) } : [],
            tasks: try ordered.map { row, task in
                try line(row, task, today: today, mayClose: row.$assignedTo.id == user.id || user.role == .supervisor, req)
            },
            csrfToken: PageShell(request: req, title: "").csrfToken, back: Paths.worklist + "?view=\(view.rawValue)",
            ownerOptions: user.role == .supervisor && view != .mine
                ? staff.compactMap { u in u.id.map { .init(value: $0.uuidString, label: u.displayName, selected: $0 == ownerFilter) } } : [],
            form: try await addForm(form, problems: problems, user: user, teamPatients: teamPatients, staff: staff, today: today, req))
    }

    /// Open tasks for "mine" and "team", the latest done for "done"; never outside the person's patients unless a supervisor.
    private func tasks(_ view: WorklistPage.View, user: CurrentUser, teamPatients: [UUID]?, owner: UUID?, on db: any Database) async throws -> [CareTask] {
        // Each task's patient is joined for the name alone (up to 500 rows).
        let query = CareTask.query(on: db).join(Patient.self, on: \CareTask.$patient.$id == \Patient.$id).fields(for: CareTask.self).patientName()
            .with(\.$assignedTo).with(\.$completedBy)
        switch view {
        case .mine: query.filter(\.$assignedTo.$id == user.id).filter(\.$status == "open")
        case .team:
            query.filter(\.$status == "open")
            if let teamPatients { query.filter(\.$patient.$id ~~ teamPatients) }
            if let owner { query.filter(\.$assignedTo.$id == owner) }
        case .done:
            query.filter(\.$status == "done").sort(\.$completedAt, .descending)
            if let teamPatients { query.filter(\.$patient.$id ~~ teamPatients) } else if let owner { query.filter(\.$assignedTo.$id == owner) }
        }
        return try await query.sort(\.$dueAt).limit(view == .done ? 100 : 500).all()
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
            patient: "\(patient.listName)", patientHref: Paths.patient(row.$patient.id),
            owner: row.assignedTo.displayName, due: task.due.description, priority: task.priority.title,
            flag: task.state == .done ? "Done" : overdue ? "Overdue" : task.due == today ? "Due today" : task.priority >= .high ? task.priority.title : "Open",
            flagClass: task.state == .done ? "met" : overdue || task.priority == .urgent ? "overdue" : task.due == today || task.priority == .high ? "due_soon" : "open",
            source: task.source.title,
            completion: task.completion.map { completion in
                "Done by \(row.completedBy?.displayName ?? completion.by) on \(CalendarDate(completion.at, in: zone)) \(req.agencyClock(completion.at))"
                    + (completion.note.map { ": \($0)" } ?? "")
            },
            doneAction: task.state == .open && mayClose ? Paths.taskDone(try row.requireID()) : nil)
    }

    /// The form to add a task: a supervisor chooses among every patient she may see, others among their own.
    private func addForm(_ form: AddForm?, problems: [String: String], user: CurrentUser, teamPatients: [UUID]?, staff: [User], today: CalendarDate,
                         _ req: Request) async throws -> PageForm {
        let f = form ?? AddForm(owner: user.id.uuidString, due: today.description, priority: WorklistPriority.normal.rawValue)
        let patientQuery = if let teamPatients { Patient.query(on: req.db).filter(\.$id ~~ teamPatients) }
            else { try await PatientAccess.visiblePatients(for: user, on: req.db) }
        let patients = try await patientQuery.field(\.$id).field(\.$familyName).field(\.$givenName).field(\.$mrn)
            .sort(\.$familyName).sort(\.$givenName).limit(300).all()
        return PageForm(action: Paths.tasks, fields: [
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
    struct Counts: Encodable, Sendable { var open: Int; var overdue: Int; var dueToday: Int; var urgent: Int }
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
    }

    var shell: PageShell
    var view: String
    var views: [Tab]
    var counts: Counts
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
        let csrf = PageShell(request: req, title: "").csrfToken
        // Each row's patient is joined for the name alone: decoding every patient column per row cost more than the page.
        let tasks = try await CareTask.query(on: req.db).filter(\.$assignedTo.$id == user.id).filter(\.$status == "open")
            .join(Patient.self, on: \CareTask.$patient.$id == \Patient.$id).fields(for: CareTask.self).patientName()
            .sort(\.$dueAt).limit(20).all()
        var items = try tasks.map { task in
            let patient = try task.joined(Patient.self)
            return HomePage.Item(text: task.title, detail: "\(patient.listName)" + (task.detail.map { " — \($0)" } ?? ""),
                                 href: Paths.patient(task.$patient.id), flag: task.priority == "urgent" ? "Urgent" : task.dueAt < now ? "Overdue" : "Soon",
                                 flagClass: task.priority == "urgent" || task.dueAt < now ? "overdue" : "due_soon",
                                 doneAction: Paths.taskDone(try task.requireID()), csrfToken: csrf)
        }
        guard user.role == .caseManager else { return items }
        let deadlines = try await ObligationRecord.query(on: req.db).filter(\.$outstanding == true).filter(\.$dueAt < now.addingTimeInterval(2 * 86_400))
            .join(Patient.self, on: \ObligationRecord.$patient.$id == \Patient.$id).filter(Patient.self, \.$caseManager.$id == user.id)
            .fields(for: ObligationRecord.self).patientName()
            .sort(\.$dueAt).limit(15).all()
        items += try deadlines.map { row in
            let patient = try row.joined(Patient.self)
            return HomePage.Item(text: row.title, detail: "\(patient.listName) — due \(row.dueDay)", href: Paths.patient(row.$patient.id) + "#deadlines",
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
                                 href: Paths.medicationReconciliation(patient: row.$patient.id, reconciliation: try row.requireID()),
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
