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
        let patient = try await req.patient(.write)
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
        try await req.auditedWrite { db, audit in
            _ = try await Self.record(draft, severity: severity, patientID: patientID, by: user.id, source: nil, req: req, on: db, audit: audit)
        }
        return req.redirect(to: SiteURL.patient(patientID).path + "#allergies")
    }

    /// Records a checked allergy with its chart history line and audit record, in the caller's transaction: the chart's
    /// form and FHIR writes (`source` "FHIR") record allergies the same way. A FHIR transaction inserts its allergies
    /// together at its end (`AuditTrail.insert`; it remembers what it added, `FHIRTransactionMemo`).
    static func record(_ draft: AllergyDraft, severity: AllergyDraft.Severity, patientID: UUID, by userID: UUID, source: String?,
                       req: Request, on db: any Database, audit: AuditTrail) async throws -> Allergy {
        let allergy = Allergy()
        allergy.id = UUID()
        allergy.$patient.id = patientID
        allergy.substance = draft.substance
        allergy.reaction = draft.reaction.isEmpty ? nil : draft.reaction
        allergy.severity = severity.rawValue
        allergy.$recordedBy.id = userID
        allergy.createdAt = Date()
        try await audit.insert(allergy)
        let change = "\(draft.substance) (\(severity.rawValue))" + (source.map { ", by \($0)" } ?? "")
        try await audit.recordChange(RecordChange(patientID: patientID, field: "Allergy", from: nil, to: change, by: userID))
        try await audit("allergy.create", patientID: patientID, resourceType: "AllergyIntolerance", resourceID: allergy.id?.uuidString,
                            detail: source)
        return allergy
    }
}
