import FluentKit
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import VaporTesting
@testable import HearthApp

/// Counts the statements an app sends to its database, so a test can hold a page to its query budget (issue 19).
/// Every Fluent query and every SQLKit statement counts once, on SQLite and PostgreSQL alike.
final class QueryCounter: Sendable {
    private let state = NIOLockedValueBox<(counting: Bool, statements: [String])>((false, []))

    /// Makes the app's database one that counts: the same configuration (the same SQLite file or PostgreSQL schema)
    /// under another id, made the default, so every later query goes through the counter.
    static func install(on app: Application) -> QueryCounter {
        let counter = QueryCounter()
        guard let inner = app.databases.configuration() else { return counter }
        app.databases.use(Configuration(inner: inner, counter: counter), as: DatabaseID(string: "counted"), isDefault: true)
        return counter
    }

    /// The statements `body` sent, in order.
    func statements(during body: () async throws -> Void) async rethrows -> [String] {
        state.withLockedValue { $0 = (true, []) }
        try await body()
        return state.withLockedValue { value in
            value.counting = false
            return value.statements
        }
    }

    fileprivate func record(_ statement: @autoclosure () -> String) {
        state.withLockedValue { if $0.counting { $0.statements.append(statement()) } }
    }

    struct Configuration: DatabaseConfiguration {
        var inner: any DatabaseConfiguration
        let counter: QueryCounter
        var middleware: [any AnyModelMiddleware] {
            get { inner.middleware }
            set { inner.middleware = newValue }
        }

        func makeDriver(for databases: Databases) -> any DatabaseDriver { Driver(inner: inner.makeDriver(for: databases), counter: counter) }
    }

    struct Driver: DatabaseDriver {
        let inner: any DatabaseDriver
        let counter: QueryCounter
        func makeDatabase(with context: DatabaseContext) -> any Database { Counted(inner: inner.makeDatabase(with: context), counter: counter) }
        func shutdown() { inner.shutdown() }
        func shutdownAsync() async { await inner.shutdownAsync() }
    }

    /// Forwards everything, noting each query on the way.
    struct Counted: Database, SQLDatabase {
        let inner: any Database
        let counter: QueryCounter
        private var sql: any SQLDatabase { inner as! any SQLDatabase }

        var context: DatabaseContext { inner.context }
        var inTransaction: Bool { inner.inTransaction }

        func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> ()) -> EventLoopFuture<Void> {
            counter.record("\(query.action) \(query.schema)")
            return inner.execute(query: query, onOutput: onOutput)
        }
        func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { inner.execute(schema: schema) }
        func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { inner.execute(enum: `enum`) }
        func withConnection<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
            let counter = self.counter
            return inner.withConnection { closure(Counted(inner: $0, counter: counter)) }
        }
        func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
            let counter = self.counter
            return inner.transaction { closure(Counted(inner: $0, counter: counter)) }
        }

        var logger: Logger { sql.logger }
        var eventLoop: any EventLoop { sql.eventLoop }
        var version: (any SQLDatabaseReportedVersion)? { sql.version }
        var dialect: any SQLDialect { sql.dialect }
        var queryLogLevel: Logger.Level? { sql.queryLogLevel }

        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
            counter.record(sql.serialize(query).sql)
            return sql.execute(sql: query, onRow)
        }
        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
            counter.record(sql.serialize(query).sql)
            try await sql.execute(sql: query, onRow)
        }
        func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
            try await sql.withSession(closure)
        }
    }
}
