import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import HearthCore
import Vapor

/// Wires Hearth together: settings, database, migrations, views, middleware, routes, commands.
public func configure(_ app: Application) async throws {
    try await configure(app, settings: Settings.fromEnvironment())
}

func configure(_ app: Application, settings: Settings) async throws {
    app.settings = settings
    HearthMetrics.bootstrap()
    try useDatabase(settings.database, connections: settings.connectionsPerEventLoop, on: app)
    app.migrations.add(HearthMigrations.all)
    // Two lines per migration at info level buried `hearth demo`'s sign-in address on the first run; `LOG_LEVEL=debug` shows them.
    app.fluent.migrationLogLevel = .debug
    app.lifecycle.use(DatabaseCheck(location: settings.database))
    if let interval = settings.auditReadFlushInterval {
        let buffer = AuditBuffer(logger: app.logger) { [unowned app] in app.db }
        app.auditBuffer = buffer
        app.lifecycle.use(AuditBufferService(buffer: buffer, interval: interval))
    }

    app.reference = try ReferenceData.load(from: app.directory.resourcesDirectory, timeZone: settings.agencyTimeZone)
    try app.applyStateRules(settings.agencyState)
    // FHIR clients send and accept application/fhir+json: plain JSON under another name.
    ContentConfiguration.global.use(encoder: JSONEncoder.custom(dates: .iso8601), for: .fhirJSON)
    ContentConfiguration.global.use(decoder: JSONDecoder.custom(dates: .iso8601), for: .fhirJSON)
    app.routes.defaultMaxBodySize = ByteCount(integerLiteral: 1 << 20)
    app.passwords.use(.bcrypt)

    try routes(app)
    // After the routes exist: the error middleware needs them to tell 405 from 404.
    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(RequestIDHeader())
    app.middleware.use(SecurityHeaders())
    app.middleware.use(CompressionPolicy())
    // Outside the error middleware, so a refusal reaches the allowed origin's app too (issue 24).
    if !settings.corsOrigins.isEmpty { app.middleware.use(CORSGate(origins: settings.corsOrigins)) }
    app.middleware.use(HearthErrorMiddleware(methodsByPath: RouteMethods(routes: app.routes)))
    app.middleware.use(BodyLimit(maxBytes: 1 << 20))
    app.middleware.use(StaticFiles(publicDirectory: app.directory.publicDirectory))

    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(MigrateCheckedServe(), as: "serve", isDefault: true)
    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(CreateUserCommand(), as: "create-user")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(TokenCommand(), as: "token")
    app.asyncCommands.use(ClientCommand(), as: "client")
    app.asyncCommands.use(SeedCommand(), as: "seed")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(FHIRCommand(), as: "fhir")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(DirectoryCommand(), as: "directory")
    app.asyncCommands.use(ReferenceCommand(), as: "reference")
    app.asyncCommands.use(WorklistCommand(), as: "worklist")
    app.asyncCommands.use(ReferralsCommand(), as: "referrals")
    app.asyncCommands.use(ScheduleCommand(), as: "schedule")
}

private func useDatabase(_ location: DatabaseLocation, connections: Int, on app: Application) throws {
    switch location {
    case .sqliteMemory:
        // sqlite-kit fakes a shared in-memory database with a temporary file that it never deletes: Hearth deletes it
        // at shutdown, as an in-memory database would vanish (each test's app made one; a run left ~300 MB in /tmp).
        let identifier = UUID().uuidString
        app.databases.use(.writeFirst(.sqlite(SQLiteConfiguration(storage: .memory(identifier: identifier)))), as: .sqlite)
        app.lifecycle.use(TemporaryDatabaseFile(path: FileManager.default.temporaryDirectory
            .appendingPathComponent("sqlite-kit_memorydb-\(ProcessInfo.processInfo.processIdentifier)-\(identifier).sqlite3").path))
    case .sqliteFile(let path):
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // WAL lets readers run beside the one writer: more than one connection per event loop keeps a long
        // write (the audit sealer, a seeding batch) from stalling every request.
        app.databases.use(.writeFirst(.sqlite(.file(path), maxConnectionsPerEventLoop: connections)), as: .sqlite)
    case .postgres(let url, let schema):
        var config = try SQLPostgresConfiguration(url: url)
        if let schema { config.searchPath = [schema] }
        app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: connections), as: .psql)
    }
}

/// Refuses bodies over the limit up front (413), before any handler or form check reads them.
struct BodyLimit: AsyncMiddleware {
    let maxBytes: Int

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let declared = request.headers.first(name: .contentLength).flatMap(Int.init) ?? 0
        if declared > maxBytes || (request.body.data?.readableBytes ?? 0) > maxBytes {
            throw Abort(.payloadTooLarge)
        }
        return try await next.respond(to: request)
    }
}

/// Puts the request id on every response, so a user can quote it and an operator can find the log lines.
struct RequestIDHeader: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Request-Id", value: request.id)
        return response
    }
}

/// Deletes sqlite-kit's stand-in file for an in-memory database when the app shuts down.
private struct TemporaryDatabaseFile: LifecycleHandler {
    let path: String

    func shutdown(_ application: Application) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
