import Fluent
import Vapor

/// `hearth serve`: refuses to start on a database that is not migrated, then serves.
struct MigrateCheckedServe: AsyncCommand {
    typealias Signature = ServeCommand.Signature
    var help: String { "Serves Hearth (run `hearth migrate` first)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.requireMigrated()
        try await context.application.recordInstalledInstruments()
        AuditSealerService.start(on: context.application)
        RemoteReferralPollerService.start(on: context.application)
        try await context.application.servers.asyncCommand.run(using: context, signature: signature)
    }
}

/// `hearth migrate`: brings the schema up to date, without asking (operators script it).
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Creates or updates the database schema." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrator.setupIfNeeded().get()
        let pending = try await app.migrator.previewPrepareBatch().get()
        if pending.isEmpty {
            context.console.print("The database is up to date (\(app.settings.database.displayName)).")
            return
        }
        for (index, migration) in pending.enumerated() {
            context.console.print("[\(index + 1)/\(pending.count)] \(migration.0.name)")
        }
        try await app.autoMigrate()
        context.console.print("Migrated \(pending.count) steps (\(app.settings.database.displayName)).")
    }
}

/// `hearth demo`: migrates, seeds the demo agency if the database is empty, prints where to log in, serves.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", help: "Address to listen on (default 127.0.0.1)") var hostname: String?
        @Option(name: "port", help: "Port to listen on (default 8080)") var port: Int?
        @Option(name: "patients", help: "How many synthetic patients a new demo agency gets (default 300)") var patients: Int?
        @Option(name: "seed", help: "Seed for the synthetic data (default 2026)") var seed: UInt64?
    }

    var help: String { "Runs Hearth with a synthetic demo agency (migrates and seeds on first run)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        try await app.recordInstalledInstruments()
        let patients = signature.patients ?? 300
        guard patients >= 1 else { throw CommandFailure("--patients must be at least 1.") }
        let seeded = try await DemoSeed.seedIfEmpty(app.db, console: context.console, hasher: app.password, rules: DemoAssessments.Rules(clock: app.regulatoryClock, instruments: app.instruments, medications: app.medicationCatalog), patients: patients, seed: signature.seed ?? 2026)
        if try await ResourceDirectoryRecord.query(on: app.db).count() == 0 {
            // A plausible local directory of community services (synthetic), as an agency would import it.
            let result = try DirectoryStore.read(app.directory.resourcesDirectory + "Community/demo-directory", skipBad: true)
            if let directory = result.importable { try await DirectoryStore.save(directory, summary: result.summary, by: nil, on: app.db) }
        }
        let coordination = DemoCoordination.Context(checklist: app.homeSafetyChecklist, directory: try await DirectoryStore.current(on: app.db),
                                                    now: Date(), zone: app.settings.agencyTimeZone)
        try await DemoCoordination.seed(caseManager: "casemanager", context: coordination, on: app.db)
        try await DemoHospital.seed(now: Date(), zone: app.settings.agencyTimeZone, hasher: app.password, on: app.db)
        try await DemoUtilization.seed(now: Date(), zone: app.settings.agencyTimeZone, hasher: app.password, on: app.db)
        try await DemoAdvisor.seed(now: Date(), hasher: app.password, on: app.db)
        try await DemoReferrals.seed(now: Date(), zone: app.settings.agencyTimeZone, on: app.db)
        try await DemoDischarge.seed(now: Date(), zone: app.settings.agencyTimeZone, reference: app.discharge, clock: app.regulatoryClock, on: app.db)
        if seeded {
            _ = try await WorklistStore.syncAll(now: Date(), zone: app.settings.agencyTimeZone, library: app.teachingTopics, on: app.db) { _, _ in }
        }
        let hostname = signature.hostname ?? "127.0.0.1"
        let port = signature.port ?? 8080
        // The demo's users sign in with a password alone unless the operator asks for two steps (HEARTH_MFA_REQUIRED).
        if app.settings.twoStep.isDefault { app.settings.twoStep = .optional }
        context.console.print("""

        Hearth is running at http://\(hostname):\(port)/
        Database: \(app.settings.database.displayName)\(seeded ? " (demo agency created)" : " (existing data reused)")
        Sign in as admin, supervisor, casemanager, clinician, aide, physician, intake, payer, hospitalcm (hospital case manager), urnurse (utilization review nurse) or advisor (physician advisor), password \(DemoSeed.password)
        \(app.settings.twoStep.isDefault || app.settings.twoStep.requiredRoles.isEmpty
            ? "Two-step sign-in is optional in the demo (each user can turn it on under Two-step sign-in in the top bar). To require it for administrators and supervisors: HEARTH_MFA_REQUIRED=admin,supervisor hearth demo"
            : "Two-step sign-in is required for: \(app.settings.twoStep.setting) (HEARTH_MFA_REQUIRED): those users set up an authenticator at their first sign-in.")
        Press Ctrl-C to stop.

        """)
        try app.useDemoAuditFiles()
        AuditSealerService.start(on: app)
        RemoteReferralPollerService.start(on: app)
        var input = CommandInput(arguments: ["serve", "--hostname", hostname, "--port", String(port)])
        let serveSignature = try ServeCommand.Signature(from: &input)
        try await app.servers.asyncCommand.run(using: context, signature: serveSignature)
    }
}

extension Application {
    /// Stops a command that needs the schema when `hearth migrate` has not run (or has not run since an upgrade).
    func requireMigrated() async throws {
        let pending: Int
        do {
            pending = try await migrator.previewPrepareBatch().get().count
        } catch {
            pending = HearthMigrations.all.count
        }
        guard pending == 0 else {
            throw StartupError(message: "the database is not migrated (\(pending) steps to run): run `hearth migrate` first. Database: \(settings.database.displayName)")
        }
    }
}

/// `hearth seed --patients N [--seed S]`: adds synthetic patients to any migrated database (staff too, if it has none).
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "patients", help: "How many synthetic patients to add") var patients: Int?
        @Option(name: "seed", help: "Seed for the synthetic data (default 2026)") var seed: UInt64?
    }

    var help: String { "Adds synthetic demo patients (for trying Hearth out and for benchmarks)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.requireMigrated()
        try await app.recordInstalledInstruments()
        guard let patients = signature.patients, patients >= 1 else { throw CommandFailure("--patients N is required (N ≥ 1).") }
        let seed = signature.seed ?? 2026
        let start = Date()
        let staff = try await User.query(on: app.db).count() == 0
            ? try await DemoSeed.seedStaff(app.db, hasher: app.password, seed: seed, patients: patients)
            : try await DemoSeed.loadStaff(app.db)
        try await DemoSeed.seedPatients(patients, staff: staff, db: app.db, console: context.console, rules: DemoAssessments.Rules(clock: app.regulatoryClock, instruments: app.instruments, medications: app.medicationCatalog), seed: seed)
        context.console.print(String(format: "Added %d synthetic patients in %.1f s (%@).", patients, Date().timeIntervalSince(start), app.settings.database.displayName))
    }
}
