import Fluent
import Foundation
import HearthCore
import Vapor

/// Coding a patient's diagnoses from the chart.
struct DiagnosisController {
    struct AddForm: Content {
        var code: String?
        var rank: String?
        var onset: String?
    }

    func add(req: Request) async throws -> Response {
        let patient = try await req.patient(.write)
        let patientID = try patient.requireID()
        let form = try req.content.decode(AddForm.self)
        let draft = DiagnosisDraft(code: form.code ?? "", rank: form.rank ?? "", onset: form.onset ?? "")
        let coded: DiagnosisDraft.Coded
        switch draft.coded(today: req.agencyToday, codes: req.application.icd10CodeSet, examples: req.application.icd10) {
        case .success(let valid): coded = valid
        case .failure(let problems):
            let state = DiagnosisForm(code: FormField(draft.typedCode, error: problems.byField["code"]), rank: form.rank ?? "",
                                      rankError: problems.byField["rank"], onset: FormField(draft.typedOnset, error: problems.byField["onset"]))
            let page = try await ChartBuilder.page(for: patient, diagnosisForm: state, req: req)
            return page.html.response(status: .unprocessableEntity)
        }
        let (code, rank) = (coded.code, coded.rank)
        let user = try req.currentUser
        let diagnosis = Diagnosis()
        diagnosis.$patient.id = patientID
        diagnosis.code = code.value
        diagnosis.title = coded.title
        diagnosis.rank = rank.rawValue
        diagnosis.onsetDate = coded.onset?.description
        diagnosis.$recordedBy.id = user.id
        try await req.auditedWrite { db, audit in
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
            try await audit("diagnosis.create", patientID: patientID, resourceType: "Condition", resourceID: diagnosis.id?.uuidString, detail: code.value)
        }
        return req.redirect(to: SiteURL.patient(patientID).path + "#diagnoses")
    }

    /// `GET /api/icd10?q=`: the home-health quick picks by code or words, then billable ICD-10-CM codes that begin
    /// with the query when it is a code, for forms and machine clients.
    func lookup(req: Request) throws -> [CodeResult] {
        _ = try req.currentUser
        let query = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        let limit = 20
        var found = req.application.icd10.search(query, limit: limit).map { CodeResult(code: $0.code.value, title: $0.title) }
        if let prefix = ICD10Code(query) {
            let listed = Set(found.map(\.code))
            let more = req.application.icd10CodeSet.billable(under: prefix, limit: limit).filter { !listed.contains($0.code.value) }
            found += more.prefix(limit - found.count).map { CodeResult(code: $0.code.value, title: $0.title) }
        }
        return found
    }

    struct CodeResult: Content {
        var code: String
        var title: String
    }
}
