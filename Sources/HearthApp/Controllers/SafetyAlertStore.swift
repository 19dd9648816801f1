import Fluent
import Foundation
import HearthCore
import Vapor

/// Open safety alerts (tasks an assessment's safety answer raised) for the chart header and the top of the case
/// manager's and supervisors' home pages, and the recorded contact that closes one.
enum SafetyAlertStore {
    /// Whose alerts a list holds.
    enum Scope {
        case patient(UUID)
        /// Alerts assigned to the case manager, or on patients of her caseload.
        case caseManager(UUID)
        /// Alerts on the patients a nurse, therapist or aide visits (today's visits, from her home page).
        case patients([UUID])
        /// Every open alert in the agency (supervisors).
        case agency
    }

    static let source = WorklistSource.phq9SafetyAlert.rawValue

    /// Open alerts in the scope, escalated first, then oldest first: at most 50 (more would be an agency emergency anyway).
    static func open(_ scope: Scope, now: Date, req: Request) async throws -> [SafetyAlertLine] {
        let query = CareTask.query(on: req.db).filter(\.$status == "open").filter(\.$source == source)
            .join(Patient.self, on: \CareTask.$patient.$id == \Patient.$id)
            .fields(for: CareTask.self).patientName().field(Patient.self, \.$mrn)
            .with(\.$assignedTo)
        switch scope {
        case .patient(let id): query.filter(\.$patient.$id == id)
        case .caseManager(let id):
            query.group(.or) { $0.filter(\.$assignedTo.$id == id).filter(Patient.self, \.$caseManager.$id == id) }
        case .patients(let ids):
            guard !ids.isEmpty else { return [] }
            query.filter(\.$patient.$id ~~ ids)
        case .agency: break
        }
        let rows = try await query.sort(\.$createdAt).limit(50).all()
        return try lines(rows.map { row in
            let patient = try row.joined(Patient.self)
            return Alert(id: try row.requireID(), patientID: row.$patient.id, title: row.title, detail: row.detail,
                         patient: "\(patient.listName) (\(patient.mrn))", owner: row.assignedTo.displayName, raisedAt: row.createdAt)
        }, now: now, req: req)
    }

    /// One open alert as a list reads it: the task, its patient's name and MRN, and its owner's name.
    struct Alert: Sendable {
        var id: UUID
        var patientID: UUID
        var title: String
        var detail: String?
        /// "Lopez, Maria (H1000603)".
        var patient: String
        var owner: String
        var raisedAt: Date?
    }

    /// The alerts (oldest first) as lines, escalated first; the chart reads its patient's with its other lists (`ChartQueries.records`).
    static func lines(_ alerts: [Alert], now: Date, req: Request) -> [SafetyAlertLine] {
        let watch = req.application.settings.safetyAlerts
        let csrf = CSRFMiddleware.token(for: req)
        let lines = alerts.map { alert in
            let raised = alert.raisedAt ?? now
            let status = watch.status(raisedAt: raised, now: now)
            return SafetyAlertLine(
                id: alert.id.uuidString.lowercased(), title: alert.title, detail: alert.detail, patient: alert.patient,
                patientHref: SiteURL.patient(alert.patientID).path + "#safety-alerts", owner: alert.owner,
                raised: "\(CalendarDate(raised, in: req.application.settings.agencyTimeZone)) \(req.agencyClock(raised))",
                status: status.summary(escalationHours: watch.escalationHours, clock: req.agencyClock), isEscalated: status.isEscalated,
                contactAction: SiteURL.patient(alert.patientID, .safetyAlertContact(task: alert.id)).path, csrfToken: csrf)
        }
        return lines.filter(\.isEscalated) + lines.filter { !$0.isEscalated }
    }

    /// Closes the alert with the contact made, in one audited transaction with the patient's history.
    static func recordContact(_ task: CareTask, note: String, by user: CurrentUser, now: Date, req: Request) async throws {
        task.status = "done"
        task.$completedBy.id = user.id
        task.completedAt = now
        task.completionNote = "Contact recorded: " + note.trimmingCharacters(in: .whitespacesAndNewlines)
        try await req.auditedWrite { db, audit in
            try await task.save(on: db)
            try await RecordChange(patientID: task.$patient.id, field: "Safety alert contact recorded", from: task.title, to: note, by: user.id).create(on: db)
            try await audit("task.complete", patientID: task.$patient.id, resourceType: "Task", resourceID: task.id?.uuidString,
                                detail: "safety alert: contact recorded")
        }
    }
}

/// One open safety alert, as the header banner and home pages show it.
struct SafetyAlertLine: Encodable, Sendable {
    var id: String
    var title: String
    var detail: String?
    var patient: String
    var patientHref: String
    var owner: String
    var raised: String
    var status: String
    var isEscalated: Bool
    var contactAction: String
    var csrfToken: String
    /// A contact note that was refused, kept with its error.
    var note = ""
    var error: String?
}

/// `POST /patients/:patientID/safety-alerts/:taskID/contact`: whoever documents on the patient records the contact made.
struct SafetyAlertController {
    struct ContactForm: Content { var note: String?; var back: String? }

    func recordContact(req: Request) async throws -> Response {
        let patient = try await req.patient(.document)
        let patientID = try patient.requireID()
        guard let taskID = req.parameters.get("taskID", as: UUID.self), let task = try await CareTask.find(taskID, on: req.db),
              task.$patient.id == patientID, task.source == SafetyAlertStore.source
        else { throw AppError.notFound("That safety alert does not exist on this chart.") }
        let form = try req.content.decode(ContactForm.self)
        let back = form.back.flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil } ?? SiteURL.patient(patientID).path
        guard task.status == "open" else { return req.redirect(to: back) }
        let note = form.note ?? ""
        if let problem = SafetyAlertWatch.contactProblem(note) {
            let page = try await ChartBuilder.page(for: patient, safetyContact: .init(taskID: taskID.uuidString.lowercased(), note: note, error: problem), req: req)
            return page.html.response(status: .unprocessableEntity)
        }
        try await SafetyAlertStore.recordContact(task, note: note, by: try req.currentUser, now: req.now, req: req)
        return req.redirect(to: back)
    }
}
