import Fluent
import Foundation
import HearthCore
import Vapor

/// Moving a patient to another case manager's caseload (supervisors and administrators).
struct CaseloadController {
    struct ReassignForm: Content {
        var caseManagerID: String?
    }

    /// `GET /patients/:patientID/case-manager`: the choice of case managers.
    func form(req: Request) async throws -> Response {
        let patient = try await req.patient(.assign)
        return try await page(patient, error: nil, status: .ok, req: req)
    }

    func reassign(req: Request) async throws -> Response {
        let patient = try await req.patient(.assign)
        let patientID = try patient.requireID()
        let form = try req.content.decode(ReassignForm.self)
        guard let newID = form.caseManagerID.flatMap(UUID.init(uuidString:)),
              let manager = try await User.find(newID, on: req.db), manager.role == Role.caseManager.rawValue, manager.isActive
        else { return try await page(patient, error: "Choose an active case manager from the list.", status: .unprocessableEntity, req: req) }
        guard newID != patient.$caseManager.id else { return req.redirect(to: SiteURL.patient(patientID).path) }
        try await patient.$caseManager.load(on: req.db)
        let oldName = patient.caseManager?.displayName
        let user = try req.currentUser
        try await req.auditedWrite { db, audit in
            patient.$caseManager.id = newID
            try await patient.save(on: db)
            try await RecordChange(patientID: patientID, field: "Case manager", from: oldName ?? "unassigned", to: manager.displayName, by: user.id).create(on: db)
            try await audit("patient.reassign", patientID: patientID, resourceType: "Patient", resourceID: patientID.uuidString,
                                detail: "case manager \(oldName ?? "none") → \(manager.displayName)")
        }
        return req.redirect(to: SiteURL.patient(patientID).path)
    }

    private func page(_ patient: Patient, error: String?, status: HTTPResponseStatus, req: Request) async throws -> Response {
        let patientID = try patient.requireID()
        let managers = try await User.query(on: req.db).filter(\.$role == Role.caseManager.rawValue).filter(\.$isActive == true)
            .sort(\.$displayName).all()
        let page = PatientChoicePage(
            shell: PageShell(request: req, title: "Reassign"), heading: "Move to another caseload",
            patientName: "\(patient.givenName) \(patient.familyName)", patientHref: SiteURL.patient(patientID).path,
            action: SiteURL.patient(patientID, .caseManager).path, label: "Case manager", fieldName: "caseManagerID",
            options: try managers.map { .init(value: try $0.requireID().uuidString, label: $0.displayName, selected: $0.id == patient.$caseManager.id) },
            error: error, submitID: "reassign-case-manager", submitLabel: "Reassign"
        )
        return page.html.response(status: status)
    }
}
