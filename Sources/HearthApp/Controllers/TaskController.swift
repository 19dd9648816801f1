import Fluent
import Foundation
import HearthCore
import Vapor

/// The worklist: a person marks their task done; a supervisor may close anyone's.
struct TaskController {
    func done(req: Request) async throws -> Response {
        guard let taskID = req.parameters.get("taskID", as: UUID.self), let task = try await CareTask.find(taskID, on: req.db) else {
            throw AppError.notFound("That task does not exist.")
        }
        let patient = try await PatientAccess.authorize(.read, patientID: task.$patient.id, on: req)
        let user = try req.currentUser
        guard task.$assignedTo.id == user.id || user.role == .supervisor else {
            try await req.audit("task.complete", outcome: .denied, patientID: patient.id, resourceType: "Task", resourceID: taskID.uuidString, detail: "not the assignee")
            throw AppError.forbidden("Only the person it is assigned to, or a supervisor, can close this task.")
        }
        guard task.status == "open" else { return req.redirect(to: Paths.home) }
        task.status = "done"
        task.$completedBy.id = user.id
        task.completedAt = Date()
        try await req.db.transaction { db in
            try await task.save(on: db)
            try await RecordChange(patientID: task.$patient.id, field: "Task done", from: nil, to: task.title, by: user.id).create(on: db)
            try await req.audit("task.complete", patientID: task.$patient.id, resourceType: "Task", resourceID: taskID.uuidString, on: db)
        }
        return req.redirect(to: Paths.home)
    }
}

/// The lines of the home page's "Due and overdue" panel: my open tasks, then my caseload's deadlines.
enum Worklist {
    static func items(for user: CurrentUser, now: Date, req: Request) async throws -> [HomePage.Item] {
        let csrf = PageShell(request: req, title: "").csrfToken
        let tasks = try await CareTask.query(on: req.db).filter(\.$assignedTo.$id == user.id).filter(\.$status == "open")
            .sort(\.$dueAt).limit(20).with(\.$patient).all()
        var items = try tasks.map { task in
            HomePage.Item(text: task.title, detail: "\(task.patient.familyName), \(task.patient.givenName)" + (task.detail.map { " — \($0)" } ?? ""),
                          href: Paths.patient(task.$patient.id), flag: task.priority == "urgent" ? "Urgent" : task.dueAt < now ? "Overdue" : "Soon",
                          flagClass: task.priority == "urgent" || task.dueAt < now ? "overdue" : "due_soon",
                          doneAction: "/tasks/\(try task.requireID().uuidString.lowercased())/done", csrfToken: csrf)
        }
        guard user.role == .caseManager else { return items }
        let deadlines = try await ObligationRecord.query(on: req.db).filter(\.$outstanding == true).filter(\.$dueAt < now.addingTimeInterval(2 * 86_400))
            .join(Patient.self, on: \ObligationRecord.$patient.$id == \Patient.$id).filter(Patient.self, \.$caseManager.$id == user.id)
            .sort(\.$dueAt).limit(15).all()
        items += try deadlines.map { row in
            let patient = try row.joined(Patient.self)
            return HomePage.Item(text: row.title, detail: "\(patient.familyName), \(patient.givenName) — due \(row.dueDay)", href: Paths.patient(row.$patient.id) + "#deadlines",
                                 flag: row.dueAt <= now ? "Overdue" : "Due soon", flagClass: row.dueAt <= now ? "overdue" : "due_soon", doneAction: nil, csrfToken: nil)
        }
        // Lists brought home from hospital wait for the case manager's decisions before the physician can sign them.
        let open = try await MedicationReconciliationRecord.query(on: req.db).filter(\.$status == "open")
            .join(Patient.self, on: \MedicationReconciliationRecord.$patient.$id == \Patient.$id).filter(Patient.self, \.$caseManager.$id == user.id)
            .sort(\.$createdAt).limit(10).all()
        items += try open.map { row in
            let patient = try row.joined(Patient.self)
            return HomePage.Item(text: "Reconcile medications", detail: "\(patient.familyName), \(patient.givenName) — \(row.source)",
                                 href: Paths.medicationReconciliation(patient: row.$patient.id, reconciliation: try row.requireID()),
                                 flag: "To decide", flagClass: "due_soon", doneAction: nil, csrfToken: nil)
        }
        return items
    }
}
