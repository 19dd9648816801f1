import Fluent
import Foundation
import HearthCore
import Vapor

/// Moving a patient to another case manager's caseload (supervisors and administrators).
struct CaseloadController {
    struct ReassignForm: Content {
        var caseManagerID: String?
    }

    func reassign(req: Request) async throws -> Response {
        let patient = try await PatientAccess.authorize(.assign, patientID: req.parameters.get("patientID", as: UUID.self), on: req)
        let patientID = try patient.requireID()
        let form = try req.content.decode(ReassignForm.self)
        guard let newID = form.caseManagerID.flatMap(UUID.init(uuidString:)),
              let manager = try await User.find(newID, on: req.db), manager.role == Role.caseManager.rawValue, manager.isActive
        else {
            let page = try await ChartBuilder.page(for: patient, reassignError: "Choose an active case manager from the list.", req: req)
            return try await req.view.render("patients/chart", page).encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard newID != patient.$caseManager.id else { return req.redirect(to: Paths.patient(patientID)) }
        try await patient.$caseManager.load(on: req.db)
        let oldName = patient.caseManager?.displayName
        let user = try req.currentUser
        try await req.db.transaction { db in
            patient.$caseManager.id = newID
            try await patient.save(on: db)
            try await RecordChange(patientID: patientID, field: "Case manager", from: oldName ?? "unassigned", to: manager.displayName, by: user.id).create(on: db)
            try await req.audit("patient.reassign", patientID: patientID, resourceType: "Patient", resourceID: patientID.uuidString,
                                detail: "case manager \(oldName ?? "none") → \(manager.displayName)", on: db)
        }
        return req.redirect(to: Paths.patient(patientID))
    }
}
