import Fluent
import Foundation
import HearthCore
import Vapor

/// Recording allergies from the chart.
struct AllergyController {
    struct AddForm: Content {
        var substance: String?
        var reaction: String?
        var severity: String?
    }

    func add(req: Request) async throws -> Response {
        let patient = try await PatientAccess.authorize(.write, patientID: req.parameters.get("patientID", as: UUID.self), on: req)
        let patientID = try patient.requireID()
        let form = try req.content.decode(AddForm.self)
        let draft = AllergyDraft(substance: form.substance ?? "", reaction: form.reaction ?? "", severity: form.severity ?? "")
        let problems = draft.problems
        guard problems.isEmpty, let severity = draft.severity else {
            let state = AllergyForm(substance: FormField(draft.substance, error: problems["substance"]), reaction: FormField(draft.reaction, error: problems["reaction"]),
                                    severity: form.severity ?? "", severityError: problems["severity"])
            let page = try await ChartBuilder.page(for: patient, allergyForm: state, req: req)
            return page.html.response(status: .unprocessableEntity)
        }
        let user = try req.currentUser
        let allergy = Allergy()
        allergy.$patient.id = patientID
        allergy.substance = draft.substance
        allergy.reaction = draft.reaction.isEmpty ? nil : draft.reaction
        allergy.severity = severity.rawValue
        allergy.$recordedBy.id = user.id
        try await req.db.transaction { db in
            try await allergy.create(on: db)
            try await RecordChange(patientID: patientID, field: "Allergy", from: nil, to: "\(draft.substance) (\(severity.rawValue))", by: user.id).create(on: db)
            try await req.audit("allergy.create", patientID: patientID, resourceType: "AllergyIntolerance", resourceID: allergy.id?.uuidString, on: db)
        }
        return req.redirect(to: Paths.patient(patientID) + "#allergies")
    }
}
