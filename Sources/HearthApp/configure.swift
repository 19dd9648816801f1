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

    app.icd10 = try loadICD10Catalog(app)
    app.icd10CodeSet = try loadICD10CodeSet(app)
    app.regulatoryClock = try RegulatoryClock(rules: loadRuleBook(app), timeZone: settings.agencyTimeZone)
    app.instruments = try loadInstruments(app)
    // Which instruments carry the comprehensive assessment's content [42 CFR 484.55(c)] is marked in their files.
    app.regulatoryClock.comprehensiveInstruments = Set(app.instruments.allVersions.filter(\.comprehensiveAssessment).map(\.id))
    app.medicationCatalog = try loadMedicationCatalog(app)
    app.credentialRequirements = try loadCredentialRequirements(app)
    app.aideSupervision = AideSupervision(rules: try loadSupervisionRules(app), timeZone: settings.agencyTimeZone)
    try app.loadLUPAThresholds()
    app.needCategories = try loadNeedCategories(app)
    app.homeSafetyChecklist = try loadHomeSafetyChecklist(app)
    app.teachingTopics = try loadTeachingTopics(app)
    app.vitalSignAlerts = try loadVitalSignAlerts(app)
    try app.loadCommonPasswords()
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
    // Outside the error middleware, so a refusal reaches the allowed origin's app too (issue 24).
    if !settings.corsOrigins.isEmpty { app.middleware.use(CORSGate(origins: settings.corsOrigins)) }
    app.middleware.use(HearthErrorMiddleware(methodsByPath: RouteMethods(routes: app.routes)))
    app.middleware.use(BodyLimit(maxBytes: 1 << 20))
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))

    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(MigrateCheckedServe(), as: "serve", isDefault: true)
    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(CreateUserCommand(), as: "create-user")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(TokenCommand(), as: "token")
    app.asyncCommands.use(ClientCommand(), as: "client")
    app.asyncCommands.use(SeedCommand(), as: "seed")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(DirectoryCommand(), as: "directory")
    app.asyncCommands.use(WorklistCommand(), as: "worklist")
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

/// The shipped ICD-10-CM code list; a broken file stops start-up with its line number.
private func loadICD10Catalog(_ app: Application) throws -> ICD10Catalog {
    let path = app.directory.resourcesDirectory + "ICD10/home-health-codes.tsv"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw StartupError(message: "cannot read the ICD-10 code list at \(path): run Hearth from its folder")
    }
    do { return try ICD10Catalog(tsv: text) } catch { throw StartupError(message: error.description) }
}

/// The whole ICD-10-CM code set, read once per process (tests share it); a broken file stops start-up with its line number.
private func loadICD10CodeSet(_ app: Application) throws -> ICD10CodeSet {
    let path = app.directory.resourcesDirectory + "ICD10/icd10cm-2026.tsv"
    do { return try ICD10CodeSet.shared(contentsOf: path) } catch {
        throw StartupError(message: "\(error): run Hearth from its folder, or rewrite the file with scripts/icd10cm-extract.py")
    }
}

/// The regulatory clock's rules; a broken rule stops start-up with one line naming it.
private func loadRuleBook(_ app: Application) throws -> RuleBook {
    let path = app.directory.resourcesDirectory + "Rules/regulatory-clock.json"
    do { return try RuleBook(contentsOf: URL(fileURLWithPath: path)) } catch {
        throw StartupError(message: "\(path): \(error.description)")
    }
}

/// The assessment instruments; a broken definition stops start-up with one line naming the file.
private func loadInstruments(_ app: Application) throws -> InstrumentCatalog {
    do { return try InstrumentCatalog(directory: URL(fileURLWithPath: app.directory.resourcesDirectory + "Instruments")) } catch {
        throw StartupError(message: error.description)
    }
}

/// The drug list behind high-alert flags and duplicate-therapy checks; a broken file stops start-up with its name.
private func loadMedicationCatalog(_ app: Application) throws -> MedicationCatalog {
    do { return try MedicationCatalog(directory: URL(fileURLWithPath: app.directory.resourcesDirectory + "Medications")) } catch {
        throw StartupError(message: error.description)
    }
}

/// Which credentials each discipline needs in each state; a broken file stops start-up with one line.
private func loadCredentialRequirements(_ app: Application) throws -> StateCredentialRequirements {
    let path = app.directory.resourcesDirectory + "Scheduling/state-credential-requirements.json"
    do { return try StateCredentialRequirements(contentsOf: URL(fileURLWithPath: path)) } catch {
        throw StartupError(message: "\(path): \(error.description)")
    }
}

/// How often aides are supervised [42 CFR 484.80(h)]; a broken file stops start-up with one line.
private func loadSupervisionRules(_ app: Application) throws -> SupervisionRuleBook {
    let path = app.directory.resourcesDirectory + "Scheduling/aide-supervision.json"
    do { return try SupervisionRuleBook(contentsOf: URL(fileURLWithPath: path)) } catch {
        throw StartupError(message: "\(path): \(error.description)")
    }
}

/// The community-resource needs a case manager searches by (food, transportation, …); a broken file stops start-up.
private func loadNeedCategories(_ app: Application) throws -> NeedCategoryVocabulary {
    let path = app.directory.resourcesDirectory + "Community/need-categories.json"
    do { return try NeedCategoryVocabulary(file: URL(fileURLWithPath: path)) } catch {
        throw StartupError(message: "\(path): \(error)")
    }
}

/// The home safety walk-through's questions; a broken file stops start-up with one line naming the item.
private func loadHomeSafetyChecklist(_ app: Application) throws -> HomeSafetyChecklist {
    do { return try HomeSafetyChecklist(file: URL(fileURLWithPath: app.directory.resourcesDirectory + "HomeSafety/checklist.json")) } catch {
        throw StartupError(message: error.description)
    }
}

/// The vital signs that raise a safety alert; a broken file stops start-up with one line naming the threshold.
private func loadVitalSignAlerts(_ app: Application) throws -> VitalSignAlerts {
    let path = app.directory.resourcesDirectory + "Rules/vital-sign-alerts.json"
    do { return try VitalSignAlerts(contentsOf: URL(fileURLWithPath: path)) } catch {
        throw StartupError(message: "\(path): \(error.description)")
    }
}

/// The library of teaching topics; a broken file stops start-up with one line naming the topic.
private func loadTeachingTopics(_ app: Application) throws -> TeachingTopicLibrary {
    do { return try TeachingTopicLibrary(file: URL(fileURLWithPath: app.directory.resourcesDirectory + "Teaching/topics.json")) } catch {
        throw StartupError(message: error.description)
    }
}

extension Application {
    private struct HomeSafetyChecklistKey: StorageKey { typealias Value = HomeSafetyChecklist }
    private struct TeachingTopicsKey: StorageKey { typealias Value = TeachingTopicLibrary }

    var homeSafetyChecklist: HomeSafetyChecklist {
        get { storage[HomeSafetyChecklistKey.self]! }
        set { storage[HomeSafetyChecklistKey.self] = newValue }
    }

    var teachingTopics: TeachingTopicLibrary {
        get { storage[TeachingTopicsKey.self]! }
        set { storage[TeachingTopicsKey.self] = newValue }
    }

    private struct NeedCategoriesKey: StorageKey { typealias Value = NeedCategoryVocabulary }

    var needCategories: NeedCategoryVocabulary? {
        get { storage[NeedCategoriesKey.self] }
        set { storage[NeedCategoriesKey.self] = newValue }
    }

    private struct AideSupervisionKey: StorageKey { typealias Value = AideSupervision }

    /// The aide supervision deadlines, which join the regulatory clock's obligations.
    var aideSupervision: AideSupervision? {
        get { storage[AideSupervisionKey.self] }
        set { storage[AideSupervisionKey.self] = newValue }
    }

    private struct CredentialRequirementsKey: StorageKey { typealias Value = StateCredentialRequirements }

    var credentialRequirements: StateCredentialRequirements {
        get { storage[CredentialRequirementsKey.self]! }
        set { storage[CredentialRequirementsKey.self] = newValue }
    }

    private struct MedicationCatalogKey: StorageKey { typealias Value = MedicationCatalog }

    var medicationCatalog: MedicationCatalog {
        get { storage[MedicationCatalogKey.self] ?? (try! MedicationCatalog(files: [])) }
        set { storage[MedicationCatalogKey.self] = newValue }
    }

    private struct InstrumentsKey: StorageKey { typealias Value = InstrumentCatalog }

    var instruments: InstrumentCatalog {
        get { storage[InstrumentsKey.self] ?? (try! InstrumentCatalog(files: [])) }
        set { storage[InstrumentsKey.self] = newValue }
    }

    private struct ICD10Key: StorageKey { typealias Value = ICD10Catalog }
    private struct ClockKey: StorageKey { typealias Value = RegulatoryClock }

    /// Computes every deadline from an episode's facts, in the agency's time zone.
    var regulatoryClock: RegulatoryClock {
        get { storage[ClockKey.self] ?? RegulatoryClock(rules: try! RuleBook(rules: []), timeZone: settings.agencyTimeZone) }
        set { storage[ClockKey.self] = newValue }
    }

    /// The home-health quick picks offered on the diagnosis form.
    var icd10: ICD10Catalog {
        get { storage[ICD10Key.self] ?? (try! ICD10Catalog(tsv: "")) }
        set { storage[ICD10Key.self] = newValue }
    }

    private struct ICD10CodeSetKey: StorageKey { typealias Value = ICD10CodeSet }

    /// Every ICD-10-CM code, to check what is typed.
    var icd10CodeSet: ICD10CodeSet {
        get { storage[ICD10CodeSetKey.self] ?? (try! ICD10CodeSet(tsv: [])) }
        set { storage[ICD10CodeSetKey.self] = newValue }
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
