import Fluent
import Foundation
import HearthCore
import Vapor

/// Recording who pays for the patient's care, from the chart.
struct CoverageController {
    struct AddForm: Content {
        var payer: String?
        var program: String?
        var memberID: String?
        var plan: String?
        var order: String?
        var start: String?
        var end: String?
    }

    func add(req: Request) async throws -> Response {
        let patient = try await req.patient(.write)
        let patientID = try patient.requireID()
        let form = try req.content.decode(AddForm.self)
        let draft = CoverageDraft(payer: form.payer ?? "", program: form.program ?? "", memberID: form.memberID ?? "", plan: form.plan ?? "",
                                  order: form.order ?? "", start: form.start ?? "", end: form.end ?? "")
        let problems = draft.problems
        guard problems.isEmpty, let order = draft.order, let program = draft.program else {
            let state = CoverageForm(payer: FormField(draft.payer, error: problems["payer"]), program: form.program ?? "",
                                     programError: problems["program"], memberID: FormField(draft.memberID, error: problems["memberID"]),
                                     plan: FormField(draft.plan), order: form.order ?? "1", orderError: problems["order"],
                                     start: FormField(draft.typedStart, error: problems["start"]), end: FormField(draft.typedEnd, error: problems["end"]))
            let page = try await ChartBuilder.page(for: patient, coverageForm: state, req: req)
            return page.html.response(status: .unprocessableEntity)
        }
        let user = try req.currentUser
        try await req.auditedWrite { db, audit in
            _ = try await Self.record(draft, order: order, program: program, into: Coverage(), patientID: patientID, by: user.id,
                                      clock: req.application.regulatoryClock, now: req.now, on: db, audit: audit)
        }
        return req.redirect(to: SiteURL.patient(patientID).path + "#coverage")
    }

    /// Records a payer (new, or `coverage` changed) with its history line, the open episodes' deadlines refreshed and
    /// the audit record, on the write's transaction: the chart's form and FHIR Coverage both write through here. A FHIR
    /// transaction passes the payer's organization it looked up once, and no refresh for a patient it just registered.
    static func record(_ draft: CoverageDraft, order: CoverageDraft.Order, program: PayerProgram, into coverage: Coverage, patientID: UUID,
                       by userID: UUID, clock: RegulatoryClock, now: Date, on db: any Database, audit: AuditTrail, detail: String? = nil,
                       payerOrganizationID: UUID? = nil, refreshingEpisodes: Bool = true, keeping: Bool = false) async throws -> Coverage {
        let before = coverage.id == nil ? nil : "\(CoverageDraft.Order(rawValue: coverage.order)?.title ?? ""): \(coverage.payer) (\(coverage.memberID))"
        coverage.$patient.id = patientID
        coverage.payer = draft.payer
        coverage.program = program.rawValue
        coverage.memberID = draft.memberID
        coverage.plan = draft.plan.isEmpty ? nil : draft.plan
        coverage.order = order.rawValue
        coverage.startDate = draft.start?.description
        coverage.endDate = draft.end?.description
        if let payerOrganizationID { coverage.$payerOrganization.id = payerOrganizationID } else {
            coverage.$payerOrganization.id = try await Organization.findOrCreate(draft.payer, kind: .payer, on: db).id
        }
        if keeping, coverage.id == nil {
            // A new coverage of a patient the write registered: kept for its end (`AuditTrail.insert`); its caller remembers it.
            coverage.id = UUID()
            coverage.createdAt = Date()
            try await audit.insert(coverage)
        } else {
            try await coverage.save(on: db)
        }
        try await audit.recordChange(RecordChange(patientID: patientID, field: "Coverage", from: before, to: "\(order.title): \(draft.payer) (\(program.title))", by: userID))
        if refreshingEpisodes { try await ObligationStore.refreshOpenEpisodes(of: patientID, clock: clock, now: now, on: db) }
        try await audit(before == nil ? "coverage.create" : "coverage.update", patientID: patientID, resourceType: "Coverage",
                        resourceID: coverage.id?.uuidString, detail: detail)
        return coverage
    }
}
