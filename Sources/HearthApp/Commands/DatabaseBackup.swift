import Fluent
import FluentSQL
import Foundation
import Vapor

/// Copies the whole database to one file while the server keeps writing, and loads such a file into an empty database.
/// SQLite: `VACUUM INTO` (one consistent read transaction beside the writers, thanks to WAL), and a restore that copies
/// every table from the attached backup in one transaction. PostgreSQL: `pg_dump --format=custom` (one snapshot) and
/// `pg_restore --single-transaction`, found on PATH.
enum DatabaseBackup {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Writes the backup beside `path` first and renames it into place, so a failed backup never leaves a file that
    /// looks whole.
    static func backup(_ location: DatabaseLocation, db: any Database, to path: String) async throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw Failure("'\(path)' already exists: give the backup a new name (backups are never overwritten).")
        }
        let partial = path + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        switch location {
        case .sqliteFile, .sqliteMemory:
            guard let sql = db as? any SQLDatabase else { throw Failure("this database cannot be backed up.") }
            try await sql.raw("VACUUM INTO \(bind: partial)").run()
        case .postgres(let url, let schema):
            var arguments = ["--format=custom", "--no-owner", "--no-privileges", "--file=\(partial)"]
            if let schema { arguments.append("--schema=\(schema)") }
            try await PostgresTool.run("pg_dump", arguments, url: url)
        }
        try syncToDisk(partial)
        guard rename(partial, path) == 0 else { throw Failure("could not move the backup into place at '\(path)'.") }
    }

    /// Restores into a database with no tables, or, `replacing`, over one that has them.
    static func restore(_ location: DatabaseLocation, db: any Database, from path: String, replacing: Bool) async throws {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw Failure("cannot read the backup '\(path)': check the path and its permissions.")
        }
        guard let sql = db as? any SQLDatabase else { throw Failure("this database cannot be restored into.") }
        let existing = try await tableCount(sql)
        if existing > 0 && !replacing {
            throw Failure("the database already has \(existing) tables (\(location.displayName)): restore into an empty database, or add --replace to overwrite it.")
        }
        switch location {
        case .sqliteFile, .sqliteMemory:
            try await SQLiteCopy.restore(from: path, into: db, dropping: existing > 0)
        case .postgres(let url, _):
            var arguments = ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges"]
            if existing > 0 { arguments += ["--clean", "--if-exists"] }
            try await PostgresTool.run("pg_restore", arguments + [path], url: url, urlFlag: "--dbname")
        }
    }

    static func tableCount(_ sql: any SQLDatabase) async throws -> Int {
        struct Count: Decodable { var n: Int }
        let query: SQLQueryString = sql.dialect.name == "sqlite"
            ? "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema()"
        return try await sql.raw(query).first(decoding: Count.self)?.n ?? 0
    }

    private static func syncToDisk(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Failure("the backup '\(path)' was not written.") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Failure("the backup '\(path)' could not be flushed to disk.") }
    }
}

/// SQLite restore through the driver: attach the backup, copy its schema and rows in one transaction, detach.
/// The server need not stop, but nothing should write to the database while it is restored.
enum SQLiteCopy {
    private struct Entry: Decodable { var type: String; var name: String; var sql: String? }

    static func restore(from path: String, into db: any Database, dropping: Bool) async throws {
        try await db.withConnection { connection in
            guard let sql = connection as? any SQLDatabase else { throw DatabaseBackup.Failure("this database cannot be restored into.") }
            // Rows arrive table by table, children before parents: the references are checked once, before commit
            // (SQLite's deferred counter refused copies that `foreign_key_check` finds whole).
            try await sql.raw("PRAGMA foreign_keys = OFF").run()
            try await sql.raw("ATTACH DATABASE \(bind: path) AS backup").run()
            do {
                try await copy(sql, dropping: dropping)
                try await sql.raw("DETACH DATABASE backup").run()
                try await sql.raw("PRAGMA foreign_keys = ON").run()
            } catch {
                try? await sql.raw("ROLLBACK").run()
                try? await sql.raw("DETACH DATABASE backup").run()
                try? await sql.raw("PRAGMA foreign_keys = ON").run()
                throw error
            }
        }
    }

    private static func copy(_ sql: any SQLDatabase, dropping: Bool) async throws {
        let schema: [Entry]
        do {
            schema = try await sql.raw("SELECT type, name, sql FROM backup.sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid").all(decoding: Entry.self)
        } catch {
            throw DatabaseBackup.Failure("the file is not an SQLite backup of Hearth (\(error)).")
        }
        guard schema.contains(where: { $0.name == "_fluent_migrations" }) else {
            throw DatabaseBackup.Failure("the file is an SQLite database but not a Hearth backup (it has no migrations table).")
        }
        try await sql.raw("BEGIN IMMEDIATE").run()
        if dropping {
            let old = try await sql.raw("SELECT type, name, sql FROM main.sqlite_master WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite_%'").all(decoding: Entry.self)
            for entry in old { try await sql.raw("DROP \(unsafeRaw: entry.type == "view" ? "VIEW" : "TABLE") IF EXISTS main.\(ident: entry.name)").run() }
        }
        let tables = schema.filter { $0.type == "table" }
        for table in tables { try await sql.raw("\(unsafeRaw: table.sql ?? "")").run() }
        for table in tables { try await sql.raw("INSERT INTO main.\(ident: table.name) SELECT * FROM backup.\(ident: table.name)").run() }
        if try await hasSequenceTable(sql) {
            try await sql.raw("DELETE FROM main.sqlite_sequence").run()
            try await sql.raw("INSERT INTO main.sqlite_sequence SELECT * FROM backup.sqlite_sequence").run()
        }
        for entry in schema where entry.type != "table" {
            if let text = entry.sql { try await sql.raw("\(unsafeRaw: text)").run() }
        }
        struct Orphan: Decodable { var table: String }
        let orphans = try await sql.raw("PRAGMA main.foreign_key_check").all(decoding: Orphan.self)
        if let first = orphans.first {
            throw DatabaseBackup.Failure("the backup has \(orphans.count) rows whose references are missing (first in \(first.table)): nothing was restored.")
        }
        try await sql.raw("COMMIT").run()
    }

    private static func hasSequenceTable(_ sql: any SQLDatabase) async throws -> Bool {
        struct Count: Decodable { var n: Int }
        let count = try await sql.raw("SELECT count(*) AS n FROM backup.sqlite_master WHERE name = 'sqlite_sequence'").first(decoding: Count.self)
        return (count?.n ?? 0) > 0
    }
}

/// Runs pg_dump or pg_restore from PATH, the password passed in the environment rather than on the command line.
enum PostgresTool {
    static func run(_ tool: String, _ arguments: [String], url: String, urlFlag: String = "--dbname") async throws {
        guard let executable = find(tool) else {
            throw DatabaseBackup.Failure("\(tool) was not found on PATH: install the PostgreSQL client tools of the server's major version or newer (Debian: apt-get install postgresql-client).")
        }
        var environment = ProcessInfo.processInfo.environment
        var parts = URLComponents(string: url)
        if let password = parts?.password {
            environment["PGPASSWORD"] = password.removingPercentEncoding ?? password
            parts?.password = nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + ["\(urlFlag)=\(parts?.string ?? url)"]
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: DatabaseBackup.Failure("\(tool) could not be started: \(error)"))
            }
        }
        guard status == 0 else { throw DatabaseBackup.Failure("\(tool) failed with exit code \(status) (its message is above).") }
    }

    static func find(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
