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
