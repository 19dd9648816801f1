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
        try await event(entry).create(on: db)
    }

    static func event(_ entry: AuditEntry) -> AuditEvent {
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
        return event
    }
}

extension Request {
    /// Records a successful read of patient data: group-committed when the buffer is on, else written at once.
    func auditRead(_ action: String, patientID: UUID? = nil, resourceType: String? = nil, resourceID: String? = nil, detail: String? = nil) async throws {
        guard let buffer = application.auditBuffer else {
            return try await audit(action, patientID: patientID, resourceType: resourceType, resourceID: resourceID, detail: detail)
        }
        await buffer.add(AuditLog.event(entry(action, outcome: .success, patientID: patientID, resourceType: resourceType, resourceID: resourceID, detail: detail)))
    }

    /// Records something the signed-in user did.
    func audit(
        _ action: String, outcome: AuditEntry.Outcome = .success, patientID: UUID? = nil,
        resourceType: String? = nil, resourceID: String? = nil, detail: String? = nil, on db: (any Database)? = nil
    ) async throws {
        try await AuditLog.record(entry(action, outcome: outcome, patientID: patientID, resourceType: resourceType, resourceID: resourceID, detail: detail), on: db ?? self.db)
    }

    private func entry(_ action: String, outcome: AuditEntry.Outcome, patientID: UUID?, resourceType: String?, resourceID: String?, detail: String?) -> AuditEntry {
        let detail = emergencyDetail(detail, patientID: patientID) // every use of break-the-glass is audited as such
        if let user = auth.get(CurrentUser.self) {
            return AuditEntry(actor: user, action: action, outcome: outcome, patientID: patientID, resourceType: resourceType, resourceID: resourceID, detail: detail, request: self)
        }
        return AuditEntry(actorName: "anonymous", action: action, outcome: outcome, patientID: patientID, resourceType: resourceType, resourceID: resourceID, detail: detail, request: self)
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
