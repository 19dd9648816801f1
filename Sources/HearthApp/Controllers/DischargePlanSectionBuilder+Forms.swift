import Foundation
import HearthCore
import Vapor

/// The discharge plan's order-facts and send forms, and each referral's line with the form that records a provider's answer.
extension DischargePlanSectionBuilder {
    func orderForm(_ plan: DischargePlan?, id: UUID, typed: (String, String?) -> String?, problems: [String: String], refused: Bool) -> PageForm {
        let soc = plan?.startOfCare ?? stay.facts.expectedDischarge.map { $0.adding(days: 1).description }
        return PageForm(action: SiteURL.dischargePlan(id, .orderFacts).path, fields: [
            .text("startOfCare", "Ordered start of care", typed("startOfCare", soc), problems, prefix: "o-", type: "date"),
            .select("sex", "Sex (for the agency's registration)", typed("sex", plan?.sex), PatientDraft.sexes.map { ($0, $0.capitalized) }, problems, prefix: "o-"),
            .text("primaryDiagnosis", "Primary diagnosis for home health (ICD-10-CM)", typed("primaryDiagnosis", plan?.primaryDiagnosis), problems, prefix: "o-",
                  hint: stay.row.workingDiagnosis.map { "Working diagnosis: \($0)" }),
            .text("faceToFaceDate", "Face-to-face encounter on", typed("faceToFaceDate", plan?.faceToFaceDate), problems, prefix: "o-", type: "date",
                  hint: "90 days before to 30 days after the start of care"),
            .text("faceToFaceBy", "Encounter performed by", typed("faceToFaceBy", plan?.faceToFaceBy), problems, prefix: "o-", hint: "Physician or allowed practitioner"),
            .text("homeboundOne", "Homebound criterion one, as documented", typed("homeboundOne", plan?.homeboundOne), problems, prefix: "o-", type: "textarea",
                  hint: "Needs a device, special transportation or another person to leave home, or leaving is contraindicated", wide: true),
            .text("homeboundTwo", "Homebound criterion two, as documented", typed("homeboundTwo", plan?.homeboundTwo), problems, prefix: "o-", type: "textarea",
                  hint: "Normal inability to leave home, and leaving takes a considerable and taxing effort", wide: true),
            .text("certifyingPhysician", "Physician who will sign the plan of care", typed("certifyingPhysician", plan?.certifyingPhysician ?? stay.row.attending),
                  problems, prefix: "o-"),
            .text("certifyingNPI", "Their NPI", typed("certifyingNPI", plan?.certifyingNPI), problems, prefix: "o-", inputMode: "numeric"),
            .text("authorizationNumber", "Payer's authorization number", typed("authorizationNumber", plan?.authorizationNumber), problems, prefix: "o-",
                  hint: "Leave empty for original Medicare"),
            .text("medications", "Discharge medications, one a line: name and strength: directions", typed("medications", plan?.medications), problems,
                  prefix: "o-", type: "textarea", hint: "e.g. Furosemide 40 mg tablet: 1 tablet by mouth once a day", wide: true),
        ], error: refused ? PageForm.refusal(problems) : nil)
    }

    func sendForm(_ list: DischargeChoiceList?, id: UUID, chosen: [String], checks: [PreflightCheck], refusal: Refusal?) -> PageForm {
        let problems = refusal?.form == "send" ? refusal?.problems ?? [:] : [:]
        let names: [(value: String, label: String)] = chosen.compactMap { providerID in list?.option(providerID).map { option in
            (providerID, option.provider.name + (option.network == .outOfNetwork ? " (out of network)" : "") + (option.provider.isThisInstallation ? " (Hearth: to its intake inbox)" : ""))
        } }
        let failing = checks.filter { !$0.passed }.map(\.title)
        return PageForm(action: SiteURL.dischargePlan(id, .referrals).path, fields: [
            .checkboxes("providers", "Send to (the patient's choices)", refusal?.lists["providers"] ?? chosen, words: "", names, problems),
            .text("deadlineHours", "Ask for an answer within (hours)", refusal?.fields["deadlineHours"] ?? "24", problems, prefix: "r-", type: "number",
                  inputMode: "numeric"),
            .text("networkOverride", "Reason for referring out of network", refusal?.fields["networkOverride"], problems, prefix: "r-",
                  hint: "Only when a chosen provider is out of the patient's network", wide: true),
            .text("preflightOverride", "Reason for sending before the pre-flight is clear", refusal?.fields["preflightOverride"], problems, prefix: "r-",
                  type: "textarea", hint: failing.isEmpty ? "The pre-flight is clear." : "Not ready: \(failing.joined(separator: ", ")). Fix them above, or say why it goes now.",
                  wide: true),
        ], error: problems.isEmpty ? nil : problems["send"] ?? PageForm.refusal(problems))
    }

    func referral(_ referral: DischargePlanStore.Referral, stayID: UUID, open: Bool) -> DischargePlanSection.Referral {
        let id = (try? referral.row.requireID()) ?? UUID()
        let facts = referral.facts
        let late = facts.isLate(now: req.now)
        let flag = switch facts.status {
        case .accepted: "ok"
        case .declined: "overdue"
        case .withdrawn: "upcoming"
        case .sent: late ? "overdue" : "due_soon"
        }
        var detail: [String] = []
        if let at = facts.answeredAt { detail.append("\(facts.status == .accepted ? "Accepted" : "Answered") \(StayLifecycle.stamp(at, zone))") }
        if let reason = referral.declineReason { detail.append("Reason: \(reason)") }
        if facts.status == .sent && late { detail.append("No answer by the deadline: call the provider") }
        if referral.row.$inboundReferral.id != nil {
            let words = RemoteTaskStatus(rawValue: referral.taskStatus ?? "requested")?.words ?? RemoteTaskStatus.requested.words
            detail.append("Sent to \(referral.row.providerName)'s Hearth intake inbox: \(facts.status == .withdrawn ? "withdrawn, and the agency has been told" : words)")
            detail.append(referral.firstVisit.map { "First visit \($0)" } ?? (facts.status == .accepted ? "First visit not yet made" : ""))
        }
        if referral.row.partnerID != nil {
            detail += remoteDetail(referral.row)
            if referral.row.remoteTaskID != nil { detail.append(referral.firstVisit.map { "First visit \($0)" } ?? (facts.status == .accepted ? "First visit not yet made" : "")) }
        }
        if let reason = referral.row.networkOverride { detail.append("Out of network: \(reason)") }
        if let reason = referral.row.preflightOverride { detail.append("Sent before the pre-flight was clear: \(reason)") }
        // A Hearth agency answers in its own inbox: here the hospital can only withdraw the referral it sent.
        let isHearth = referral.row.$inboundReferral.id != nil || referral.row.partnerID != nil
        let answers = facts.status.next.filter { !isHearth || $0 == .withdrawn }
        let answerable = open && !answers.isEmpty
        let undelivered = referral.row.isUndelivered && facts.status == .sent
        let withdrawalUndelivered = referral.row.isWithdrawalUndelivered
        return .init(id: id.uuidString.lowercased(), provider: referral.row.providerName, sent: StayLifecycle.stamp(facts.sentAt, zone),
                     deadline: StayLifecycle.stamp(facts.deadline, zone),
                     status: undelivered ? "Not delivered: retry" : withdrawalUndelivered ? "Withdrawal not delivered: retry"
                        : late && facts.status == .sent ? "Late: no answer" : facts.status.title,
                     statusFlag: undelivered || withdrawalUndelivered ? "overdue" : flag, detail: detail.filter { !$0.isEmpty }.joined(separator: ". "),
                     answerForm: answerable ? PageForm(action: SiteURL.dischargePlan(stayID, .answer(id)).path, fields: [
                        .select("answer", "Answer", nil, answers.sorted { $0.rawValue < $1.rawValue }.map { ($0.rawValue, $0.title) }, [:],
                                prefix: "a-\(id.uuidString.prefix(8))-"),
                        .text("reason", isHearth ? "Reason the agency will read" : "Reason (when declined or withdrawn)", nil, [:],
                              prefix: "a-\(id.uuidString.prefix(8))-"),
                     ]) : nil,
                     retryHref: open && (undelivered || withdrawalUndelivered) ? SiteURL.dischargePlan(stayID, .retry(id)).path : nil,
                     technical: (referral.row.remoteTaskID ?? referral.row.$inboundReferral.id.map { "inbound-" + $0.uuidString.lowercased() }).map { "Task \($0)" },
                     retriesWithdrawal: withdrawalUndelivered)
    }

    /// A referral to a Hearth agency on another installation: delivered or not, the remote Task's status and when it was read.
    private func remoteDetail(_ row: PostAcuteReferralRecord) -> [String] {
        guard row.remoteTaskID != nil else {
            if row.status == PostAcuteReferralStatus.withdrawn.rawValue { return ["It never reached \(row.providerName)'s Hearth: nothing to tell the agency"] }
            return ["Not delivered to \(row.providerName)'s Hearth. \(row.remoteProblem ?? "The sending did not finish: retry.")"]
        }
        let status = RemoteTaskStatus(rawValue: row.remoteTaskStatus ?? "") ?? .requested
        guard !row.isWithdrawalUndelivered else {
            let problem = row.remoteProblem.map { String($0.reversed().drop { $0 == "." }.reversed()) } ?? "retry, or call the agency"
            return ["Sent to \(row.providerName)'s Hearth over HTTP", "Withdrawn here, but the agency has not been told yet: \(problem)"]
        }
        var lines = ["Sent to \(row.providerName)'s Hearth over HTTP: \(status.words)"]
        if let checked = row.lastCheckedAt { lines.append("Status last checked \(StayLifecycle.stamp(checked, zone))") }
        if let problem = row.remoteProblem { lines.append("The last check failed: \(problem)") }
        return lines
    }
}
