import Fluent
import Foundation
import HearthCore
import Vapor

/// The stay page's writes: each refused with the reason by the field and the typing kept, or saved and audited in one
/// transaction.
extension HospitalController {
    struct NoticeForm: Content {
        var kind: String?; var deliveredAt: String?; var outcome: String?; var recipient: String?; var note: String?
    }

    struct StatusForm: Content {
        var status: String?; var effectiveAt: String?; var reason: String?; var reviewer: String?; var attending: String?
    }

    struct PlanForm: Content {
        var expectedDischarge: String?; var plannedDisposition: String?
    }

    struct DischargeForm: Content {
        var dischargedAt: String?; var disposition: String?
    }

    /// `POST /hospital/stays/:stayID/notices`: a notice delivered, signed or refused, by whom and when.
    func recordNotice(req: Request) async throws -> Response {
        let stay = try await HospitalStore.authorize(.write, stayID: req.parameters.get("stayID", as: UUID.self), on: req)
        let form = try req.content.decode(NoticeForm.self)
        let zone = req.application.settings.agencyTimeZone
        var problems: [String: String] = [:]
        let kind = StayNoticeKind(rawValue: form.kind ?? "")
        let outcome = StayNotice.Outcome(rawValue: form.outcome ?? "")
        let at = Self.instant(form.deliveredAt, zone: zone)
        if kind == nil { problems["kind"] = "Choose the notice that was delivered." }
        if outcome == nil { problems["outcome"] = "Say whether it was signed or the signature refused." }
        if at == nil { problems["deliveredAt"] = "Give the day and time it was delivered." }
        let recipient = (form.recipient ?? "").trimmingCharacters(in: .whitespaces)
        if recipient.isEmpty { problems["recipient"] = "Name who received it: the patient, or the representative." }
        if let kind, let at { problems.merge(StayLifecycle.noticeProblems(stay.facts, kind: kind, deliveredAt: at, now: req.now, zone: zone)) { old, _ in old } }
        guard problems.isEmpty, let kind, let outcome, let at else {
            return try await refuse(stay, req, notice: form, problems: problems, form: "notice")
        }
        let user = try req.currentUser
        let row = HospitalNotice()
        row.$stay.id = try stay.row.requireID()
        row.kind = kind.rawValue
        row.deliveredAt = at
        row.outcome = outcome.rawValue
        row.recipient = recipient
        row.note = form.note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        row.$deliveredBy.id = user.id
        row.deliveredByName = user.displayName
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("hospital_notice.record", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stay.row.id?.uuidString,
                                detail: "\(kind.rawValue) \(outcome.rawValue)")
        }
        return req.redirect(to: SiteURL.hospitalStay(try stay.row.requireID()).path + "#notices")
    }

    /// `POST /hospital/stays/:stayID/status`: a new status from an order; inpatient to outpatient only as condition code 44.
    func changeStatus(req: Request) async throws -> Response {
        let stay = try await HospitalStore.authorize(.write, stayID: req.parameters.get("stayID", as: UUID.self), on: req)
        let form = try req.content.decode(StatusForm.self)
        let zone = req.application.settings.agencyTimeZone
        var problems: [String: String] = [:]
        let status = StayStatus(rawValue: form.status ?? "")
        let at = Self.instant(form.effectiveAt, zone: zone)
        if status == nil { problems["status"] = "Choose the new status." }
        if at == nil { problems["effectiveAt"] = "Give the day and time the order was written." }
        let toOutpatient = stay.facts.currentStatus == .inpatient && status?.isOutpatient == true
        let code44 = toOutpatient ? ConditionCode44(reviewer: form.reviewer ?? "", attending: form.attending ?? "") : nil
        if let status, let at {
            problems.merge(StayLifecycle.statusChangeProblems(stay.facts, to: status, at: at, now: req.now, conditionCode44: code44, zone: zone)) { old, _ in old }
        } else if stay.facts.isDischarged {
            problems = StayLifecycle.statusChangeProblems(stay.facts, to: .inpatient, at: req.now, now: req.now, conditionCode44: nil, zone: zone)
        }
        guard problems.isEmpty, let status, let at else {
            return try await refuse(stay, req, status: form, problems: problems, form: "status")
        }
        let stayID = try stay.row.requireID()
        let row = HospitalStore.statusRow(stayID: stayID, status: status, at: at, reason: form.reason, code44: code44, by: try req.currentUser)
        stay.row.status = status.rawValue
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await stay.row.save(on: db)
            try await audit("hospital_stay.status", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stayID.uuidString,
                                detail: "\(status.rawValue)\(code44 == nil ? "" : " (condition code 44)")")
        }
        return req.redirect(to: SiteURL.hospitalStay(stayID).path + "#timeline")
    }

    /// `POST /hospital/stays/:stayID/expected-discharge`: the EDD and where the patient is expected to go.
    func planDischarge(req: Request) async throws -> Response {
        let stay = try await HospitalStore.authorize(.write, stayID: req.parameters.get("stayID", as: UUID.self), on: req)
        let form = try req.content.decode(PlanForm.self)
        let zone = req.application.settings.agencyTimeZone
        var problems: [String: String] = [:]
        let day = CalendarDate(form.expectedDischarge ?? "")
        let disposition = (form.plannedDisposition ?? "").isEmpty ? nil : Disposition(rawValue: form.plannedDisposition ?? "")
        if day == nil { problems["expectedDischarge"] = "Give the expected discharge date as YYYY-MM-DD." }
        if disposition == nil && !(form.plannedDisposition ?? "").isEmpty { problems["plannedDisposition"] = "Choose where the patient is expected to go." }
        if let day { problems.merge(StayLifecycle.expectedDischargeProblems(stay.facts, day: day, zone: zone)) { old, _ in old } }
        guard problems.isEmpty, let day else { return try await refuse(stay, req, plan: form, problems: problems, form: "plan") }
        stay.row.expectedDischarge = day.description
        stay.row.plannedDisposition = disposition?.rawValue
        try await req.auditedWrite { db, audit in
            try await stay.row.save(on: db)
            try await audit("hospital_stay.plan", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stay.row.id?.uuidString,
                                detail: "EDD \(day)\(disposition.map { ", to \($0.rawValue)" } ?? "")")
        }
        return req.redirect(to: SiteURL.hospitalStay(try stay.row.requireID()).path + "#plan")
    }

    /// `POST /hospital/stays/:stayID/discharge`: when the patient left and where to.
    func discharge(req: Request) async throws -> Response {
        let stay = try await HospitalStore.authorize(.write, stayID: req.parameters.get("stayID", as: UUID.self), on: req)
        let form = try req.content.decode(DischargeForm.self)
        let zone = req.application.settings.agencyTimeZone
        var problems: [String: String] = [:]
        let at = Self.instant(form.dischargedAt, zone: zone)
        let disposition = Disposition(rawValue: form.disposition ?? "")
        if at == nil { problems["dischargedAt"] = "Give the day and time the patient left." }
        if disposition == nil { problems["disposition"] = "Choose where the patient went." }
        if let at { problems.merge(StayLifecycle.dischargeProblems(stay.facts, at: at, now: req.now, zone: zone)) { old, _ in old } }
        guard problems.isEmpty, let at, let disposition else { return try await refuse(stay, req, discharge: form, problems: problems, form: "discharge") }
        stay.row.dischargedAt = at
        stay.row.disposition = disposition.rawValue
        try await req.auditedWrite { db, audit in
            try await stay.row.save(on: db)
            try await audit("hospital_stay.discharge", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stay.row.id?.uuidString,
                                detail: disposition.rawValue)
        }
        return req.redirect(to: SiteURL.hospitalStay(try stay.row.requireID()).path)
    }

    private func refuse(_ stay: HospitalStore.LoadedStay, _ req: Request, notice: NoticeForm? = nil, status: StatusForm? = nil, plan: PlanForm? = nil,
                        discharge: DischargeForm? = nil, problems: [String: String], form: String) async throws -> Response {
        var page = try HospitalStayPageBuilder(req: req, stay: stay)
            .page(notice: notice, status: status, plan: plan, discharge: discharge, problems: problems, refused: form)
        page.dischargePlan = try await DischargePlanSectionBuilder(req: req, stay: stay).section()
        return try await page.html.encodeResponse(status: .unprocessableEntity, for: req)
    }
}
