import Fluent
import Foundation
import HearthCore
import Vapor

/// The hospital withdrew a referral the agency on another installation holds: its Task is cancelled there
/// (`PUT Task/<id>` with status cancelled and the reason), so the agency cannot admit a patient who went elsewhere. The
/// withdrawal stands here whatever the agency's server does; one not delivered says so on the stay, with a retry.
extension RemoteReferralDelivery {
    @discardableResult
    static func deliverWithdrawal(_ row: PostAcuteReferralRecord, patientID: UUID?, app: Application, actor: Actor, now: Date) async throws -> RemoteDeliveryProblem? {
        guard let partnerID = row.partnerID, let taskID = row.remoteTaskID, let partner = try await ReferralPartner.find(partnerID, on: app.db) else {
            row.remoteProblem = "This agency is no longer a configured referral partner: ask the administrator to add it under Referral partners, then retry, or call the agency."
            try await row.save(on: app.db)
            return .unreachable
        }
        var cancelled: [String: Any] = ["resourceType": "Task", "id": taskID, "status": RemoteTaskStatus.cancelled.rawValue, "intent": "order"]
        if let reason = row.declineReason { cancelled["statusReason"] = ["text": reason] }
        let body = String(decoding: try JSONSerialization.data(withJSONObject: cancelled, options: [.sortedKeys]), as: UTF8.self)
        let answer = await call(.PUT, partner.baseURL + "/Task/" + taskID, headers: headers(partner, sending: true), body: body, app: app)
        let outcome = answer.flatMap { text -> Result<RemoteTaskStatus, RemoteDeliveryProblem> in
            task(in: text).map { .success($0.status) } ?? .failure(.unreadable)
        }
        let host = URI(string: partner.baseURL).host ?? partner.baseURL
        try await app.db.transaction { db in
            switch outcome {
            case .success(let status): (row.remoteTaskStatus, row.remoteProblem, row.lastCheckedAt) = (status.rawValue, nil, now)
            case .failure(let problem): row.remoteProblem = problem.message
            }
            try await row.save(on: db)
            let detail = switch outcome {
            case .success(let status): "the withdrawal to \(row.providerID) at \(host): Task/\(taskID) \(status.rawValue)"
            case .failure(let problem): "withdrawal not delivered to \(row.providerID) at \(host): \(problem.code)"
            }
            try await record(actor, "discharge_plan.referral_withdraw_deliver", outcome: outcome.isSuccess ? .success : .failure, patientID: patientID,
                             row: row, detail: detail, on: db)
        }
        if case .failure(let problem) = outcome { return problem }
        return nil
    }
}
