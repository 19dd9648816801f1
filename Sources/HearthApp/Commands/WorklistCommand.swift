import Fluent
import Foundation
import HearthCore
import Vapor

/// `hearth worklist sync`: runs the worklist rules over every caseload (cron it nightly, or after an import), so the
/// team views are current even for case managers who have not opened their worklist today.
struct WorklistCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "sync") var action: String
    }

    var help: String { "Runs the worklist rules over every caseload: creates, updates and closes rule-made tasks." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "sync" else { throw CommandFailure("unknown action '\(signature.action)': use `hearth worklist sync`.") }
        let app = context.application
        try await app.requireMigrated()
        let progress = context.console.progressBar(title: "Running the worklist rules")
        progress.start()
        let outcome = try await WorklistStore.syncAll(now: Date(), zone: app.settings.agencyTimeZone, library: app.teachingTopics, on: app.db) { done, total in
            progress.activity.currentProgress = total == 0 ? 1 : Double(done) / Double(total)
        }
        progress.succeed()
        let summary = "\(outcome.created) tasks created, \(outcome.updated) updated, \(outcome.retired) closed because their situation cleared."
        try await AuditLog.record(.init(actorName: "cli", action: "worklist.sync", outcome: .success, detail: summary), on: app.db)
        context.console.print(summary)
    }
}
