import Fluent
import Foundation
import HearthCore
import Vapor

/// The home health order's facts, the referrals sent in parallel, and a provider's answer recorded by the case manager.
extension DischargePlanController {
    /// `POST …/discharge-plan/order-facts`: what the home health claim will depend on, for the pre-flight.
    func saveOrderFacts(req: Request) async throws -> Response {
        let stay = try await HospitalStore.authorize(.write, stayID: req.parameters.get("stayID", as: UUID.self), on: req)
        let stayID = try stay.row.requireID()
        let fields = FormBody.parse(req.body.string).compactMapValues(\.last).mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let value: (String) -> String? = { fields[$0]?.nilIfEmpty.map { String($0.prefix(1000)) } }
        let today = req.agencyToday
        var problems: [String: String] = [:]
        for name in ["startOfCare", "faceToFaceDate"] where value(name) != nil && CalendarDate(value(name)!) == nil {
            problems[name] = "Enter the date as YYYY-MM-DD."
        }
        if let seen = value("faceToFaceDate").flatMap(CalendarDate.init), seen > today {
            problems["faceToFaceDate"] = "Record the encounter once it has happened: today or earlier."
        }
        if let soc = value("startOfCare").flatMap(CalendarDate.init), soc < CalendarDate(stay.row.arrivedAt, in: req.application.settings.agencyTimeZone) {
            problems["startOfCare"] = "Home health starts after the hospital stay: give a day after the patient arrived."
        }
        if let sex = value("sex"), !PatientDraft.sexes.contains(sex) { problems["sex"] = "Choose one of the listed answers." }
        if let text = value("primaryDiagnosis") {
            if let code = ICD10Code(text) {
                if case .failure(let problem) = req.application.icd10CodeSet.check(code, examples: req.application.icd10) { problems["primaryDiagnosis"] = problem.description }
            } else {
                problems["primaryDiagnosis"] = "Give the ICD-10-CM code, e.g. I50.9."
            }
        }
        if let npi = value("certifyingNPI"), let problem = NationalProviderIdentifier.problem(npi) { problems["certifyingNPI"] = problem }
        if let list = value("medications") {
            let lines = list.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let read = DischargeReferralHandoff.medicationLines(list)
            if read.count != lines.count {
                problems["medications"] = "Write each medication as name and strength, a colon, then the directions."
            } else if let bad = read.first(where: { FHIRReferralMedication.read($0.directions) == nil }) {
                problems["medications"] = "\(bad.name): write the directions as dose, route and how often, e.g. \"1 tablet by mouth twice a day\"."
            }
        }
        if stay.facts.isDischarged { problems["startOfCare"] = "The patient has been discharged: the plan can no longer change." }
        guard problems.isEmpty else { return try await refuse(stay, req, .init(form: "order", problems: problems, fields: fields)) }
        let plan = try await DischargePlan.query(on: req.db).filter(\.$stay.$id == stayID).first() ?? Self.emptyPlan(stayID)
        plan.startOfCare = value("startOfCare")
        plan.sex = value("sex")
        plan.primaryDiagnosis = value("primaryDiagnosis").flatMap(ICD10Code.init)?.value
        plan.faceToFaceDate = value("faceToFaceDate")
        plan.faceToFaceBy = value("faceToFaceBy")
        (plan.homeboundOne, plan.homeboundTwo) = (value("homeboundOne"), value("homeboundTwo"))
        (plan.certifyingPhysician, plan.certifyingNPI) = (value("certifyingPhysician"), value("certifyingNPI"))
        plan.authorizationNumber = value("authorizationNumber")
        plan.medications = value("medications")
        try await req.auditedWrite { db, audit in
            try await plan.save(on: db)
            try await audit("discharge_plan.order_facts", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stayID.uuidString)
        }
        return req.redirect(to: SiteURL.hospitalStay(stayID).path(anchor: "preflight-heading"))
    }

    static func emptyPlan(_ stayID: UUID) -> DischargePlan {
        let plan = DischargePlan()
        plan.$stay.id = stayID
        plan.answersJSON = "{}"
        plan.needs = ""
        return plan
    }

    /// `POST …/discharge-plan/referrals/:referralID/answer`: what a provider outside Hearth answered by phone or fax, or the
    /// hospital withdrawing a referral. A Hearth agency answers in its own inbox.
    func answer(req: Request) async throws -> Response {
        let stay = try await HospitalStore.authorize(.write, stayID: req.parameters.get("stayID", as: UUID.self), on: req)
        let stayID = try stay.row.requireID()
        guard let id = req.parameters.get("referralID", as: UUID.self),
              let row = try await PostAcuteReferralRecord.query(on: req.db).filter(\.$id == id).filter(\.$stay.$id == stayID).first() else {
            throw AppError.notFound()
        }
        let fields = FormBody.parse(req.body.string).compactMapValues(\.last)
        let reason = (fields["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [String: String] = [:]
        let answer = PostAcuteReferralStatus(rawValue: fields["answer"] ?? "")
        let current = PostAcuteReferralStatus(rawValue: row.status) ?? .sent
        if answer == nil { problems["send"] = "Choose the provider's answer." }
        if let answer, let problem = current.problem(moving: answer) { problems["send"] = problem }
        if (row.$inboundReferral.id != nil || row.partnerID != nil) && answer != .withdrawn {
            problems["send"] = "\(row.providerName) answers in its Hearth intake inbox; the answer shows here."
        }
        if answer == .declined && reason.isEmpty { problems["send"] = "Say why \(row.providerName) declined." }
        guard problems.isEmpty, let answer else { return try await refuse(stay, req, .init(form: "send", problems: problems)) }
        row.status = answer.rawValue
        if answer != .withdrawn { row.answeredAt = req.now }
        if answer == .accepted { row.acceptedAt = req.now }
        row.declineReason = reason.nilIfEmpty.map { String($0.prefix(500)) }
        let zone = req.application.settings.agencyTimeZone, now = req.now
        try await req.auditedWrite { db, audit in
            if answer == .accepted { try await DischargePlanStore.recordLateAcceptance(row, acceptedAt: now, zone: zone, on: db, audit: audit) }
            try await row.save(on: db)
            try await audit("discharge_plan.referral_answer", patientID: stay.row.$patient.id, resourceType: "ServiceRequest", resourceID: id.uuidString,
                            detail: "\(row.providerID) \(answer.rawValue)")
            // A Hearth agency on this installation reads the withdrawal in its inbox at once, in the same transaction.
            if answer == .withdrawn, let inboundID = row.$inboundReferral.id,
               let inbound = try await InboundReferral.query(on: db).filter(\.$id == inboundID).with(\.$episode).first(),
               case .cancel = SenderCancellation.of(taskStatus: FHIRInboundTask.status(inbound, episode: inbound.episode.flatMap { EpisodeStatus(rawValue: $0.status) })) {
                try await InboundReferralIntake.withdraw(inbound, reason: row.declineReason, now: now, zone: zone, on: db, audit: audit)
            }
        }
        // One on another installation is told over HTTP; the withdrawal stands here whatever its server answers.
        if row.isWithdrawalUndelivered {
            try await RemoteReferralDelivery.deliverWithdrawal(row, patientID: stay.row.$patient.id, app: req.application, actor: try .of(req), now: req.now)
        }
        return req.redirect(to: SiteURL.hospitalStay(stayID).path(anchor: "referrals-heading"))
    }
}
