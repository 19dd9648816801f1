import Fluent
import Foundation
import HearthCore
import Synchronization
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
    /// `batchingRecords`: a write of many records (a FHIR transaction) keeps its audit records and chart history lines
    /// and inserts them a few hundred rows to a statement, still in its transaction, just before it commits.
    func auditedWrite<T: Sendable>(batchingRecords: Bool = false,
                                   _ change: @escaping @Sendable (_ db: any Database, _ audit: AuditTrail) async throws -> T) async throws -> T {
        try await db.transaction { db in
            let trail = AuditTrail(request: self, db: db, batch: batchingRecords ? AuditTrail.Batch() : nil)
            let result = try await change(db, trail)
            try await trail.flush()
            return result
        }
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
    private let batch: Batch?

    fileprivate init(request: Request, db: any Database, batch: Batch? = nil) {
        self.request = request
        self.db = db
        self.batch = batch
    }

    /// Records what the signed-in user did, in the transaction.
    func callAsFunction(
        _ action: String, outcome: AuditEntry.Outcome = .success, patientID: UUID? = nil,
        resourceType: String? = nil, resourceID: String? = nil, detail: String? = nil
    ) async throws {
        try await record(request.entry(action, outcome: outcome, patientID: patientID, resourceType: resourceType, resourceID: resourceID, detail: detail))
    }

    /// Records an entry built elsewhere (a system actor, a command), in the transaction.
    func record(_ entry: AuditEntry) async throws {
        let event = AuditLog.event(entry)
        if let batch { batch.add(event) } else { try await event.create(on: db) }
    }

    /// Adds a line to the chart's history (`record_changes`), in the transaction.
    func recordChange(_ change: RecordChange) async throws {
        if change.id == nil { change.id = UUID() }
        if let batch { batch.add(change) } else { try await change.create(on: db) }
    }

    /// Inserts a new row, in the transaction: a batching write keeps it for a multi-row insert of its table before the
    /// commit, so only for a table nothing in the write reads back (the caller remembers what it added); others insert
    /// it now. The caller sets its id and timestamps (a kept row is inserted as it is).
    func insert<M: Model>(_ model: M) async throws {
        guard let batch else { return try await model.create(on: db) }
        batch.add(Batch.Row(model: M.self, values: model.rowValues))
        model._$idExists = true // a later `save` updates the row (after `insertKept`)
    }

    /// Whether `insert` keeps rows for the end of the write.
    var isBatching: Bool { batch != nil }

    /// Inserts the rows `insert` kept so far, now, in the transaction: before a statement that may read or change them.
    func insertKept() async throws {
        guard let batch else { return }
        let rows = batch.takeRows()
        var tables: [String: [Batch.Row]] = [:], order: [String] = []
        for row in rows {
            let schema = row.model.schema
            if tables[schema] == nil { order.append(schema) }
            tables[schema, default: []].append(row)
        }
        // Patients before the rows that name them (foreign keys are checked at each statement).
        if let first = order.firstIndex(of: Patient.schema) { order.insert(order.remove(at: first), at: 0) }
        for schema in order {
            let all = tables[schema] ?? []
            // A few hundred rows a statement stays under both databases' limits on bound values.
            for start in stride(from: 0, to: all.count, by: 400) { try await Self.insert(all[0].model, Array(all[start..<min(start + 400, all.count)]).map(\.values), on: db) }
        }
    }

    /// Where the batch stands, to go back to when one part of the write is rolled back to a savepoint.
    var mark: Batch.Mark? { batch?.mark }

    func rollBack(to mark: Batch.Mark?) {
        if let mark { batch?.rollBack(to: mark) }
    }

    /// Inserts what a batching write kept; `auditedWrite` calls it inside the transaction, before the commit.
    fileprivate func flush() async throws {
        guard let batch else { return }
        try await insertKept()
        let (events, changes) = batch.take()
        for start in stride(from: 0, to: events.count, by: 400) { try await events[start..<min(start + 400, events.count)].insertRows(on: db) }
        for start in stride(from: 0, to: changes.count, by: 400) { try await Array(changes[start..<min(start + 400, changes.count)]).create(on: db) }
    }

    private static func insert<M: Model>(_ model: M.Type, _ rows: [[FieldKey: DatabaseQuery.Value]], on db: any Database) async throws {
        try await M.query(on: db).set(rows).create()
    }

    /// The records a batching write has made so far; one transaction alone adds to it, in order.
    final class Batch: Sendable {
        struct Mark: Sendable { fileprivate var events: Int, changes: Int, rows: Int, inserted: Int }
        /// A row of another table (`AuditTrail.insert`), as its model's fields bind.
        struct Row: @unchecked Sendable { var model: any Model.Type; var values: [FieldKey: DatabaseQuery.Value] }
        /// `rows`: every row kept, in order; the first `inserted` of them are in the database (`insertKept`).
        private struct Rows { var events: [AuditEvent] = [], changes: [RecordChange] = [], rows: [Row] = [], inserted = 0 }
        private let rows = Mutex(Rows())

        func add(_ event: AuditEvent) { rows.withLock { $0.events.append(event) } }
        func add(_ change: RecordChange) { rows.withLock { $0.changes.append(change) } }
        func add(_ row: Row) { rows.withLock { $0.rows.append(row) } }
        var mark: Mark { rows.withLock { Mark(events: $0.events.count, changes: $0.changes.count, rows: $0.rows.count, inserted: $0.inserted) } }

        /// Back to the mark, whose savepoint was rolled back: what was kept since is dropped, and the rows inserted since
        /// (the rollback took them out of the database) are kept again.
        func rollBack(to mark: Mark) {
            rows.withLock { rows in
                rows.events.removeLast(rows.events.count - mark.events)
                rows.changes.removeLast(rows.changes.count - mark.changes)
                rows.rows.removeLast(rows.rows.count - mark.rows)
                rows.inserted = mark.inserted
            }
        }

        fileprivate func take() -> ([AuditEvent], [RecordChange]) {
            rows.withLock { rows in
                defer { (rows.events, rows.changes) = ([], []) }
                return (rows.events, rows.changes)
            }
        }

        /// The kept rows not inserted yet, now counted as inserted.
        fileprivate func takeRows() -> ArraySlice<Row> {
            rows.withLock { rows in
                defer { rows.inserted = rows.rows.count }
                return rows.rows[rows.inserted...]
            }
        }
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

extension Model {
    /// Every column of the model, set or defaulted, as `create` binds them.
    var rowValues: [FieldKey: DatabaseQuery.Value] {
        let input = RowInput()
        self.input(to: input)
        return input.values
    }
}

private final class RowInput: DatabaseInput {
    var values: [FieldKey: DatabaseQuery.Value] = [:]
    var wantsUnmodifiedKeys: Bool { true }
    func set(_ value: DatabaseQuery.Value, at key: FieldKey) { values[key] = value }
}

extension Collection where Element: Model {
    /// Inserts the models in one statement, as `create` would, without Fluent's reading each one back as saved (for the
    /// audit buffer's rows, ~1.4% of a FHIR read's CPU in issue 19's profile): for rows made once, whose ids are set.
    func insertRows(on db: any Database) async throws {
        guard !isEmpty else { return }
        try await Element.query(on: db).set(map(\.rowValues)).create()
    }
}
