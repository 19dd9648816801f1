import Fluent
import Foundation
import HearthCore
import Vapor

/// The hand-off to a Hearth agency on another installation: the referral's Bundle POSTed to the agency's `/fhir` with
/// the token it issued to this hospital, and the Task it became read back (`requested → accepted | rejected →
/// in-progress → completed`). A failure is kept on the referral as "not delivered" with what to do; nothing is lost,
/// nothing answers 500. Every delivery and every status change is audited here: what was disclosed, to whom.
enum RemoteReferralDelivery {
    /// Who is acting: the signed-in case manager, or the operator's `hearth referrals poll`.
    struct Actor: Sendable {
        var id: UUID?
        var name: String
        var request: Request?

        static func of(_ req: Request) throws -> Actor { let user = try req.currentUser; return Actor(id: user.id, name: user.username, request: req) }
    }

    /// POSTs the referral's Bundle and records the Task id, or the problem; answers the problem, if any.
    @discardableResult
    static func deliver(_ row: PostAcuteReferralRecord, patientID: UUID?, app: Application, actor: Actor, now: Date) async throws -> RemoteDeliveryProblem? {
        guard let partnerID = row.partnerID, let json = row.bundleJSON, let partner = try await ReferralPartner.find(partnerID, on: app.db) else {
            row.remoteProblem = "This agency is no longer a configured referral partner: ask the administrator to add it under Referral partners, then retry."
            try await row.save(on: app.db)
            return .unreachable
        }
        let answer = await call(.POST, partner.baseURL, headers: headers(partner, sending: true), body: json, app: app)
        let outcome = answer.flatMap { body -> Result<String, RemoteDeliveryProblem> in
            guard let id = taskID(inTransactionResponse: body) else { return .failure(.unreadable) }
            return .success(id)
        }
        let host = URI(string: partner.baseURL).host ?? partner.baseURL
        try await app.db.transaction { db in
            switch outcome {
            case .success(let taskID):
                (row.remoteTaskID, row.remoteTaskStatus, row.remoteProblem, row.lastCheckedAt) = (taskID, RemoteTaskStatus.requested.rawValue, nil, now)
            case .failure(let problem):
                row.remoteProblem = problem.message
            }
            try await row.save(on: db)
            let detail = switch outcome {
            case .success(let taskID): "the referral Bundle (demographics, diagnosis, medications, coverage, order) to \(row.providerID) at \(host): Task/\(taskID)"
            case .failure(let problem): "not delivered to \(row.providerID) at \(host): \(problem.code)"
            }
            try await record(actor, "discharge_plan.referral_deliver", outcome: outcome.isSuccess ? .success : .failure, patientID: patientID,
                             row: row, detail: detail, on: db)
        }
        if case .failure(let problem) = outcome { return problem }
        return nil
    }

    /// What every call to a partner sends: its token, FHIR JSON accepted, and FHIR JSON sent when there is a body.
    static func headers(_ partner: ReferralPartner, sending: Bool) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if sending { headers.contentType = HTTPMediaType(type: "application", subType: "fhir+json") }
        headers.replaceOrAdd(name: .accept, value: "application/fhir+json")
        headers.bearerAuthorization = .init(token: partner.token)
        return headers
    }

    /// A Task the partner answered with, and its status; nil for anything else.
    static func task(in body: String) -> (object: [String: Any], status: RemoteTaskStatus)? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any], object["resourceType"] as? String == "Task",
              let status = (object["status"] as? String).flatMap(RemoteTaskStatus.init) else { return nil }
        return (object, status)
    }

    /// Reads the agency's Task and records what changed: the status it shows, and the answer it makes of the referral.
    static func poll(_ row: PostAcuteReferralRecord, patientID: UUID?, app: Application, actor: Actor, now: Date, zone: TimeZone) async throws {
        guard let partnerID = row.partnerID, let taskID = row.remoteTaskID, let partner = try await ReferralPartner.find(partnerID, on: app.db) else { return }
        let answer = await call(.GET, partner.baseURL + "/Task/" + taskID, headers: headers(partner, sending: false), body: nil, app: app)
        var reason: String?, firstVisit: String?
        let read = answer.flatMap { body -> Result<RemoteTaskStatus, RemoteDeliveryProblem> in
            guard let (object, status) = task(in: body) else { return .failure(.unreadable) }
            reason = ((object["statusReason"] as? [String: Any])?["text"] as? String).map { String($0.prefix(500)) }
            firstVisit = ((object["executionPeriod"] as? [String: Any])?["start"] as? String).flatMap { CalendarDate(String($0.prefix(10)))?.description }
            return .success(status)
        }
        let (declineReason, firstVisitDay) = (reason, firstVisit)
        try await app.db.transaction { db in
            row.lastCheckedAt = now
            guard case .success(let status) = read else {
                if case .failure(let problem) = read { row.remoteProblem = problem.message }
                try await row.save(on: db)
                return
            }
            row.remoteProblem = nil
            let changed = row.remoteTaskStatus != status.rawValue || row.remoteFirstVisit != firstVisitDay
            row.remoteFirstVisit = firstVisitDay
            row.remoteTaskStatus = status.rawValue
            let current = PostAcuteReferralStatus(rawValue: row.status) ?? .sent
            let answer = status.referralStatus
            if current == .sent && answer != .sent {
                row.status = answer.rawValue
                row.answeredAt = now
                if answer == .declined { row.declineReason = declineReason }
                if answer == .accepted {
                    row.acceptedAt = now
                    try await DischargePlanStore.recordLateAcceptance(row, acceptedAt: now, zone: zone, on: db) { action, patient, type, id, detail in
                        try await record(actor, action, outcome: .success, patientID: patient, row: row, detail: detail ?? "", on: db, type: type, id: id)
                    }
                }
            }
            try await row.save(on: db)
            if changed {
                try await record(actor, "discharge_plan.referral_status", outcome: .success, patientID: patientID, row: row,
                                 detail: "\(row.providerID) Task/\(taskID) \(status.rawValue)" + (firstVisitDay.map { ", first visit \($0)" } ?? ""), on: db)
            }
        }
    }

    /// The stay's referrals to partners, delivered and still open, whose status was last read more than `every` ago.
    static func due(stayID: UUID?, every: TimeInterval, now: Date, on db: any Database) async throws -> [PostAcuteReferralRecord] {
        let query = PostAcuteReferralRecord.query(on: db).filter(\.$partnerID != nil).filter(\.$remoteTaskID != nil)
            .filter(\.$status ~~ [PostAcuteReferralStatus.sent.rawValue, PostAcuteReferralStatus.accepted.rawValue])
        if let stayID { query.filter(\.$stay.$id == stayID) }
        return try await query.all().filter { row in
            row.remoteTaskStatus != RemoteTaskStatus.completed.rawValue && row.lastCheckedAt.map { now.timeIntervalSince($0) >= every } ?? true
        }
    }

    static func record(_ actor: Actor, _ action: String, outcome: AuditEntry.Outcome, patientID: UUID?, row: PostAcuteReferralRecord, detail: String,
                               on db: any Database, type: String? = "ServiceRequest", id: String? = nil) async throws {
        try await AuditLog.record(.init(actorID: actor.id, actorName: actor.name, action: action, outcome: outcome, patientID: patientID, resourceType: type,
                                        resourceID: id ?? row.id?.uuidString, detail: detail, request: actor.request), on: db)
    }

    /// One request to the partner with the configured timeout: the body of a 2xx answer, or the problem.
    static func call(_ method: HTTPMethod, _ url: String, headers: HTTPHeaders, body: String?, app: Application) async -> Result<String, RemoteDeliveryProblem> {
        let request = ClientRequest(method: method, url: URI(string: url), headers: headers, body: body.map { ByteBuffer(string: $0) },
                                    timeout: .seconds(Int64(app.settings.partnerTimeoutSeconds)))
        do {
            let response = try await app.client.send(request).get()
            let text = response.body.map { String(buffer: $0) } ?? ""
            if let problem = RemoteDeliveryProblem.of(status: Int(response.status.code), reason: diagnostics(text)) { return .failure(problem) }
            return .success(text)
        } catch {
            let words = String(describing: error).lowercased()
            return .failure(words.contains("timeout") || words.contains("deadline") ? .timedOut : .unreachable)
        }
    }

    /// The transaction-response's Task entry: its Location names the Task the hospital polls.
    static func taskID(inTransactionResponse body: String) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any], object["resourceType"] as? String == "Bundle",
              let entries = object["entry"] as? [[String: Any]] else { return nil }
        return entries.lazy.compactMap { ($0["response"] as? [String: Any])?["location"] as? String }.compactMap(RemoteTaskStatus.taskID(fromLocation:)).first
    }

    /// An OperationOutcome's first diagnostics, for the reason beside a 4xx.
    private static func diagnostics(_ body: String) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any],
              let issues = object["issue"] as? [[String: Any]] else { return nil }
        return issues.first?["diagnostics"] as? String
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { true } else { false } }
}

extension RemoteDeliveryProblem {
    /// A short word for the audit trail.
    var code: String {
        switch self {
        case .unreachable: "unreachable"
        case .timedOut: "timed out"
        case .unauthorized: "401"
        case .forbidden: "403"
        case .refused(let status, _), .serverError(let status): "\(status)"
        case .unreadable: "not a FHIR answer"
        }
    }
}
