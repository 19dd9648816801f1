import Fluent
import Foundation
import HearthCore
import Vapor

/// `hearth referrals poll`: reads the Task of every open referral sent to a Hearth agency on another installation and
/// records what changed (cron it every few minutes; `serve` also reads them in the background). `--retry` first sends
/// again the referrals, and the withdrawals, that were not delivered.
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
        var resent = 0, withdrawals = 0, failed = 0
        if signature.retry {
            let open = try await PostAcuteReferralRecord.query(on: app.db).filter(\.$partnerID != nil).filter(\.$remoteTaskID == nil)
                .filter(\.$status == PostAcuteReferralStatus.sent.rawValue).with(\.$stay).all()
            for row in open {
                let problem = try await RemoteReferralDelivery.deliver(row, patientID: row.stay.$patient.id, app: app, actor: actor, now: Date())
                if problem == nil { resent += 1 } else { failed += 1 }
            }
            let withdrawn = try await PostAcuteReferralRecord.query(on: app.db).filter(\.$partnerID != nil).filter(\.$remoteTaskID != nil)
                .filter(\.$status == PostAcuteReferralStatus.withdrawn.rawValue).with(\.$stay).all().filter(\.isWithdrawalUndelivered)
            for row in withdrawn {
                let problem = try await RemoteReferralDelivery.deliverWithdrawal(row, patientID: row.stay.$patient.id, app: app, actor: actor, now: Date())
                if problem == nil { withdrawals += 1 } else { failed += 1 }
            }
        }
        let polled = try await RemoteReferralDelivery.pollDue(app: app, every: 0, actor: actor)
        failed += polled.failed
        let summary = "\(polled.checked) referrals checked, \(polled.changed) changed status"
            + (signature.retry ? ", \(resent) resent, \(withdrawals) withdrawals delivered" : "") + ", \(failed) could not reach their agency."
        context.console.print(summary)
        if failed > 0 { context.console.print("The stay pages say why, referral by referral.") }
    }
}
