import Fluent
import FluentSQL
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

/// Backup and restore an operator can rely on: a data backup plan that creates retrievable exact copies, and a
/// disaster recovery plan that restores any loss of data [45 CFR 164.308(a)(7)(ii)(A), (B)]. On SQLite files (the
/// PostgreSQL path runs pg_dump and pg_restore: e2e/cli.sh and e2e/drill_backup.sh cover it).
extension AllTests {
    @Suite struct BackupRestoreTests {
        static let key = AuditKey("a-backup-test-audit-key-kept-outside-the-db")!

        /// An app on an SQLite file of its own (a backup needs a file, not memory), keyed and checkpointed.
        func withFileDatabase(_ folder: String, migrate: Bool = true, _ test: (Application) async throws -> Void) async throws {
            var settings = testSettings(.sqliteFile(path: folder + "/hearth.sqlite"))
            settings.auditKey = Self.key
            settings.auditCheckpoints = folder + "/../audit-checkpoints.log"
            try await withApp(configure: { app in
                try await configure(app, settings: settings)
                app.passwords.use(.plaintext)
                if migrate { try await app.autoMigrate() }
            }, test)
        }

        func folder() throws -> String {
            let root = NSTemporaryDirectory() + "hearth-backup-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: root + "/live", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: root + "/restored", withIntermediateDirectories: true)
            return root
        }

        func addPatient(_ number: Int, on db: any Database) async throws {
            try await Patient(mrn: MedicalRecordNumber.make(1000 + number), givenName: "Restored", familyName: "Patient\(number)",
                              birthDate: "1940-01-01", sex: "female").create(on: db)
        }

        @Test func aBackupTakenDuringWritesRestoresEveryRowAndAVerifiedChain() async throws {
            // setup
            let root = try folder()
            defer { try? FileManager.default.removeItem(atPath: root) }
            var before = 0, after = 0
            try await withFileDatabase(root + "/live") { app in
                _ = try await makeCast(app)
                try await Browser(app).login("casemanager")
                try await AuditSealer.sealAll(app)
                before = try await Patient.query(on: app.db).count()
                // act: a writer keeps adding patients while the backup runs
                let writer = Task { for number in 0..<40 { try await addPatient(number, on: app.db) } }
                try await DatabaseBackup.backup(app.settings.database, db: app.db, to: root + "/backup.sqlite")
                try await writer.value
                after = try await Patient.query(on: app.db).count()
            }
            try await withFileDatabase(root + "/restored", migrate: false) { app in
                try await DatabaseBackup.restore(app.settings.database, db: app.db, from: root + "/backup.sqlite", replacing: false)
                // check: every table is back, the rows are the backup's, the chain verifies with the key and checkpoint
                #expect(try await app.migrator.previewPrepareBatch().get().isEmpty)
                let restored = try await Patient.query(on: app.db).count()
                #expect(restored >= before && restored <= after)
                #expect(try await User.query(on: app.db).count() == Role.allCases.count + 1)
                let verification = try await AuditVerification.run(app)
                #expect(verification.problem == nil)
                #expect(verification.checked > 0 && verification.checkpointsMatched == 1)
                // the restored database takes writes as the live one did
                try await addPatient(99, on: app.db)
            }
        }

        @Test func aBackupNeverOverwritesAFile() async throws {
            let root = try folder()
            defer { try? FileManager.default.removeItem(atPath: root) }
            try await withFileDatabase(root + "/live") { app in
                _ = FileManager.default.createFile(atPath: root + "/taken.sqlite", contents: Data("keep me".utf8))
                await #expect(throws: DatabaseBackup.Failure.self) {
                    try await DatabaseBackup.backup(app.settings.database, db: app.db, to: root + "/taken.sqlite")
                }
                #expect(FileManager.default.contents(atPath: root + "/taken.sqlite") == Data("keep me".utf8))
            }
        }

        @Test func restoreRefusesADatabaseWithDataUnlessTold() async throws {
            // setup: a backup with the cast, and a database of its own with one other patient
            let root = try folder()
            defer { try? FileManager.default.removeItem(atPath: root) }
            try await withFileDatabase(root + "/live") { app in
                _ = try await makeCast(app)
                try await DatabaseBackup.backup(app.settings.database, db: app.db, to: root + "/backup.sqlite")
            }
            try await withFileDatabase(root + "/restored") { app in
                try await addPatient(1, on: app.db)
                // act, check: refused, and nothing changed
                await #expect(throws: DatabaseBackup.Failure.self) {
                    try await DatabaseBackup.restore(app.settings.database, db: app.db, from: root + "/backup.sqlite", replacing: false)
                }
                #expect(try await Patient.query(on: app.db).all().map(\.familyName) == ["Patient1"])
                // with --replace the backup's data takes its place
                try await DatabaseBackup.restore(app.settings.database, db: app.db, from: root + "/backup.sqlite", replacing: true)
                #expect(Set(try await Patient.query(on: app.db).all().map(\.familyName)) == ["Abernathy", "Baptiste"])
            }
        }

        @Test func restoreRefusesAFileThatIsNotAHearthBackup() async throws {
            let root = try folder()
            defer { try? FileManager.default.removeItem(atPath: root) }
            _ = FileManager.default.createFile(atPath: root + "/notes.txt", contents: Data("not a database".utf8))
            try await withFileDatabase(root + "/restored", migrate: false) { app in
                await #expect(throws: (any Error).self) {
                    try await DatabaseBackup.restore(app.settings.database, db: app.db, from: root + "/notes.txt", replacing: false)
                }
                let tables = try await DatabaseBackup.tableCount(try #require(app.db as? any SQLDatabase))
                #expect(tables == 0)
            }
        }

        @Test func afterARestoreTheCheckpointsPastTheBackupAreNamedAsLostRecords() async throws {
            // setup: a backup, then more sealed and checkpointed records the backup does not have
            let root = try folder()
            defer { try? FileManager.default.removeItem(atPath: root) }
            try await withFileDatabase(root + "/live") { app in
                _ = try await makeCast(app)
                try await Browser(app).login("casemanager")
                try await AuditSealer.sealAll(app)
                try await DatabaseBackup.backup(app.settings.database, db: app.db, to: root + "/backup.sqlite")
                try await Browser(app).login("aide")
                try await AuditSealer.sealAll(app)
            }
            try await withFileDatabase(root + "/restored", migrate: false) { app in
                try await DatabaseBackup.restore(app.settings.database, db: app.db, from: root + "/backup.sqlite", replacing: false)
                // check: a plain verify reports the cut tail; the restored verify passes and names what the backup lacks
                guard case .truncated = try await AuditVerification.run(app).problem else {
                    Issue.record("a plain verify should report records missing after the backup"); return
                }
                let (result, lostThrough) = try await AuditVerification.runRestored(app)
                #expect(result.problem == nil)
                #expect(result.checkpointsMatched == 1)
                #expect(lostThrough.map { $0 > result.checked } == true)
                // an edited record in the restored database is still caught
                let row = try #require(try await AuditEvent.query(on: app.db).filter(\.$sequence == 1).first())
                row.detail = "forged"
                try await row.save(on: app.db)
                #expect(try await AuditVerification.runRestored(app).0.problem == .altered(sequence: 1))
            }
        }
    }
}
