import FluentKit
import FluentSQLiteDriver
import NIOCore
import SQLKit
import Synchronization

/// SQLite transactions that take the write lock when they begin (`BEGIN IMMEDIATE`).
///
/// Fluent opens a deferred transaction: it reads from a snapshot and asks for the write lock at its first write. In WAL
/// mode, when another connection commits in between (the audit sealer does every 50 ms), that first write cannot be
/// granted from a stale snapshot and fails at once with SQLITE_BUSY_SNAPSHOT ("database is locked"), which a user met
/// as a 500 on saving. Every Hearth transaction writes, so each waits its turn for the lock before it reads.
///
/// A write through another connection (`req.db`) inside a transaction would now wait for the lock the transaction
/// holds, for ever (SQLiteNIO's busy handler never gives up): inside a transaction, write through the `db` it gives.
///
/// Within one process, transactions take turns at a `WriteTurns` queue before they take a connection: a waiting
/// writer holds no connection and no thread (SQLiteNIO runs its calls on NIO's small blocking pool, where a writer
/// spinning in SQLite's busy handler would hold a thread). Only another process (an operator's CLI) meets the handler.
struct WriteFirstSQLiteConfiguration: DatabaseConfiguration {
    var inner: any DatabaseConfiguration
    var middleware: [any AnyModelMiddleware] {
        get { inner.middleware }
        set { inner.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        Driver(inner: inner.makeDriver(for: databases), turns: WriteTurns())
    }

    struct Driver: DatabaseDriver {
        let inner: any DatabaseDriver
        let turns: WriteTurns
        func makeDatabase(with context: DatabaseContext) -> any Database {
            WriteFirstSQLiteDatabase(inner: inner.makeDatabase(with: context), pinned: false, turns: turns)
        }
        func shutdown() { inner.shutdown() }
        func shutdownAsync() async { await inner.shutdownAsync() }
    }
}

extension DatabaseConfigurationFactory {
    /// `.sqlite(…)` whose transactions begin with the write lock.
    static func writeFirst(_ factory: DatabaseConfigurationFactory) -> DatabaseConfigurationFactory {
        .init { WriteFirstSQLiteConfiguration(inner: factory.make()) }
    }
}

/// Forwards everything to SQLite's database except `transaction`, which pins one connection and begins immediate.
struct WriteFirstSQLiteDatabase: Database, SQLDatabase {
    let inner: any Database
    /// True inside a transaction this type began: `inner` is then the transaction's one connection.
    let pinned: Bool
    let turns: WriteTurns

    private var sql: any SQLDatabase { inner as! any SQLDatabase }

    var context: DatabaseContext { inner.context }
    var inTransaction: Bool { pinned || inner.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> ()) -> EventLoopFuture<Void> {
        inner.execute(query: query, onOutput: onOutput)
    }
    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { inner.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { inner.execute(enum: `enum`) }

    func withConnection<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let (pinned, turns) = (self.pinned, self.turns)
        return inner.withConnection { closure(WriteFirstSQLiteDatabase(inner: $0, pinned: pinned, turns: turns)) }
    }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        if inTransaction { return closure(self) }
        let (inner, turns) = (self.inner, self.turns)
        return turns.take(on: inner.eventLoop).flatMap {
            inner.withConnection { connection in
                Self.immediate(WriteFirstSQLiteDatabase(inner: connection, pinned: true, turns: turns), closure)
            }.always { _ in turns.pass() }
        }
    }

    private static func immediate<T: Sendable>(
        _ db: WriteFirstSQLiteDatabase, _ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>
    ) -> EventLoopFuture<T> {
        db.sql.raw("BEGIN IMMEDIATE").run()
            .flatMap { closure(db) }
            .flatMap { value in db.sql.raw("COMMIT").run().map { value } }
            .flatMapError { error in
                db.sql.raw("ROLLBACK").run()
                    .flatMapErrorThrowing { _ -> Void in throw error } // the first error is the one to report
                    .flatMapThrowing { () throws -> T in throw error }
            }
    }

    // SQLDatabase
    var logger: Logger { sql.logger }
    var eventLoop: any EventLoop { sql.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var dialect: any SQLDialect { sql.dialect }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    /// As SQLiteKit runs a statement, but each row read through `SQLiteRowReader` and the binds converted by it.
    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        do {
            let (text, binds) = try statement(query)
            return (inner as! any SQLiteDatabase).query(text, binds, logger: logger) { onRow(SQLiteRowReader(row: $0)) }
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }
    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let (text, binds) = try statement(query)
        try await (inner as! any SQLiteDatabase).query(text, binds) { onRow(SQLiteRowReader(row: $0)) }
    }

    private func statement(_ query: any SQLExpression) throws -> (String, [SQLiteData]) {
        let (text, binds) = serialize(query)
        if let queryLogLevel {
            logger.log(level: queryLogLevel, "Executing query", metadata: ["sql": .string(text), "binds": .array(binds.map { .string("\($0)") })])
        }
        return (text, try binds.map(SQLiteRowReader.data))
    }
    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await sql.withSession(closure)
    }
}

/// One process's writers, one at a time, in the order they asked: a writer waiting its turn waits on a promise.
final class WriteTurns: Sendable {
    private struct State {
        var busy = false
        var waiting: [EventLoopPromise<Void>] = []
    }
    private let state = Mutex(State())

    func take(on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        state.withLock { state in
            if !state.busy {
                state.busy = true
                return eventLoop.makeSucceededVoidFuture()
            }
            let promise = eventLoop.makePromise(of: Void.self)
            state.waiting.append(promise)
            return promise.futureResult
        }
    }

    func pass() {
        let next = state.withLock { state -> EventLoopPromise<Void>? in
            guard !state.waiting.isEmpty else {
                state.busy = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.succeed()
    }
}
