import Fluent
import Foundation
import HearthCore
import Vapor

/// The case manager records a 30-day period's case-mix group, LUPA threshold or admission source from the chart.
struct PaymentPeriodController {
    struct Form: Content {
        var caseMixGroup: String?
        var lupaThreshold: String?
        var admissionSource: String?
    }

    func record(req: Request) async throws -> Response {
        let patient = try await req.patient(.manageEpisode)
        let patientID = try patient.requireID()
        guard let episodeID = req.parameters.get("episodeID", as: UUID.self),
              let episode = try await EpisodeRecord.query(on: req.db).filter(\.$id == episodeID).filter(\.$patient.$id == patientID).first(),
              let number = req.parameters.get("number", as: Int.self), (1...60).contains(number)
        else { throw AppError.notFound() }
        let form = try req.content.decode(Form.self)
        let draft = PaymentPeriodDraft(caseMixGroup: form.caseMixGroup ?? "", lupaThreshold: form.lupaThreshold ?? "", admissionSource: form.admissionSource ?? "")
        let user = try req.currentUser
        let entry: PaymentPeriodEntry
        switch draft.entry(table: req.application.lupaThresholds, recordedBy: user.displayName) {
        case .success(let checked): entry = checked
        case .failure(let problems): return try await refuse(patient, number: number, draft: draft, problems: problems.byField, req: req)
        }
        let row = try await PaymentPeriodRecord.query(on: req.db).filter(\.$episode.$id == episodeID).filter(\.$number == number).first() ?? PaymentPeriodRecord()
        row.$patient.id = patientID
        row.$episode.id = episodeID
        row.number = number
        row.caseMixGroup = entry.caseMixGroup ?? row.caseMixGroup
        if let threshold = entry.lupaThreshold { (row.lupaThreshold, row.thresholdSource) = (threshold, entry.thresholdSource) }
        row.admissionSource = entry.admissionSource?.rawValue ?? row.admissionSource
        row.$recordedBy.id = user.id
        let what = ["case-mix group \(row.caseMixGroup ?? "—")", "LUPA threshold \(row.lupaThreshold.map(String.init) ?? "—")",
                    "admission source \(row.admissionSource ?? "derived")"].joined(separator: ", ")
        let zone = req.application.settings.agencyTimeZone
        try await req.auditedWrite { db, audit in
            try await row.save(on: db)
            try await RecordChange(patientID: patientID, field: "30-day period \(number)", from: nil, to: what, by: user.id).create(on: db)
            try await audit("payment_period.record", patientID: patientID, resourceType: "EpisodeOfCare", resourceID: episodeID.uuidString)
            try await PaymentPeriodStore.refresh(episodeID: episodeID, zone: zone, now: req.now, on: db)
        }
        return req.redirect(to: SiteURL.patient(patientID).path + "#payment-period-\(number)")
    }

    /// The chart again, the period's form open with what was typed and the message by each bad field.
    private func refuse(_ patient: Patient, number: Int, draft: PaymentPeriodDraft, problems: [String: String], req: Request) async throws -> Response {
        var page = try await ChartBuilder.page(for: patient, req: req)
        if let index = page.paymentPeriods?.rows.firstIndex(where: { $0.number == number }) {
            page.paymentPeriods?.rows[index].caseMixGroupField = FormField(draft.caseMixGroup, error: problems["caseMixGroup"])
            page.paymentPeriods?.rows[index].thresholdField = FormField(draft.lupaThreshold, error: problems["lupaThreshold"])
            page.paymentPeriods?.rows[index].admissionField = FormField(draft.admissionSource, error: problems["admissionSource"])
            page.paymentPeriods?.rows[index].refused = true
        }
        return page.html.response(status: .unprocessableEntity)
    }
}
