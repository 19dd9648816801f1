import Fluent
import Foundation
import HearthCore
import Vapor

/// `hearth referrals poll`: reads the Task of every open referral sent to a Hearth agency on another installation and
/// records what changed (cron it every few minutes; the stay page also reads them when viewed). `--retry` first sends
/// again the referrals that were not delivered.
struct ReferralsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "poll") var action: String
        @Flag(name: "retry", help: "Send again, first, the referrals that did not reach their agency") var retry: Bool
    }

    var help: String { "Reads the status of referrals sent to partner agencies on other installations (and, with --retry, resends undelivered ones)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "poll" else { throw CommandFailure("unknown action '\(signature.action)': use `hearth referrals poll`.") }
        let app = context.application
        try await app.requireMigrated()
        let actor = RemoteReferralDelivery.Actor(id: nil, name: "cli referrals poll", request: nil)
        var resent = 0, failed = 0
        if signature.retry {
            let open = try await PostAcuteReferralRecord.query(on: app.db).filter(\.$partnerID != nil).filter(\.$remoteTaskID == nil)
                .filter(\.$status == PostAcuteReferralStatus.sent.rawValue).with(\.$stay).all()
            for row in open {
                let problem = try await RemoteReferralDelivery.deliver(row, patientID: row.stay.$patient.id, app: app, actor: actor, now: Date())
                if problem == nil { resent += 1 } else { failed += 1 }
            }
        }
        let due = try await RemoteReferralDelivery.due(stayID: nil, every: 0, now: Date(), on: app.db)
        var changed = 0
        for row in due {
            let before = row.remoteTaskStatus
            try await row.$stay.load(on: app.db)
            try await RemoteReferralDelivery.poll(row, patientID: row.stay.$patient.id, app: app, actor: actor, now: Date(), zone: app.settings.agencyTimeZone)
            if row.remoteProblem != nil { failed += 1 } else if row.remoteTaskStatus != before { changed += 1 }
        }
        let summary = "\(due.count) referrals checked, \(changed) changed status\(signature.retry ? ", \(resent) resent" : ""), \(failed) could not reach their agency."
        context.console.print(summary)
        if failed > 0 { context.console.print("The stay pages say why, referral by referral.") }
    }
}
