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

    /// Records an event that changes nothing else (a refusal, a failed attempt, an export) as a write of its own.
    /// A change to data records its audit through `auditedWrite` instead, in the change's transaction.
    func audit(
        _ action: String, outcome: AuditEntry.Outcome = .success, patientID: UUID? = nil,
        resourceType: String? = nil, resourceID: String? = nil, detail: String? = nil
    ) async throws {
        try await AuditLog.record(entry(action, outcome: outcome, patientID: patientID, resourceType: resourceType, resourceID: resourceID, detail: detail), on: db)
    }

    /// The one way data is written: opens a transaction, runs the change on its database and appends the audit
    /// records through `audit`, which writes only on that transaction, so the change and its record commit together
    /// or not at all. Inside, never write through `req.db`: on SQLite the transaction holds the write lock.
    func auditedWrite<T: Sendable>(_ change: @escaping @Sendable (_ db: any Database, _ audit: AuditTrail) async throws -> T) async throws -> T {
        try await db.transaction { db in try await change(db, AuditTrail(request: self, db: db)) }
    }

    /// A change with one audit record known before it runs: `try await req.auditedWrite("order.sign", patientID: id) { db in … }`.
    func auditedWrite<T: Sendable>(
        _ action: String, patientID: UUID? = nil, resourceType: String? = nil, resourceID: String? = nil, detail: String? = nil,
        _ change: @escaping @Sendable (_ db: any Database) async throws -> T
    ) async throws -> T {
        try await auditedWrite { db, audit in
            let result = try await change(db)
            try await audit(action, patientID: patientID, resourceType: resourceType, resourceID: resourceID, detail: detail)
            return result
        }
    }

    fileprivate func entry(_ action: String, outcome: AuditEntry.Outcome, patientID: UUID?, resourceType: String?, resourceID: String?, detail: String?) -> AuditEntry {
        let detail = emergencyDetail(detail, patientID: patientID) // every use of break-the-glass is audited as such
        if let user = auth.get(CurrentUser.self) {
            return AuditEntry(actor: user, action: action, outcome: outcome, patientID: patientID, resourceType: resourceType, resourceID: resourceID, detail: detail, request: self)
        }
        return AuditEntry(actorName: "anonymous", action: action, outcome: outcome, patientID: patientID, resourceType: resourceType, resourceID: resourceID, detail: detail, request: self)
    }
}

/// Appends audit records to one `auditedWrite`'s transaction; only `auditedWrite` makes one, so a record of a change
/// cannot land outside the change's transaction.
struct AuditTrail: Sendable {
    private let request: Request
    private let db: any Database

    fileprivate init(request: Request, db: any Database) {
        self.request = request
        self.db = db
    }

    /// Records what the signed-in user did, in the transaction.
    func callAsFunction(
        _ action: String, outcome: AuditEntry.Outcome = .success, patientID: UUID? = nil,
        resourceType: String? = nil, resourceID: String? = nil, detail: String? = nil
    ) async throws {
        try await AuditLog.record(request.entry(action, outcome: outcome, patientID: patientID, resourceType: resourceType,
                                                resourceID: resourceID, detail: detail), on: db)
    }

    /// Records an entry built elsewhere (a system actor, a command), in the transaction.
    func record(_ entry: AuditEntry) async throws {
        try await AuditLog.record(entry, on: db)
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
