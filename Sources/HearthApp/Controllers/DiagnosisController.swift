import Fluent
import Foundation
import HearthCore
import Vapor

/// Coding a patient's diagnoses from the chart.
struct DiagnosisController {
    struct AddForm: Content {
        var code: String?
        var title: String?
        var rank: String?
        var onset: String?
    }

    func add(req: Request) async throws -> Response {
        let patient = try await PatientAccess.authorize(.write, patientID: req.parameters.get("patientID", as: UUID.self), on: req)
        let patientID = try patient.requireID()
        let form = try req.content.decode(AddForm.self)
        let draft = DiagnosisDraft(code: form.code ?? "", title: form.title ?? "", rank: form.rank ?? "", onset: form.onset ?? "")
        let catalog = req.application.icd10
        let known = draft.code.flatMap(catalog.title(of:))
        let problems = draft.problems(today: req.agencyToday, knownTitle: known)
        guard problems.isEmpty, let code = draft.code, let rank = draft.rank else {
            let state = DiagnosisForm(code: FormField(draft.typedCode, error: problems["code"]), title: FormField(draft.title, error: problems["title"]),
                                      rank: form.rank ?? "", rankError: problems["rank"], onset: FormField(draft.typedOnset, error: problems["onset"]))
            let page = try await ChartBuilder.page(for: patient, diagnosisForm: state, req: req)
            return page.html.response(status: .unprocessableEntity)
        }
        let user = try req.currentUser
        let diagnosis = Diagnosis()
        diagnosis.$patient.id = patientID
        diagnosis.code = code.value
        diagnosis.title = draft.title.isEmpty ? (known ?? "") : draft.title
        diagnosis.rank = rank.rawValue
        diagnosis.onsetDate = draft.onset?.description
        diagnosis.$recordedBy.id = user.id
        try await req.db.transaction { db in
            if rank == .primary {
                // One primary diagnosis at a time: the previous one becomes secondary.
                let previous = try await Diagnosis.query(on: db).filter(\.$patient.$id == patientID)
                    .filter(\.$rank == DiagnosisDraft.Rank.primary.rawValue).filter(\.$resolvedDate == nil).all()
                for old in previous {
                    old.rank = DiagnosisDraft.Rank.secondary.rawValue
                    try await old.save(on: db)
                    try await RecordChange(patientID: patientID, field: "Primary diagnosis", from: old.code, to: code.value, by: user.id).create(on: db)
                }
            }
            try await diagnosis.create(on: db)
            try await RecordChange(patientID: patientID, field: "Diagnosis", from: nil, to: "\(code.value) \(diagnosis.title) (\(rank.rawValue))", by: user.id).create(on: db)
            try await req.audit("diagnosis.create", patientID: patientID, resourceType: "Condition", resourceID: diagnosis.id?.uuidString, detail: code.value, on: db)
        }
        return req.redirect(to: Paths.patient(patientID) + "#diagnoses")
    }

    /// `GET /api/icd10?q=`: code list lookup by code or words, for forms and machine clients.
    func lookup(req: Request) throws -> [CodeResult] {
        _ = try req.currentUser
        let query = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        return req.application.icd10.search(query).map { CodeResult(code: $0.code.value, title: $0.title) }
    }

    struct CodeResult: Content {
        var code: String
        var title: String
    }
}
