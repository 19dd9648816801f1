import Fluent
import FluentSQL
import Foundation
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// A save that reads before it writes must not fail because another connection committed in between (the audit
    /// sealer commits every 50 ms). It failed with "database is locked" (SQLITE_BUSY_SNAPSHOT) and the user saw a 500.
    @Suite struct SQLiteWriteLockTests {
        @Test func aTransactionThatReadsFirstSurvivesAnotherConnectionsCommit() async throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("write-lock-\(UUID()).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            let settings = testSettings(.sqliteFile(path: path))
            try await withApp(configure: { app in try await configure(app, settings: settings) }) { saver in
                try await saver.asyncBoot() // WAL, as served
                let sql = try #require(saver.db as? any SQLDatabase)
                try await sql.raw("CREATE TABLE notes (body TEXT NOT NULL)").run()
                try await withApp(configure: { app in try await configure(app, settings: settings) }) { sealer in
                    let other = try #require(sealer.db as? any SQLDatabase)
                    async let save: Void = saver.db.transaction { db in
                        let sql = db as! any SQLDatabase
                        _ = try await sql.raw("SELECT count(*) AS n FROM notes").all() // reads first
                        try await Task.sleep(for: .milliseconds(300)) // …while the other connection commits
                        try await sql.raw("INSERT INTO notes (body) VALUES ('the nurse''s note')").run()
                    }
                    try await Task.sleep(for: .milliseconds(100))
                    try await other.raw("INSERT INTO notes (body) VALUES ('a sealed audit record')").run()
                    try await save
                    let count = try await other.raw("SELECT count(*) AS n FROM notes").first()?.decode(column: "n", as: Int.self)
                    #expect(count == 2)
                }
            }
        }
    }
}
