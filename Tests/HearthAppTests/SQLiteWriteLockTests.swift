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

        /// Many saves at once in one process: each waits its turn without holding a connection or a thread, none fails,
        /// and a save that fails hands the turn on (the next one still commits).
        @Test(.timeLimit(.minutes(10))) func concurrentSavesTakeTurnsAndAFailureHandsTheTurnOn() async throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("write-turns-\(UUID()).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            let settings = testSettings(.sqliteFile(path: path))
            try await withApp(configure: { app in try await configure(app, settings: settings) }) { app in
                try await app.asyncBoot()
                let sql = try #require(app.db as? any SQLDatabase)
                try await sql.raw("CREATE TABLE notes (body TEXT NOT NULL)").run()
                struct Refused: Error {}
                let outcomes = await withTaskGroup(of: Bool.self) { group in
                    for index in 0..<40 {
                        group.addTask {
                            do {
                                try await app.db.transaction { db in
                                    let sql = db as! any SQLDatabase
                                    _ = try await sql.raw("SELECT count(*) AS n FROM notes").all()
                                    try await sql.raw("INSERT INTO notes (body) VALUES (\(bind: "note \(index)"))").run()
                                    if index % 10 == 3 { throw Refused() } // rolled back
                                }
                                return true
                            } catch { return false }
                        }
                    }
                    return await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                #expect(outcomes.filter { $0 }.count == 36)
                let count = try await sql.raw("SELECT count(*) AS n FROM notes").first()?.decode(column: "n", as: Int.self)
                #expect(count == 36)
            }
        }
    }
}
