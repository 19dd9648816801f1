import Fluent
import FluentSQL
import Foundation
import NIOCore
import HearthCore
import Vapor

/// Links unsealed audit records into the chain (HMAC-SHA256 with the audit key, else SHA-256), in batches, in sequence order.
/// Only the sealer takes the chain lock, so request handlers on many instances append without waiting on each other.
enum AuditSealer {
    /// Seals up to `batchSize` records; returns how many it sealed. One sealer at a time across all app instances: with
    /// `waitingForOthers` false (the server's timer, 20 times a second) an instance that finds another sealing leaves it
    /// the work instead of holding a pooled connection while it waits.
    @discardableResult
    static func sealBatch(on db: any Database, key: AuditKey? = nil, batchSize: Int = 200, waitingForOthers: Bool = true) async throws -> Int {
        // Most ticks find nothing to seal: a read says so without taking the write lock (SQLite) or the chain lock.
        guard try await anyWaiting(on: db) else { return 0 }
        return try await db.transaction { db in
            if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                if waitingForOthers {
                    try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: 4_240_001))").run()
                } else {
                    struct Locked: Decodable { var locked: Bool }
                    let lock = try await sql.raw("SELECT pg_try_advisory_xact_lock(\(literal: 4_240_001)) AS locked").first(decoding: Locked.self)
                    guard lock?.locked == true else { return 0 }
                }
            }
            let pending = try await AuditEvent.query(on: db)
                .filter(\.$sequence == nil)
                .sort(\.$occurredAtMillis).sort(\.$id)
                .limit(batchSize)
                .all()
            guard !pending.isEmpty else { return 0 }
            let stored = try await AuditChainHead.find(AuditChainHead.rowID, on: db)
            let head = stored.map { ChainHead(sequence: $0.sequence, hash: $0.hash) } ?? .empty
            // Sealing on without the key would break the chain for good: leave the records waiting and say why.
            if key == nil, AuditChain.isKeyed(head.hash) { throw AuditKeyMissing() }
            let sealed = AuditChain.seal(pending.map(\.facts), after: head, key: key)
            try await store(Array(zip(pending, sealed)), on: db)
            let last = sealed[sealed.count - 1]
            let newHead = stored ?? AuditChainHead(sequence: 0, hash: AuditChain.genesis)
            newHead.sequence = last.sequence
            newHead.hash = last.hash
            try await newHead.save(on: db)
            return sealed.count
        }
    }

    /// Whether any record waits to be sealed: one indexed read (`seq` is unique, so indexed), outside any transaction.
    /// A record appended just after it answers waits for the next tick, as it would have anyway.
    static func anyWaiting(on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return true }
        return try await sql.raw("SELECT 1 AS waiting FROM \(ident: AuditEvent.schema) WHERE \(ident: "seq") IS NULL LIMIT 1").first() != nil
    }

    /// Writes the chain links: one UPDATE per 100 records (each row's values by `CASE id`), so the sealer holds
    /// SQLite's write lock for one statement, not one per record.
    static func store(_ links: [(AuditEvent, SealedAuditRecord)], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else {
            for (event, record) in links {
                event.sequence = record.sequence
                event.previousHash = record.previousHash
                event.hash = record.hash
                try await event.update(on: db)
            }
            return
        }
        for start in stride(from: 0, to: links.count, by: 100) {
            let chunk = links[start..<min(start + 100, links.count)]
            func cases(_ column: String, _ value: (SealedAuditRecord) -> any Encodable & Sendable) throws -> SQLQueryString {
                var part: SQLQueryString = "\(ident: column) = CASE \(ident: "id")"
                for (event, record) in chunk { part += " WHEN \(bind: try event.requireID()) THEN \(bind: value(record))" }
                return part + " END"
            }
            let ids = try chunk.map { try $0.0.requireID() }
            try await sql.raw("""
                UPDATE \(ident: AuditEvent.schema) SET \(try cases("seq") { $0.sequence }), \(try cases("prev_hash") { $0.previousHash }),
                \(try cases("hash") { $0.hash }) WHERE \(ident: "id") IN (\(binds: ids))
                """).run()
        }
    }

    /// Seals everything waiting (or, not `waitingForOthers`, leaves it to the instance that is already sealing).
    @discardableResult
    static func sealAll(on db: any Database, key: AuditKey? = nil, waitingForOthers: Bool = true) async throws -> Int {
        var total = 0
        while true {
            let count = try await sealBatch(on: db, key: key, waitingForOthers: waitingForOthers)
            total += count
            if count == 0 { return total }
        }
    }

    /// Seals everything waiting with the configured key, then checkpoints the head outside the database.
    @discardableResult
    static func sealAll(_ app: Application) async throws -> Int {
        let sealed = try await sealAll(on: app.db, key: app.settings.auditKey)
        try await app.checkpointAuditChain()
        return sealed
    }
}

/// The chain's last record is keyed and this process has no key.
struct AuditKeyMissing: Error, CustomStringConvertible {
    var description: String {
        "the audit trail is sealed with a key and none is set: set HEARTH_AUDIT_KEY or HEARTH_AUDIT_KEY_FILE (new records wait unsealed until then)"
    }
}

/// What `hearth audit verify` found.
struct AuditVerification: Sendable {
    var checked: Int64
    var unsealed: Int
    var problem: AuditVerifier.Problem?
    /// Records sealed without a key, and checkpoints the chain was compared with.
    var unkeyed: Int64 = 0
    var checkpointsMatched = 0
}


extension AuditVerification {
    /// Verifies with the application's key and checkpoint file (45 CFR 164.312(b), 164.312(c)(1)).
    static func run(_ app: Application) async throws -> AuditVerification {
        var checkpoints: [AuditCheckpoint] = []
        if let path = app.settings.auditCheckpoints {
            switch try AuditCheckpointFile(path: path).read(key: app.settings.auditKey) {
            case .success(let read): checkpoints = read
            case .failure(let problem): return AuditVerification(checked: 0, unsealed: 0, problem: problem)
            }
        }
        return try await run(on: app.db, key: app.settings.auditKey, checkpoints: checkpoints)
    }

    /// Reads the sealed chain page by page and checks every link.
    static func run(on db: any Database, key: AuditKey? = nil, checkpoints: [AuditCheckpoint] = [], pageSize: Int = 1000) async throws -> AuditVerification {
        var verifier = AuditVerifier(key: key, checkpoints: checkpoints)
        var after: Int64 = 0
        while verifier.firstProblem == nil {
            let page = try await AuditEvent.query(on: db)
                .filter(\.$sequence > after)
                .sort(\.$sequence)
                .limit(pageSize)
                .all()
            guard let last = page.last?.sequence else { break }
            verifier.check(page.map { event in
                SealedAuditRecord(sequence: event.sequence ?? 0, facts: event.facts, previousHash: event.previousHash ?? "", hash: event.hash ?? "")
            })
            after = last
        }
        let head = try await AuditChainHead.find(AuditChainHead.rowID, on: db)
        verifier.finish(expectedHead: head.map { ChainHead(sequence: $0.sequence, hash: $0.hash) })
        let unsealed = try await AuditEvent.query(on: db).filter(\.$sequence == nil).count()
        return AuditVerification(checked: verifier.checked, unsealed: unsealed, problem: verifier.firstProblem,
                                 unkeyed: verifier.unkeyed, checkpointsMatched: verifier.checkpointsMatched)
    }
}

/// Runs the sealer in the background while the server runs, and once more on shutdown — after the background run in
/// flight has finished, so that nothing touches the database once Vapor closes it.
/// Started by `serve` and `demo` only: other commands and tests seal explicitly.
struct AuditSealerService: LifecycleHandler {
    final class Box: @unchecked Sendable { var task: Task<Void, Never>? }
    let box = Box()

    static func start(on app: Application) {
        guard let interval = app.settings.auditSealInterval else { return }
        let service = AuditSealerService()
        let db = app.db
        let logger = app.logger
        let key = app.settings.auditKey
        if key == nil { logger.warning("HEARTH_AUDIT_KEY is not set: the audit trail is sealed with plain SHA-256, which whoever can write the database can recompute.") }
        if app.settings.auditCheckpoints == nil { logger.warning("HEARTH_AUDIT_CHECKPOINTS is not set: no checkpoint outside the database shows a rewritten or emptied audit trail.") }
        let checkpointInterval = app.settings.auditCheckpointInterval
        service.box.task = Task {
            var lastCheckpoint = Date.distantPast
            var headMoved = true
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(interval.nanoseconds))
                if Task.isCancelled { break }
                do {
                    let sealed = try await AuditSealer.sealAll(on: db, key: key, waitingForOthers: false)
                    // A changed head is checkpointed at most every `auditCheckpointInterval`; records sealed since the
                    // last checkpoint are protected by the key alone.
                    if sealed > 0 { headMoved = true }
                    if headMoved, Date().timeIntervalSince(lastCheckpoint) >= checkpointInterval {
                        try await app.checkpointAuditChain()
                        headMoved = false
                        lastCheckpoint = Date()
                    }
                } catch { logger.warning("Audit sealer will retry: \(error)") }
            }
        }
        app.lifecycle.use(service)
    }

    func shutdownAsync(_ application: Application) async {
        box.task?.cancel()
        await box.task?.value
        do { try await AuditSealer.sealAll(application) } catch {
            application.logger.warning("Audit records left unsealed at shutdown; the next start seals them: \(error)")
        }
    }
}
