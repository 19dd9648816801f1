import Fluent
import Foundation
import HearthCore
import Vapor

/// `hearth audit verify` checks the chain against its key and the checkpoints outside the database;
/// `hearth audit seal` links waiting records now and checkpoints the head.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify or seal") var action: String
        @Flag(name: "restored", help: "the database was restored from a backup: checkpoints past its chain are records sealed after the backup") var restored: Bool
    }

    var help: String { "Verifies (or seals) the tamper-evident audit trail." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.requireMigrated()
        let app = context.application
        switch signature.action {
        case "seal":
            let sealed = try await AuditSealer.sealAll(app)
            context.console.print("Sealed \(sealed) audit records.")
        case "verify":
            try await Self.verify(app, restored: signature.restored, console: context.console)
        default:
            throw CommandFailure("unknown action '\(signature.action)': use `hearth audit verify` or `hearth audit seal`.")
        }
    }

    /// Prints what verification found; a problem fails the command.
    static func verify(_ app: Application, restored: Bool, console: any Console) async throws {
        let (result, lostThrough) = restored ? try await AuditVerification.runRestored(app) : (try await AuditVerification.run(app), nil)
        if let problem = result.problem {
            throw CommandFailure("audit trail FAILED verification: \(problem) (\(result.checked) records checked before it).")
        }
        console.print("Audit trail OK: \(result.checked) sealed records verified; \(result.unsealed) recent records not yet sealed.")
        if result.unkeyed > 0 {
            console.print("\(result.unkeyed) of them are sealed without a key\(app.settings.auditKey == nil ? ": set HEARTH_AUDIT_KEY so that whoever can write the database cannot recompute the chain" : " (before the key was set)").")
        }
        if let path = app.settings.auditCheckpoints {
            console.print("\(result.checkpointsMatched) checkpoints in \(path) match the chain.")
        } else {
            console.print("No checkpoint file (HEARTH_AUDIT_CHECKPOINTS): a rewritten or emptied trail cannot be told from a new one.")
        }
        if let lostThrough {
            console.print("The checkpoint file goes on to record \(lostThrough): records \(result.checked + 1)–\(lostThrough) were sealed after this backup and are not in it. "
                + "Keep that file and point HEARTH_AUDIT_CHECKPOINTS at a new one before serving: the restored chain goes on from record \(result.checked + 1) with new records.")
        }
    }
}

/// A command that could not do its job: printed as one line, exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
