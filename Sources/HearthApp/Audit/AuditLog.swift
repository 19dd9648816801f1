import Fluent
import Foundation
import HearthCore
import Vapor

/// What happened, to be written to the audit trail.
struct AuditEntry: Sendable {
    enum Outcome: String, Sendable { case success, failure, denied }

    var actorID: UUID?
    var actorName: String
    var action: String
    var outcome: Outcome
    var patientID: UUID?
    var resourceType: String?
    var resourceID: String?
    var sourceIP: String?
    var requestID: String?
    var detail: String?

    init(
        actorID: UUID? = nil, actorName: String, action: String, outcome: Outcome, patientID: UUID? = nil,
        resourceType: String? = nil, resourceID: String? = nil, detail: String? = nil, request: Request? = nil
    ) {
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.outcome = outcome
        self.patientID = patientID
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.detail = detail
        self.sourceIP = request?.sourceIP
        self.requestID = request?.id
    }

    init(actor: User, action: String, outcome: Outcome, patientID: UUID? = nil, detail: String? = nil, request: Request?) {
        self.init(actorID: actor.id, actorName: actor.username, action: action, outcome: outcome, patientID: patientID, detail: detail, request: request)
    }

    init(actor: CurrentUser, action: String, outcome: Outcome, patientID: UUID? = nil, resourceType: String? = nil, resourceID: String? = nil, detail: String? = nil, request: Request?) {
        self.init(actorID: actor.id, actorName: actor.username, action: action, outcome: outcome, patientID: patientID, resourceType: resourceType, resourceID: resourceID, detail: detail, request: request)
    }
}

/// Appends to the audit trail. Writes pass the transaction of the change they record, so both commit or neither.
enum AuditLog {
    static func record(_ entry: AuditEntry, on db: any Database) async throws {
        let event = AuditEvent()
        event.id = UUID()
        event.occurredAtMillis = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        event.actorID = entry.actorID
        event.actorName = entry.actorName
        event.action = entry.action
        event.outcome = entry.outcome.rawValue
        event.patientID = entry.patientID
        event.resourceType = entry.resourceType
        event.resourceID = entry.resourceID
        event.sourceIP = entry.sourceIP
        event.requestID = entry.requestID
        event.detail = entry.detail
        try await event.create(on: db)
    }
}

extension Request {
    /// Records something the signed-in user did.
    func audit(
        _ action: String, outcome: AuditEntry.Outcome = .success, patientID: UUID? = nil,
        resourceType: String? = nil, resourceID: String? = nil, detail: String? = nil, on db: (any Database)? = nil
    ) async throws {
        let entry: AuditEntry
        if let user = auth.get(CurrentUser.self) {
            entry = AuditEntry(actor: user, action: action, outcome: outcome, patientID: patientID, resourceType: resourceType, resourceID: resourceID, detail: detail, request: self)
        } else {
            entry = AuditEntry(actorName: "anonymous", action: action, outcome: outcome, patientID: patientID, resourceType: resourceType, resourceID: resourceID, detail: detail, request: self)
        }
        try await AuditLog.record(entry, on: db ?? self.db)
    }
}

extension AuditEvent {
    var facts: AuditFacts {
        AuditFacts(
            id: id ?? UUID(), occurredAtMillis: occurredAtMillis, actorID: actorID, actorName: actorName,
            action: action, outcome: outcome, patientID: patientID, resourceType: resourceType,
            resourceID: resourceID, sourceIP: sourceIP, requestID: requestID, detail: detail
        )
    }
}
