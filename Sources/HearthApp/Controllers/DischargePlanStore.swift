import Fluent
import Foundation
import HearthCore
import Vapor

/// A stay's discharge plan as saved, read back for the stay page: the plan, the latest choice, the referrals, and for a
/// referral filed in this installation's intake inbox, what the agency answered and when its first visit was.
enum DischargePlanStore {
    struct Loaded {
        var plan: DischargePlan?
        var choice: DischargeChoiceRecord?
        var referrals: [Referral]
    }

    /// A referral with its answer: from the record, or, for one filed in the intake inbox, from the agency's decision.
    struct Referral {
        var row: PostAcuteReferralRecord
        var facts: PostAcuteReferralFacts
        var declineReason: String?
        /// The agency's first completed visit, once it happened (a Hearth agency here, or on another installation's Task).
        var firstVisit: String?
        /// The Task status the hospital would poll (`requested`, `accepted`, `in-progress`…).
        var taskStatus: String?
    }

    static func load(stayID: UUID, on db: any Database) async throws -> Loaded {
        let plan = try await DischargePlan.query(on: db).filter(\.$stay.$id == stayID).first()
        let choice = try await DischargeChoiceRecord.query(on: db).filter(\.$stay.$id == stayID).sort(\.$recordedAt, .descending).first()
        let rows = try await PostAcuteReferralRecord.query(on: db).filter(\.$stay.$id == stayID).sort(\.$sentAt).all()
        let inboundIDs = rows.compactMap { $0.$inboundReferral.id }
        let inbound = inboundIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await InboundReferral.query(on: db).filter(\.$id ~~ inboundIDs)
            .with(\.$episode).all().map { ($0.id!, $0) })
        var referrals: [Referral] = []
        for row in rows {
            referrals.append(try await referral(row, inbound: row.$inboundReferral.id.flatMap { inbound[$0] }, on: db))
        }
        return Loaded(plan: plan, choice: choice, referrals: referrals)
    }

    private static func referral(_ row: PostAcuteReferralRecord, inbound: InboundReferral?, on db: any Database) async throws -> Referral {
        var status = PostAcuteReferralStatus(rawValue: row.status) ?? .sent
        var answeredAt = row.answeredAt, acceptedAt = row.acceptedAt, reason = row.declineReason
        var firstVisit: String?, taskStatus: String?
        if let inbound, status != .withdrawn {
            // The agency answers in its own inbox; the hospital reads the answer as the sender reads its Task.
            taskStatus = FHIRInboundTask.status(inbound, episode: inbound.episode.flatMap { EpisodeStatus(rawValue: $0.status) })
            switch InboundReferral.Status(rawValue: inbound.status) {
            case .accepted?: (status, answeredAt, acceptedAt) = (.accepted, inbound.decidedAt, inbound.decidedAt)
            case .rejected?: (status, answeredAt, reason) = (.declined, inbound.decidedAt, inbound.reason)
            default: break
            }
            if let episodeID = inbound.$episode.id {
                firstVisit = try await FHIRInboundTask.firstVisits(episodes: [episodeID], on: db)[episodeID]
            }
        }
        if row.partnerID != nil { firstVisit = row.remoteFirstVisit }
        let facts = PostAcuteReferralFacts(provider: row.providerName, sentAt: row.sentAt, deadline: row.deadline, status: status,
                                           answeredAt: answeredAt, acceptedAt: acceptedAt)
        return Referral(row: row, facts: facts, declineReason: reason, firstVisit: firstVisit, taskStatus: taskStatus)
    }

    static func answers(_ plan: DischargePlan?) -> AssessmentAnswers {
        guard let json = plan?.answersJSON, let answers = try? JSONDecoder().decode(AssessmentAnswers.self, from: Data(json.utf8)) else { return AssessmentAnswers() }
        return answers
    }

    static func needs(_ plan: DischargePlan?) -> [ContinuingNeed] {
        (plan?.needs ?? "").split(separator: ",").compactMap { ContinuingNeed(rawValue: String($0)) }
    }

    /// The home health order's facts as the pre-flight reads them.
    static func orderFacts(_ plan: DischargePlan?) -> HomeHealthOrderFacts {
        HomeHealthOrderFacts(startOfCare: plan?.startOfCare.flatMap(CalendarDate.init), faceToFaceDate: plan?.faceToFaceDate.flatMap(CalendarDate.init),
                             faceToFacePractitioner: plan?.faceToFaceBy ?? "", homeboundCriterionOne: plan?.homeboundOne ?? "",
                             homeboundCriterionTwo: plan?.homeboundTwo ?? "", certifyingPhysician: plan?.certifyingPhysician ?? "",
                             certifyingNPI: plan?.certifyingNPI ?? "", authorizationNumber: plan?.authorizationNumber ?? "")
    }

    /// The patient's choice list for the stay's planned setting, or nil until the setting and the home ZIP are known.
    static func choiceList(_ stay: HospitalStay, plan: DischargePlan?, directory: PostAcuteDirectory) -> DischargeChoiceList? {
        guard let setting = stay.plannedDisposition.flatMap(Disposition.init), DischargeChoiceList.settings.contains(setting),
              let zip = plan?.postalCode, !zip.isEmpty else { return nil }
        return DischargeChoiceList(directory: directory, setting: setting, needs: needs(plan), payerName: stay.payer, zip: zip, medicare: stay.medicare)
    }
}
