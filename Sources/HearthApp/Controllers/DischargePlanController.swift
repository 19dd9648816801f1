import Fluent
import Foundation
import HearthCore
import Vapor

/// The discharge plan's writes on a stay the hospital case manager works: the needs, the patient's choice with the list
/// shown, the home health order's facts, and the referrals. Each is refused with the reason by the field (the stay page
/// again, the typing kept, 422) or saved and audited in one transaction.
struct DischargePlanController {
    /// `POST …/discharge-plan/needs`: the discharge-needs instrument's answers and the home address.
    func saveNeeds(req: Request) async throws -> Response {
        let stay = try await HospitalStore.authorize(.write, stayID: req.parameters.get("stayID", as: UUID.self), on: req)
        let instrument = req.application.discharge.assessment.instrument
        let body = FormBody.parse(req.body.string)
        let fields = body.compactMapValues(\.last)
        var answers = AssessmentAnswers()
        var problems: [String: String] = [:]
        for item in instrument.items {
            switch item.read(form: body[item.id] ?? body[item.id + "[]"] ?? []) {
            case .answered(let answer): answers.values[item.id] = answer
            case .invalid(let message): problems[item.id] = message
            case .blank: break
            }
        }
        let zip = (fields["postalCode"] ?? "").trimmingCharacters(in: .whitespaces)
        if zip.wholeMatch(of: /\d{5}(-\d{4})?/) == nil { problems["postalCode"] = "Enter the 5-digit ZIP where the patient will live after discharge." }
        if stay.facts.isDischarged { problems["postalCode"] = "The patient has been discharged: the plan can no longer change." }
        let text: (String) -> String? = { fields[$0]?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty.map { String($0.prefix(200)) } }
        guard problems.isEmpty else {
            return try await refuse(stay, req, .init(form: "needs", problems: problems, answers: answers, fields: fields))
        }
        let reading = req.application.discharge.assessment.evaluate(answers, stay: stay.facts, now: req.now, zone: req.application.settings.agencyTimeZone)
        let stayID = try stay.row.requireID()
        let plan = try await DischargePlan.query(on: req.db).filter(\.$stay.$id == stayID).first() ?? DischargePlan()
        plan.$stay.id = stayID
        plan.answersJSON = String(decoding: try JSONEncoder().encode(answers), as: UTF8.self)
        plan.instrumentVersion = instrument.version
        plan.needs = reading.needs.map(\.need.rawValue).joined(separator: ",")
        plan.laceTotal = reading.lace?.value
        plan.laceBand = reading.lace?.bandLabel
        (plan.addressLine, plan.city, plan.state, plan.phone) = (text("addressLine"), text("city"), text("state"), text("phone"))
        plan.postalCode = String(zip.prefix(5))
        plan.assessedByName = try req.currentUser.displayName
        plan.assessedAt = req.now
        try await req.auditedWrite { db, audit in
            try await plan.save(on: db)
            try await audit("discharge_plan.needs", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stayID.uuidString,
                            detail: "needs: \(plan.needs.isEmpty ? "none" : plan.needs)")
        }
        return req.redirect(to: SiteURL.hospitalStay(stayID).path(anchor: "discharge-plan"))
    }

    /// `POST …/discharge-plan/choice`: who chose which providers, recorded with the list exactly as it was shown.
    func recordChoice(req: Request) async throws -> Response {
        let stay = try await HospitalStore.authorize(.write, stayID: req.parameters.get("stayID", as: UUID.self), on: req)
        let stayID = try stay.row.requireID()
        let body = FormBody.parse(req.body.string)
        let fields = body.compactMapValues(\.last)
        let plan = try await DischargePlan.query(on: req.db).filter(\.$stay.$id == stayID).first()
        guard let list = DischargePlanStore.choiceList(stay.row, plan: plan, directory: req.application.discharge.directory) else {
            return try await refuse(stay, req, .init(form: "choice", problems: ["list": DischargePlanSectionBuilder.listMissing(setting: stay.facts.plannedDisposition, plan: plan) ?? ""]))
        }
        let first = (fields["first"] ?? "").trimmingCharacters(in: .whitespaces)
        let also = (body["also[]"] ?? []).filter { $0 != first }
        let submission = DischargeChoiceSubmission(shown: body["shown[]"] ?? [], preferred: body["preferred[]"] ?? body["preferred"] ?? [],
                                                   chosen: (first.isEmpty ? [] : [first]) + also,
                                                   chooser: DischargeChoiceSubmission.Chooser(rawValue: fields["chooser"] ?? ""),
                                                   representative: fields["representative"] ?? "")
        var problems = submission.problems(against: list)
        if stay.facts.isDischarged { problems["list"] = "The patient has been discharged: the plan can no longer change." }
        if let chosen = problems.removeValue(forKey: "chosen") { problems[first.isEmpty ? "first" : "also"] = chosen }
        guard problems.isEmpty else {
            return try await refuse(stay, req, .init(form: "choice", problems: problems, fields: fields, lists: ["also": also]))
        }
        let user = try req.currentUser
        let row = DischargeChoiceRecord()
        row.$stay.id = stayID
        row.setting = list.setting.rawValue
        row.shownJSON = String(decoding: try JSONEncoder().encode(list.options.map(Self.shown)), as: UTF8.self)
        row.chosen = submission.chosen.joined(separator: ",")
        row.chooser = submission.chooser!.rawValue
        row.representative = submission.chooser == .representative ? submission.representative.trimmingCharacters(in: .whitespaces) : nil
        row.$recordedBy.id = user.id
        row.recordedByName = user.displayName
        row.recordedAt = req.now
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("discharge_plan.choice", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stayID.uuidString,
                            detail: "\(row.chooser): \(row.chosen) from \(list.options.count) shown")
        }
        return req.redirect(to: SiteURL.hospitalStay(stayID).path(anchor: "choice-list-heading"))
    }

    static func shown(_ option: PostAcuteOption) -> ShownOption {
        let row = DischargePlanSectionBuilder.option(option, rank: nil)
        return ShownOption(id: option.provider.id, name: option.provider.name, network: option.network.title, offers: row.offers,
                           accepting: option.provider.accepting, quality: row.quality, disclosure: option.provider.financialInterest)
    }

    func refuse(_ stay: HospitalStore.LoadedStay, _ req: Request, _ refusal: DischargePlanSectionBuilder.Refusal) async throws -> Response {
        var page = try HospitalStayPageBuilder(req: req, stay: stay).page()
        page.dischargePlan = try await DischargePlanSectionBuilder(req: req, stay: stay).section(refusal: refusal)
        return try await page.html.encodeResponse(status: .unprocessableEntity, for: req)
    }
}
