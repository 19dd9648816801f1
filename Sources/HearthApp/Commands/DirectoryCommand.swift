import Fluent
import Foundation
import HearthCore
import Vapor

/// `hearth directory import PATH [--skip-bad]` and `hearth directory export FOLDER`: the community resources
/// directory in Open Referral HSDS (CSV files, or JSON to import).
struct DirectoryCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "import or export") var action: String
        @Argument(name: "path", help: "a folder of HSDS CSV files (or an HSDS JSON file to import)") var path: String
        @Flag(name: "skip-bad", help: "import the good rows even when some rows are bad") var skipBad: Bool
    }

    var help: String { "Imports or exports the community resources directory as Open Referral HSDS." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.requireMigrated()
        switch signature.action {
        case "import":
            let result = try DirectoryStore.read(signature.path, skipBad: signature.skipBad)
            for bad in result.badRows { context.console.print(bad.description) }
            guard let directory = result.importable else { throw CommandFailure(result.summary) }
            try await DirectoryStore.save(directory, summary: result.summary, by: nil, on: app.db)
            try await AuditLog.record(.init(actorName: "cli", action: "directory.import", outcome: .success, detail: result.summary), on: app.db)
            context.console.print(result.summary)
        case "export":
            let directory = try await DirectoryStore.current(on: app.db)
            try FileManager.default.createDirectory(atPath: signature.path, withIntermediateDirectories: true)
            for (name, text) in HSDSCSV.export(directory) {
                try text.write(toFile: signature.path + "/" + name, atomically: true, encoding: .utf8)
            }
            context.console.print("Exported \(directory.organizations.count) organizations, \(directory.services.count) services, "
                                  + "\(directory.locations.count) locations to \(signature.path).")
        default:
            throw CommandFailure("unknown action '\(signature.action)': use `hearth directory import PATH` or `hearth directory export FOLDER`.")
        }
    }
}
