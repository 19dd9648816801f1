import Fluent
import Foundation
import HearthCore

/// The CMS tables the hospital imported (Table 5 GMLOS, the Addendum E inpatient-only list): the newest import of each
/// is the one in use. Pages read only the rows they show, with the table's source beside them.
enum ReferenceTableStore {
    /// Reads `path` as `table` and saves it when every row is good, returning the summary to print; otherwise throws
    /// with every bad row by file and line, saving nothing. `year` is needed when the file does not name its year.
    static func importFile(_ table: CMSReferenceTable, path: String, year: Int?, by name: String, on db: any Database) async throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read \(path): give the path of CMS's \(table.title) saved as CSV.")
        }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else { throw CommandFailure("cannot read \(path) as text.") }
        let file = URL(fileURLWithPath: path).lastPathComponent
        switch table {
        case .gmlos:
            let read = CMSTableCSV.gmlos(text, file: file)
            let (rows, year) = try checked(read, year: year)
            try await save(table, read, year: year, by: name, on: db) { id in rows.map { MSDRGNormRecord(importID: id, $0) } }
            return "Imported \(rows.count) MS-DRG\(rows.count == 1 ? "" : "s") from \(file) (FY \(year))" + (read.leftOut > 0 ? "; \(read.leftOut) with a GMLOS of 0 have no norm" : "") + "."
        case .inpatientOnly:
            let read = CMSTableCSV.inpatientOnly(text, file: file)
            let (rows, year) = try checked(read, year: year)
            try await save(table, read, year: year, by: name, on: db) { id in rows.map { InpatientOnlyCodeRecord(importID: id, $0) } }
            return "Imported \(rows.count) inpatient-only code\(rows.count == 1 ? "" : "s") from \(file) (CY \(year))"
                + (read.leftOut > 0 ? "; left out \(read.leftOut) rows whose status indicator is not C" : "") + "."
        }
    }

    /// A file with bad rows: each by file and line (the first 50), and what to do.
    struct Refused: Error, CustomStringConvertible {
        var badRows: [String]
        var summary: String
        var description: String { (badRows + [summary]).joined(separator: "\n") }
    }

    /// The rows and the year, or a refusal listing every bad row by file and line.
    static func checked<Row>(_ read: CMSTableRead<Row>, year flag: Int?) throws -> ([Row], Int) {
        guard let rows = read.importable else {
            throw Refused(badRows: read.badRows.prefix(50).map(\.description) + (read.badRows.count > 50 ? ["… and \(read.badRows.count - 50) more"] : []),
                          summary: "Nothing was imported: \(read.badRows.count) bad row\(read.badRows.count == 1 ? "" : "s") in \(read.file). Fix \(read.badRows.count == 1 ? "it" : "them") and import the file again.")
        }
        let prefix = read.table.yearPrefix
        if let flag, let named = read.year, flag != named {
            throw CommandFailure("\(read.file) is the \(prefix) \(named) table but --year says \(flag): check the file. Nothing was imported.")
        }
        guard let year = flag ?? read.year, (2000...2100).contains(year) else {
            throw CommandFailure("\(read.file) does not say which year it covers: give it with --year (e.g. --year 2026). Nothing was imported.")
        }
        return (rows, year)
    }

    /// The import row and its rows in one transaction, audited.
    static func save<Row: Model>(_ table: CMSReferenceTable, _ read: CMSTableRead<some Sendable & Equatable>, year: Int, by name: String, on db: any Database,
                                 rows: @escaping @Sendable (UUID) -> [Row]) async throws {
        try await db.transaction { db in
            let record = ReferenceTableImport()
            record.kind = table.rawValue
            record.year = year
            record.sourceFile = read.file
            record.title = String(read.title.prefix(500))
            record.rowCount = read.rows.count
            record.importedByName = name
            try await record.create(on: db)
            let all = rows(try record.requireID())
            // In chunks: one INSERT with thousands of binds is more than some SQLite builds accept.
            for start in stride(from: 0, to: all.count, by: 200) { try await Array(all[start..<min(start + 200, all.count)]).create(on: db) }
            try await AuditLog.record(.init(actorName: name, action: "reference.import", outcome: .success,
                                            detail: "\(table.rawValue) \(table.yearPrefix) \(year) from \(read.file), \(all.count) rows"), on: db)
        }
    }

    /// The newest import of `table`, if any.
    static func current(_ table: CMSReferenceTable, on db: any Database) async throws -> ReferenceTableImport? {
        try await ReferenceTableImport.query(on: db).filter(\.$kind == table.rawValue).sort(\.$importedAt, .descending).first()
    }

    /// Where a table's numbers come from, in words shown beside them: "FY 2026, from table5.csv, imported 2026-12-03: <title>".
    static func source(_ record: ReferenceTableImport, zone: TimeZone) -> String {
        let table = CMSReferenceTable(rawValue: record.kind) ?? .gmlos
        let day = record.importedAt.map { CalendarDate($0, in: zone).description } ?? "date unknown"
        let title = record.title.count > 160 ? String(record.title.prefix(159)) + "…" : record.title
        return "\(table.yearPrefix) \(record.year), from \(record.sourceFile), imported \(day)" + (title.isEmpty ? "" : ": \(title)")
    }

    /// The rules a page needs: the loaded tables' rows for just these DRGs and procedure codes, with their sources.
    static func rules(drgs: [String], procedures: [String], payers: PayerReviewRules, zone: TimeZone, on db: any Database) async throws -> UtilizationRules {
        var norms = LengthOfStayNorms.notLoaded, list = InpatientOnlyList.notLoaded
        if let table = try await current(.gmlos, on: db) {
            norms = LengthOfStayNorms(fiscalYear: table.year, source: source(table, zone: zone), drgs: [:])
            let keys = Array(Set(drgs.compactMap(LengthOfStayNorms.key)))
            if !keys.isEmpty {
                for row in try await MSDRGNormRecord.query(on: db).filter(\.$table.$id == table.requireID()).filter(\.$drg ~~ keys).all() {
                    norms.drgs[row.drg] = .init(title: row.title, gmlos: row.gmlos, amlos: row.amlos)
                }
            }
        }
        if let table = try await current(.inpatientOnly, on: db) {
            list = InpatientOnlyList(year: table.year, source: source(table, zone: zone), codes: [:])
            let keys = Array(Set(procedures.map(InpatientOnlyList.key)))
            if !keys.isEmpty {
                for row in try await InpatientOnlyCodeRecord.query(on: db).filter(\.$table.$id == table.requireID()).filter(\.$code ~~ keys).all() {
                    list.codes[row.code] = row.descriptor
                }
            }
        }
        return UtilizationRules(lengthOfStay: norms, inpatientOnly: list, payers: payers)
    }
}

extension MSDRGNormRecord {
    convenience init(importID: UUID, _ norm: MSDRGNorm) {
        self.init()
        $table.id = importID
        drg = norm.drg
        title = norm.figures.title
        gmlos = norm.figures.gmlos
        amlos = norm.figures.amlos
    }
}

extension InpatientOnlyCodeRecord {
    convenience init(importID: UUID, _ code: InpatientOnlyCode) {
        self.init()
        $table.id = importID
        self.code = code.code
        descriptor = code.descriptor
    }
}
