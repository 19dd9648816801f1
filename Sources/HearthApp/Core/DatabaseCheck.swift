import Fluent
import FluentSQL
import Vapor

/// At start-up: opens the database once, so a bad path or URL stops Hearth with one clear line,
/// and makes SQLite durable (WAL journal, full sync: a killed process loses no committed write).
struct DatabaseCheck: LifecycleHandler {
    let location: DatabaseLocation

    func willBootAsync(_ application: Application) async throws {
        guard let sql = application.db as? any SQLDatabase else { return }
        do {
            switch location {
            case .sqliteFile:
                try await sql.raw("PRAGMA journal_mode=WAL").run()
                try await sql.raw("PRAGMA synchronous=FULL").run()
                try await sql.raw("SELECT count(*) FROM sqlite_master").run()
                try await application.db.refreshPlannerStatistics()
            case .sqliteMemory, .postgres:
                try await sql.raw("SELECT 1").run()
            }
        } catch {
            throw StartupError(message: "cannot open the database (\(location.displayName)): \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}

/// A problem that stops Hearth before it serves anything; the entry point prints it as one line and exits 1.
public struct StartupError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension Database {
    /// Gives the query planner row counts, so a caseload's deadlines start from the caseload's patients rather than
    /// from every overdue row in the agency. SQLite has no statistics until asked (`PRAGMA optimize`); PostgreSQL's
    /// autovacuum keeps them, but a bulk load should not wait for it.
    func refreshPlannerStatistics() async throws {
        guard let sql = self as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("PRAGMA optimize=0x10002").run()
        } else {
            // Only this schema's list tables: a bare ANALYZE walks every schema in the database, including ones
            // other instances (or parallel test runs) are dropping.
            let tables = [Patient.schema, EpisodeRecord.schema, ObligationRecord.schema, CareTeamMember.schema,
                          AssessmentRecord.schema, PhysicianOrderRecord.schema]
            try await sql.raw("ANALYZE \(idents: tables, joinedBy: ", ")").run()
        }
    }
}
