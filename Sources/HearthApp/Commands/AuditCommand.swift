import Fluent
import Foundation
import HearthCore
import Vapor

/// `hearth audit verify` checks the chain against its key and the checkpoints outside the database;
/// `hearth audit seal` links waiting records now and checkpoints the head.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify or seal") var action: String
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
            let result = try await AuditVerification.run(app)
            if let problem = result.problem {
                throw CommandFailure("audit trail FAILED verification: \(problem) (\(result.checked) records checked before it).")
            }
            context.console.print("Audit trail OK: \(result.checked) sealed records verified; \(result.unsealed) recent records not yet sealed.")
            if result.unkeyed > 0 {
                context.console.print("\(result.unkeyed) of them are sealed without a key\(app.settings.auditKey == nil ? ": set HEARTH_AUDIT_KEY so that whoever can write the database cannot recompute the chain" : " (before the key was set)").")
            }
            if let path = app.settings.auditCheckpoints {
                context.console.print("\(result.checkpointsMatched) checkpoints in \(path) match the chain.")
            } else {
                context.console.print("No checkpoint file (HEARTH_AUDIT_CHECKPOINTS): a rewritten or emptied trail cannot be told from a new one.")
            }
        default:
            throw CommandFailure("unknown action '\(signature.action)': use `hearth audit verify` or `hearth audit seal`.")
        }
    }
}

/// A command that could not do its job: printed as one line, exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
