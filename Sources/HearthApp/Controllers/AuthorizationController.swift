import Fluent
import Foundation
import HearthCore
import Vapor

/// The patient's visit authorizations from payers: visits authorized against visits made, and the days covered.
/// An authorization nearly used up or about to end puts a task on the case manager's worklist.
struct AuthorizationController {
    struct Form: Content {
        var payer: String?; var number: String?; var discipline: String?; var visitsAuthorized: String?; var start: String?; var end: String?
    }

    /// `GET /patients/:id/authorizations`.
    func show(req: Request) async throws -> HTML {
        let patient = try await req.patient(.read)
        try await req.auditRead("authorization.list", patientID: patient.id, resourceType: "Authorization")
        return try await page(patient, form: nil, problems: [:], req).html
    }

    /// `POST /patients/:id/authorizations`.
    func add(req: Request) async throws -> Response {
        let patient = try await req.patient(.write)
        let form = try req.content.decode(Form.self)
        let draft = VisitAuthorizationDraft(payer: form.payer ?? "", number: form.number ?? "", discipline: form.discipline ?? "",
                                            visitsAuthorized: form.visitsAuthorized ?? "", start: form.start ?? "", end: form.end ?? "")
        guard let authorization = draft.authorization() else {
            return try await page(patient, form: form, problems: draft.problems, req).html
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let row = AuthorizationStore.row(authorization, patientID: try patient.requireID(), by: try req.currentUser.id)
        let change = RecordChange(patientID: try patient.requireID(), field: "Authorization", from: nil,
                                  to: "\(authorization.payer) \(authorization.number), \(authorization.start) – \(authorization.end)", by: try req.currentUser.id)
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await change.create(on: db)
            try await audit("authorization.create", patientID: patient.id, resourceType: "Authorization", resourceID: row.id?.uuidString)
        }
        await req.syncWorklist(patientID: patient.id)
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .authorizations).path)
    }

    private func page(_ patient: Patient, form: Form?, problems: [String: String], _ req: Request) async throws -> AuthorizationsPage {
        let patientID = try patient.requireID()
        let today = req.agencyToday
        let lines = try await AuthorizationStore.withUse(patientIDs: [patientID], on: req.db)
        let booked = try await AuthorizationStore.booked(patientIDs: [patientID], from: today, on: req.db)[patientID] ?? []
        let payers = try await Coverage.query(on: req.db).filter(\.$patient.$id == patientID).sort(\.$order).all(\.$payer)
        let f = form ?? Form(payer: payers.first, start: today.description)
        return AuthorizationsPage(
            shell: PageShell(request: req, title: "Authorizations: \(patient.listName)"), name: patient.displayName,
            chartHref: SiteURL.patient(patientID).path + "#coverage", canWrite: try await PatientAccess.may(.write, patient, req),
            lines: lines.map { _, row, authorization, used in
                let left = authorization.visitsAuthorized.map { $0 - used }
                let ending = today.days(until: authorization.end)
                // Visits still booked in its days: past the last authorized one, each goes unpaid unless the payer extends it.
                let ahead = ending < 0 ? 0 : authorization.visitsUsed(booked)
                let alert = ending < 0 ? "Ended" : (left ?? 1) <= 0 ? (ahead > 0 ? AuthorizationAttention.exhaustedWithVisitsScheduled.title : "Used up")
                    : ending <= WorklistRules.authorizationLeadDays ? "Ends soon"
                    : (left ?? .max) <= WorklistRules.authorizationVisitsLeft ? "Few visits left" : nil
                return .init(payer: row.payer, number: row.number, discipline: authorization.discipline?.title ?? "All disciplines",
                             summary: authorization.summary(used: used, today: today) + AuthorizationStore.bookedText(ahead), alert: alert,
                             bar: authorization.visitsAuthorized.map { min(120, used * 120 / max($0, 1)) })
            },
            form: PageForm(action: SiteURL.patient(patientID, .authorizations).path, fields: [
                .select("payer", "Payer", f.payer, payers.map { ($0, $0) }, problems, prefix: "auth-", hint: payers.isEmpty ? "Add the patient's coverage on the chart first." : nil),
                .text("number", "Authorization number", f.number, problems, prefix: "auth-"),
                .select("discipline", "Discipline", f.discipline, Discipline.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "auth-",
                        hint: "Leave empty when it covers every discipline"),
                .text("visitsAuthorized", "Visits authorized", f.visitsAuthorized, problems, prefix: "auth-", type: "number"),
                .text("start", "First day", f.start, problems, prefix: "auth-", type: "date"),
                .text("end", "Last day", f.end, problems, prefix: "auth-", type: "date"),
            ], error: PageForm.refusal(problems)))
    }
}

struct AuthorizationsPage: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        var payer: String
        var number: String
        var discipline: String
        var summary: String
        var alert: String?
        /// The used share of a 120-pixel bar, when a count was authorized.
        var bar: Int?
    }

    var shell: PageShell
    var name: String
    var chartHref: String
    var canWrite: Bool
    var lines: [Line]
    var form: PageForm
}
