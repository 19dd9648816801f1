import Fluent
import Foundation
import HearthCore
import Vapor

/// `hearth reference import TABLE FILE.csv [--year YYYY]` and `hearth reference list`: the CMS tables utilization review
/// reads, loaded from CMS's own files. Hearth ships none of their figures, so a reviewer never sees a number that is
/// not CMS's as the hospital loaded it.
struct ReferenceCommand: AsyncCommandGroup {
    var help: String { "Imports CMS's MS-DRG GMLOS table (Table 5) and inpatient-only list (Addendum E), and lists what is loaded." }
    var commands: [String: any AnyAsyncCommand] { ["import": ReferenceImportCommand(), "list": ReferenceListCommand()] }
}

/// `hearth reference import ms-drg-gmlos FILE.csv` or `hearth reference import inpatient-only FILE.csv`.
struct ReferenceImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "table", help: "ms-drg-gmlos (IPPS Table 5) or inpatient-only (OPPS Addendum E)") var table: String
        @Argument(name: "file", help: """
            CMS's table saved as CSV. Table 5 needs the header \(CMSReferenceTable.gmlos.expectedHeader); \
            Addendum E needs \(CMSReferenceTable.inpatientOnly.expectedHeader). Other columns are ignored; rows above the \
            header are the table's title.
            """) var file: String
        @Option(name: "year", help: "The fiscal (Table 5) or calendar (Addendum E) year, when the file does not say \"FY 2026\" or \"CY 2026\" above or in its header") var year: Int?
    }

    var help: String {
        """
        Imports a CMS table saved as CSV. Every row is checked; one bad row (reported as file:line) and nothing is imported.
          hearth reference import ms-drg-gmlos FY2026-Table5.csv     header: \(CMSReferenceTable.gmlos.expectedHeader)
          hearth reference import inpatient-only 2026-AddendumE.csv  header: \(CMSReferenceTable.inpatientOnly.expectedHeader)
        """
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.requireMigrated()
        guard let table = CMSReferenceTable(rawValue: signature.table) else {
            throw CommandFailure("unknown table '\(signature.table)': use ms-drg-gmlos (IPPS Table 5) or inpatient-only (OPPS Addendum E).")
        }
        do {
            context.console.print(try await ReferenceTableStore.importFile(table, path: signature.file, year: signature.year, by: "cli", on: app.db))
        } catch let refused as ReferenceTableStore.Refused {
            for line in refused.badRows { context.console.print(line) }
            throw CommandFailure(refused.summary)
        }
    }
}

/// `hearth reference list`: each table in use, with its year, file and import time; or that it is not loaded.
struct ReferenceListCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Lists the CMS tables in use: year, source file, rows, when imported." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.requireMigrated()
        for table in CMSReferenceTable.allCases {
            guard let current = try await ReferenceTableStore.current(table, on: app.db) else {
                context.console.print("\(table.rawValue)\tnot loaded: hearth reference import \(table.rawValue) FILE.csv")
                continue
            }
            context.console.print([table.rawValue, "\(current.rowCount) rows", ReferenceTableStore.source(current, zone: app.settings.agencyTimeZone)].joined(separator: "\t"))
        }
    }
}
