import Fluent
import Foundation
import HearthCore
import Vapor

/// Sending the patient's choices their referrals in parallel, each with the deadline for its answer. Out of network
/// only with a reason; home health only once the denial pre-flight is clear, or with the reason it goes anyway. A
/// choice that is a Hearth agency on this installation goes to its intake inbox as a FHIR transaction Bundle; one on
/// another installation (a referral partner) gets the same Bundle over HTTP.
extension DischargePlanController {
    /// `POST …/discharge-plan/referrals`.
    func sendReferrals(req: Request) async throws -> Response {
        let stay = try await HospitalStore.authorize(.write, stayID: req.parameters.get("stayID", as: UUID.self), on: req)
        let stayID = try stay.row.requireID()
        let body = FormBody.parse(req.body.string)
        let fields = body.compactMapValues(\.last).mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let picked = body["providers[]"] ?? []
        let refusal: ([String: String]) -> DischargePlanSectionBuilder.Refusal = { .init(form: "send", problems: $0, fields: fields, lists: ["providers": picked]) }
        let reference = req.application.discharge
        let loaded = try await DischargePlanStore.load(stayID: stayID, on: req.db)
        guard let plan = loaded.plan, let choice = loaded.choice,
              let list = DischargePlanStore.choiceList(stay.row, plan: plan, directory: reference.directory) else {
            return try await refuse(stay, req, refusal(["providers": "Record the patient's choice from the list first."]))
        }
        var problems: [String: String] = [:]
        let hours = Int(fields["deadlineHours"] ?? "") ?? 0
        if !(1...168).contains(hours) { problems["deadlineHours"] = "Give the hours the provider has to answer: 1 to 168." }
        let live = Set(loaded.referrals.filter { [.sent, .accepted].contains($0.facts.status) }.map(\.row.providerID))
        let options = picked.compactMap(list.option)
        if picked.isEmpty { problems["providers"] = "Tick the providers to send the referral to." }
        if options.count != picked.count || !picked.allSatisfy(choice.chosenIDs.contains) {
            problems["providers"] = "Send to the providers the patient chose; record a new choice to add another."
        }
        if let again = options.first(where: { live.contains($0.provider.id) }) {
            problems["providers"] = "\(again.provider.name) already has this referral: wait for its answer, or record it withdrawn first."
        }
        let untold = Set(loaded.referrals.filter(\.row.isWithdrawalUndelivered).map(\.row.providerID))
        if let again = options.first(where: { untold.contains($0.provider.id) }) {
            problems["providers"] = "\(again.provider.name) has not yet been told of the withdrawn referral: retry telling it first, then send again."
        }
        let networkReason = fields["networkOverride"] ?? ""
        if let problem = options.lazy.compactMap({ PostAcuteReferralRules.networkProblem($0, payer: list.payer, overrideReason: networkReason) }).first {
            problems["networkOverride"] = problem
        }
        let checks = list.setting == .homeHealth ? HomeHealthPreflight.checks(DischargePlanStore.orderFacts(plan), payer: list.payer) : []
        let preflightReason = fields["preflightOverride"] ?? ""
        if !HomeHealthPreflight.isClear(checks) && preflightReason.isEmpty {
            problems["preflightOverride"] = "The home health claim would be denied for: "
                + checks.filter { !$0.passed }.map { "\($0.title) (\($0.citation))" }.joined(separator: "; ")
                + ". Fix it in the order facts above before discharge, or give the reason the referral goes now."
        }
        if stay.facts.isDischarged { problems["providers"] = "The patient has been discharged: send no new referral." }
        guard problems.isEmpty else { return try await refuse(stay, req, refusal(problems)) }
        let user = try req.currentUser
        let partners = Dictionary(try await ReferralPartner.query(on: req.db).filter(\.$providerID ~~ options.map(\.provider.id)).all().map { ($0.providerID, $0) }) { $1 }
        var bundles: [String: (json: String, contents: InboundReferralContents)] = [:]
        for option in options where option.provider.isThisInstallation || partners[option.provider.id] != nil {
            let hospital = try await stay.row.unit.$hospital.get(on: req.db)
            let data = try JSONSerialization.data(withJSONObject: try DischargeReferralHandoff.bundle(
                stay: stay.row, hospital: hospital, plan: plan, needs: DischargePlanStore.needs(plan), sender: user.displayName), options: [.sortedKeys])
            do {
                bundles[option.provider.id] = (String(decoding: data, as: UTF8.self), try DischargeReferralHandoff.contents(data, today: req.agencyToday).contents)
            } catch let error as FHIRWriteError {
                return try await refuse(stay, req, refusal(["providers": "\(option.provider.name) cannot take the referral as it stands: \(error.reason)"
                    + " Correct the order facts or the needs above."]))
            }
        }
        let preflightJSON = checks.isEmpty ? nil : String(decoding: try JSONEncoder().encode(checks.map { ["id": $0.id, "passed": $0.passed ? "yes" : "no", "reason": $0.reason] }), as: UTF8.self)
        let now = req.now, deadline = req.now.addingTimeInterval(Double(hours) * 3600)
        let choiceID = try choice.requireID()
        let filed = bundles
        let sent: [PostAcuteReferralRecord] = try await req.auditedWrite { db, audit in
            var sent: [PostAcuteReferralRecord] = []
            for option in options {
                let row = PostAcuteReferralRecord()
                row.$stay.id = stayID
                row.$choice.id = choiceID
                (row.providerID, row.providerName, row.setting) = (option.provider.id, option.provider.name, option.provider.setting.rawValue)
                (row.sentAt, row.deadline, row.status) = (now, deadline, PostAcuteReferralStatus.sent.rawValue)
                row.networkOverride = option.network == .outOfNetwork ? String(networkReason.prefix(500)) : nil
                row.preflightOverride = HomeHealthPreflight.isClear(checks) ? nil : String(preflightReason.prefix(1000))
                row.preflightJSON = preflightJSON
                row.delayReason = AcceptanceDelay.reasonCode
                row.$sentBy.id = user.id
                row.sentByName = user.displayName
                if let partner = partners[option.provider.id], let bundle = filed[option.provider.id] {
                    // To an agency on another installation: delivered over HTTP once this is saved, so a failure loses nothing.
                    (row.partnerID, row.bundleJSON) = (try partner.requireID(), bundle.json)
                } else if let bundle = filed[option.provider.id] {
                    let inbound = InboundReferral.received(bundle.contents, json: bundle.json, digest: InboundReferral.digest(bundle.json), senderID: user.id,
                                                           senderName: user.displayName, now: now)
                    try await inbound.create(on: db)
                    try await audit("referral.inbound.create", resourceType: "Task", resourceID: inbound.id?.uuidString, detail: "from the hospital's discharge plan")
                    row.$inboundReferral.id = inbound.id
                }
                try await row.create(on: db)
                try await audit("discharge_plan.referral_send", patientID: stay.row.$patient.id, resourceType: "ServiceRequest", resourceID: row.id?.uuidString,
                                detail: "\(option.provider.id)\(row.preflightOverride == nil ? "" : ", pre-flight overridden")")
                sent.append(row)
            }
            return sent
        }
        let actor = try RemoteReferralDelivery.Actor.of(req)
        for row in sent where row.partnerID != nil {
            try await RemoteReferralDelivery.deliver(row, patientID: stay.row.$patient.id, app: req.application, actor: actor, now: req.now)
        }
        return req.redirect(to: SiteURL.hospitalStay(stayID).path(anchor: "referrals-heading"))
    }
}
