import Fluent
import Foundation
import HearthCore
import Vapor

/// `hearth backup <file>`: a consistent copy of the whole database while the server keeps running
/// [45 CFR 164.308(a)(7)(ii)(A), data backup plan]. The audit key and the checkpoint file are not in it.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Where to write the backup (a new file)") var file: String
    }

    var help: String { "Backs up the database to a new file while Hearth runs (SQLite: VACUUM INTO; PostgreSQL: pg_dump)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.requireMigrated()
        let start = Date()
        do { try await DatabaseBackup.backup(app.settings.database, db: app.db, to: signature.file) } catch let failure as DatabaseBackup.Failure {
            throw CommandFailure("backup failed: \(failure.description)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: signature.file)[.size] as? Int) ?? 0
        context.console.print(String(format: "Backed up %@ to %@ (%.1f MB) in %.1f s.", app.settings.database.displayName, signature.file,
                                     Double(size) / 1_000_000, Date().timeIntervalSince(start)))
        context.console.print("Keep with it, elsewhere: the audit key (HEARTH_AUDIT_KEY) and a copy of the checkpoint file (HEARTH_AUDIT_CHECKPOINTS); neither is in the backup.")
    }
}

/// `hearth restore <file>`: loads a backup into an empty database, brings it up to this version's schema, and verifies
/// the audit chain against the key and the checkpoints taken up to the backup [45 CFR 164.308(a)(7)(ii)(B)].
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A file written by `hearth backup`") var file: String
        @Flag(name: "replace", help: "overwrite a database that already has tables") var replace: Bool
    }

    var help: String { "Restores a backup into an empty database, then verifies the audit trail." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let start = Date()
        do {
            try await DatabaseBackup.restore(app.settings.database, db: app.db, from: signature.file, replacing: signature.replace)
        } catch let failure as DatabaseBackup.Failure {
            throw CommandFailure("restore failed: \(failure.description)")
        }
        let pending = try await app.migrator.previewPrepareBatch().get().count
        if pending > 0 { try await app.autoMigrate() }
        let restored = Date().timeIntervalSince(start)
        let patients = try await Patient.query(on: app.db).count()
        let users = try await User.query(on: app.db).count()
        context.console.print(String(format: "Restored %@ into %@ in %.1f s: %d patients, %d users%@.", signature.file,
                                     app.settings.database.displayName, restored, patients, users,
                                     pending > 0 ? ", then \(pending) migration steps of this version" : ""))
        try await AuditCommand.verify(app, restored: true, console: context.console)
    }
}

extension AuditVerification {
    /// After a restore: the checkpoint file goes on past the backup (the server sealed more before the loss). Checks
    /// the chain against the checkpoints up to its own head and reports the later ones as records the backup lacks.
    static func runRestored(_ app: Application) async throws -> (AuditVerification, lostThrough: Int64?) {
        var checkpoints: [AuditCheckpoint] = []
        if let path = app.settings.auditCheckpoints {
            switch try AuditCheckpointFile(path: path).read(key: app.settings.auditKey) {
            case .success(let read): checkpoints = read
            case .failure(let problem): return (AuditVerification(checked: 0, unsealed: 0, problem: problem), nil)
            }
        }
        let head = try await AuditChainHead.find(AuditChainHead.rowID, on: app.db)?.sequence ?? 0
        let later = checkpoints.filter { $0.head.sequence > head }.map(\.head.sequence).max()
        let result = try await run(on: app.db, key: app.settings.auditKey, checkpoints: checkpoints.filter { $0.head.sequence <= head })
        return (result, later)
    }
}
