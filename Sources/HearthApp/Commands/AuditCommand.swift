import Fluent
import Foundation
import HearthCore
import Vapor

/// `hearth audit verify` checks the hash chain; `hearth audit seal` links waiting records now.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify or seal") var action: String
    }

    var help: String { "Verifies (or seals) the tamper-evident audit trail." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.requireMigrated()
        let db = context.application.db
        switch signature.action {
        case "seal":
            let sealed = try await AuditSealer.sealAll(on: db)
            context.console.print("Sealed \(sealed) audit records.")
        case "verify":
            let result = try await AuditVerification.run(on: db)
            if let problem = result.problem {
                throw CommandFailure("audit trail FAILED verification: \(problem) (\(result.checked) records checked before it).")
            }
            context.console.print("Audit trail OK: \(result.checked) sealed records verified; \(result.unsealed) recent records not yet sealed.")
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
