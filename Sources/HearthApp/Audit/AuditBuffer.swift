import Fluent
import Foundation
import Vapor

/// Group-commits the audit records of reads: a page view adds its record to a buffer that is written in one
/// transaction every `interval` or every `maxBatch` records, and on shutdown — so a read does not pay an fsync.
/// Writes never come here: they commit their record in their own transaction.
actor AuditBuffer {
    private var pending: [AuditEvent] = []
    private let database: @Sendable () -> any Database
    private let maxBatch: Int
    private let logger: Logger

    init(maxBatch: Int = 200, logger: Logger, database: @escaping @Sendable () -> any Database) {
        self.maxBatch = maxBatch
        self.logger = logger
        self.database = database
    }

    func add(_ event: AuditEvent) async {
        pending.append(event)
        if pending.count >= maxBatch { await flush() }
    }

    /// Writes what is waiting; on failure the records stay queued for the next try.
    func flush() async {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending = []
        do {
            try await database().transaction { db in try await batch.insertRows(on: db) }
        } catch {
            logger.error("Audit buffer could not write \(batch.count) read records; retrying: \(String(reflecting: error))")
            pending = batch + pending
        }
    }

    var waiting: Int { pending.count }
}

/// Starts the buffer's timer at boot and drains it at shutdown.
struct AuditBufferService: LifecycleHandler {
    let buffer: AuditBuffer
    let interval: Duration
    final class Box: @unchecked Sendable { var task: Task<Void, Never>? }
    let box = Box()

    func didBootAsync(_ application: Application) async throws {
        let buffer = self.buffer, interval = self.interval
        box.task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                await buffer.flush()
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        box.task?.cancel()
        await box.task?.value // a flush in flight finishes before the last one, and before Vapor closes the database
        await buffer.flush()
    }
}

extension Application {
    private struct AuditBufferKey: StorageKey { typealias Value = AuditBuffer }

    /// The read-audit buffer, when group commit is on (off in tests, which then write each record at once).
    var auditBuffer: AuditBuffer? {
        get { storage[AuditBufferKey.self] }
        set { storage[AuditBufferKey.self] = newValue }
    }
}
