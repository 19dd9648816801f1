import Fluent
import Foundation
import HearthCore
import Vapor

/// `hearth fhir import FILE|FOLDER --username NAME [--skip-bad]`: loads transaction, batch or collection Bundles
/// (`.json`) and NDJSON files (`.ndjson`) through the same checks, access policy and audit as `POST /fhir`, acting as
/// the named account. Progress per file, then every refusal as `file entry path: reason`. Exit 0 when everything was
/// loaded (or, with `--skip-bad`, everything but the reported refusals); 1 when an entry was refused without
/// `--skip-bad` (its transaction wrote nothing; earlier ones stay) or a file cannot be read.
struct FHIRCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "import") var action: String
        @Argument(name: "path", help: "a Bundle (.json), an NDJSON file (.ndjson), or a folder of them") var path: String
        @Option(name: "username", help: "the account the import acts as (its role decides what it may write)") var username: String?
        @Flag(name: "skip-bad", help: "load the good entries and report the refused ones instead of stopping at the first") var skipBad: Bool
    }

    var help: String { "Imports FHIR R4 Bundles and NDJSON files through Hearth's FHIR write checks." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.requireMigrated()
        guard signature.action == "import" else { throw CommandFailure("unknown action '\(signature.action)': use `hearth fhir import FILE|FOLDER --username NAME`.") }
        guard let username = signature.username, !username.isEmpty else {
            throw CommandFailure("name the account the import acts as: --username NAME (an intake coordinator, case manager or supervisor).")
        }
        guard let account = try await User.query(on: app.db).filter(\.$username == username).first(), account.isActive else {
            throw CommandFailure("no active account named \(username).")
        }
        let files: [String]
        do { files = try FHIRImportSource.files(at: signature.path) } catch let failure as FHIRImportSource.Failure { throw CommandFailure(failure.description) }
        var importer = FHIRImporter(app: app, user: try CurrentUser(user: account, via: .bearer), skipBad: signature.skipBad)
        var total = FHIRImporter.Tally()
        var refusals: [FHIRImporter.Refusal] = []
        let started = ProcessInfo.processInfo.systemUptime
        for file in files {
            let source: FHIRImportSource
            do { source = try FHIRImportSource(file: file) } catch let failure as FHIRImportSource.Failure { throw CommandFailure(failure.description) }
            let (tally, refused) = try await importer.load(source) { done in
                context.console.output("\r\(Self.bar(done, of: source.count)) \(file)".consoleText(), newLine: false)
            }
            context.console.print("\r\(Self.bar(source.count, of: source.count)) \(file): \(tally.loaded) loaded, \(tally.refused) refused")
            total.add(tally)
            refusals += refused
            if !signature.skipBad, !refused.isEmpty { break }
        }
        let seconds = max(ProcessInfo.processInfo.systemUptime - started, 0.001)
        for refusal in refusals { context.console.print(refusal.description) }
        context.console.print("Imported \(total.loaded) resources (\(total.created) created, \(total.alreadyKept) already on file, \(total.queued) queued for review) "
                              + "from \(files.count) files in \(String(format: "%.1f", seconds)) s: \(Int(Double(total.loaded) / seconds)) resources/s; \(total.refused) refused.")
        if !refusals.isEmpty, !signature.skipBad {
            throw CommandFailure("stopped at a refused entry (above); its transaction wrote nothing. Fix it, or load the rest with --skip-bad.")
        }
    }

    /// `[#########...........]  45/120`.
    static func bar(_ done: Int, of total: Int) -> String {
        let width = 20
        let filled = total == 0 ? width : min(width, done * width / total)
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total)"
    }
}
