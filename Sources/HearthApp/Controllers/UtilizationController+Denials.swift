import Fluent
import Foundation
import HearthCore
import Vapor

/// Denials, appeals with their levels and deadlines, and avoidable days.
extension UtilizationController {
    /// `POST /hospital/stays/:stayID/review/denials`.
    func recordDenial(req: Request) async throws -> Response {
        let (stay, records) = try await load(.review, req)
        let form = try req.content.decode(StayReviewForms.Denial.self)
        let zone = req.application.settings.agencyTimeZone, today = CalendarDate(req.now, in: zone)
        var problems: [String: String] = [:]
        let kind = DenialKind(rawValue: form.kind ?? "")
        let received = CalendarDate(Self.text(form.receivedOn))
        if kind == nil { problems["kind"] = "Choose what the payer denied." }
        if received == nil { problems["receivedOn"] = "Give the day the denial was received as YYYY-MM-DD." }
        if let received, received > today { problems["receivedOn"] = "Give the day it was received: today or earlier." }
        if let received, received < CalendarDate(stay.row.arrivedAt, in: zone) { problems["receivedOn"] = "A denial cannot come before the patient arrived." }
        if Self.text(form.reason).count < 5 { problems["reason"] = "Write the payer's specific reason, as the letter gives it." }
        let days = Self.text(form.daysDenied).isEmpty ? nil : Int(Self.text(form.daysDenied))
        if !Self.text(form.daysDenied).isEmpty && (days ?? 0) < 1 { problems["daysDenied"] = "Give the days denied as a whole number, or leave it empty." }
        guard problems.isEmpty, let kind, let received else { return try await refuse(stay, records, req, .init(denial: form, problems: problems, refused: "denial")) }
        let stayID = try stay.row.requireID()
        let row = PayerDenialRecord()
        row.$stay.id = stayID
        row.payerKind = PayerKind.of(payerName: stay.row.payer ?? "", medicare: stay.row.medicare).rawValue
        row.kind = kind.rawValue
        row.receivedOn = received.description
        row.daysDenied = days
        row.reason = Self.text(form.reason)
        row.reference = Self.text(form.reference).nilIfEmpty
        row.recordedByName = try req.currentUser.displayName
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("utilization.denial", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stayID.uuidString, detail: kind.rawValue)
        }
        return Self.redirect(req, stayID, "denials")
    }

    /// `POST /hospital/stays/:stayID/review/denials/:denialID/appeals`: the next level, by its deadline or with good cause.
    func fileAppeal(req: Request) async throws -> Response {
        let (stay, records) = try await load(.review, req)
        let stayID = try stay.row.requireID()
        guard let denialID = req.parameters.get("denialID", as: UUID.self), let denial = records.denials.first(where: { $0.id == denialID }) else {
            throw AppError.notFound()
        }
        let form = try req.content.decode(StayReviewForms.Appeal.self)
        let rules = req.application.utilizationPayers
        let facts = UtilizationStore.denial(denial, appeals: records.appeals[denialID] ?? [])
        let filed = CalendarDate(Self.text(form.filedOn))
        var problems: [String: String] = filed == nil ? ["filedOn": "Give the day it was filed as YYYY-MM-DD."] : [:]
        if let filed {
            problems.merge(AppealRules.filingProblems(facts, level: form.level ?? "", filedOn: filed, today: CalendarDate(req.now, in: req.application.settings.agencyTimeZone),
                                                      lateReason: Self.text(form.lateReason), rules: rules)) { old, _ in old }
        }
        guard problems.isEmpty, let filed, let open = AppealRules.openLevels(facts, rules: rules).first(where: { $0.level.id == form.level }) else {
            return try await refuse(stay, records, req, .init(appeal: (denialID, form), problems: problems, refused: "appeal"))
        }
        let row = PayerAppealRecord()
        row.$denial.id = denialID
        row.level = open.level.id
        row.filedOn = filed.description
        row.deadline = open.deadline.description
        row.lateReason = filed > open.deadline ? Self.text(form.lateReason) : nil
        row.outcome = AppealOutcome.pending.rawValue
        row.note = Self.text(form.note).nilIfEmpty
        row.recordedByName = try req.currentUser.displayName
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("utilization.appeal", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stayID.uuidString, detail: open.level.id)
        }
        return Self.redirect(req, stayID, "denial-\(denialID.uuidString.lowercased())")
    }

    /// `POST /hospital/stays/:stayID/review/appeals/:appealID/decision`.
    func decideAppeal(req: Request) async throws -> Response {
        let (stay, records) = try await load(.review, req)
        let stayID = try stay.row.requireID()
        guard let appealID = req.parameters.get("appealID", as: UUID.self),
              let appeal = records.appeals.values.joined().first(where: { $0.id == appealID }) else { throw AppError.notFound() }
        let form = try req.content.decode(StayReviewForms.Decision.self)
        let today = CalendarDate(req.now, in: req.application.settings.agencyTimeZone)
        var problems: [String: String] = [:]
        let outcome = AppealOutcome(rawValue: form.outcome ?? "")
        let decided = CalendarDate(Self.text(form.decidedOn))
        if appeal.outcome != AppealOutcome.pending.rawValue { problems["outcome"] = "This appeal was already decided." }
        if outcome == nil || outcome == .pending { problems["outcome"] = "Choose the decision." }
        if decided == nil { problems["decidedOn"] = "Give the day of the decision as YYYY-MM-DD." }
        if let decided, decided > today { problems["decidedOn"] = "Give the day of the decision: today or earlier." }
        if let decided, let filed = CalendarDate(appeal.filedOn), decided < filed { problems["decidedOn"] = "A decision cannot come before the appeal was filed (\(filed))." }
        guard problems.isEmpty, let outcome, let decided else {
            return try await refuse(stay, records, req, .init(decision: (appealID, form), problems: problems, refused: "decision"))
        }
        appeal.outcome = outcome.rawValue
        appeal.decidedOn = decided.description
        if let note = Self.text(form.note).nilIfEmpty { appeal.note = [appeal.note, note].compactMap { $0 }.joined(separator: " · ") }
        try await req.auditedWrite { db, audit in
            try await appeal.save(on: db)
            try await audit("utilization.appeal_decision", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stayID.uuidString, detail: outcome.rawValue)
        }
        return Self.redirect(req, stayID, "denial-\(appeal.$denial.id.uuidString.lowercased())")
    }

    /// `POST /hospital/stays/:stayID/review/avoidable-days`.
    func recordAvoidableDays(req: Request) async throws -> Response {
        let (stay, records) = try await load(.review, req)
        let form = try req.content.decode(StayReviewForms.Avoidable.self)
        let zone = req.application.settings.agencyTimeZone
        var problems: [String: String] = [:]
        let reason = AvoidableDayReason(rawValue: form.reason ?? "")
        let owner = Self.text(form.owner).isEmpty ? reason?.usualOwner : AvoidableDayOwner(rawValue: form.owner ?? "")
        let from = CalendarDate(Self.text(form.from)), through = Self.day(form.through, "through", &problems)
        if reason == nil { problems["reason"] = "Choose why the day was avoidable." }
        if owner == nil && reason != nil { problems["owner"] = "Choose who owns the delay." }
        if from == nil { problems["from"] = "Give the first avoidable day as YYYY-MM-DD." }
        if let reason, let owner, let from {
            let run = AvoidableDays(reason: reason, owner: owner, from: from, through: through, note: Self.text(form.note))
            problems.merge(run.problems(stay: stay.facts, today: CalendarDate(req.now, in: zone), zone: zone)) { old, _ in old }
        }
        guard problems.isEmpty, let reason, let owner, let from else {
            return try await refuse(stay, records, req, .init(avoidable: form, problems: problems, refused: "avoidable"))
        }
        let stayID = try stay.row.requireID()
        let row = AvoidableDayRecord()
        row.$stay.id = stayID
        row.reason = reason.rawValue
        row.owner = owner.rawValue
        row.fromDay = from.description
        row.throughDay = through?.description
        row.note = Self.text(form.note).nilIfEmpty
        row.recordedByName = try req.currentUser.displayName
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("utilization.avoidable_days", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stayID.uuidString,
                            detail: "\(reason.rawValue) (\(owner.rawValue))")
        }
        return Self.redirect(req, stayID, "avoidable-days")
    }
}
