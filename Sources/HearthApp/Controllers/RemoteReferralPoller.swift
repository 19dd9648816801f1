import Fluent
import Foundation
import HearthCore
import SQLKit
import Vapor

extension RemoteReferralDelivery {
    struct PollSummary: Sendable { var checked = 0, changed = 0, failed = 0 }

    /// Reads the Task of every partner referral due (last read `every` ago or more), each claimed first so that several
    /// app instances on one database do not read the same one twice.
    @discardableResult
    static func pollDue(app: Application, every: TimeInterval, actor: Actor, now: Date = Date()) async throws -> PollSummary {
        var summary = PollSummary()
        for row in try await due(stayID: nil, every: every, now: now, on: app.db) {
            guard try await claim(row, every: every, now: now, on: app.db) else { continue }
            let before = row.remoteTaskStatus
            let patientID = try await HospitalStay.find(row.$stay.id, on: app.db)?.$patient.id
            try await poll(row, patientID: patientID, app: app, actor: actor, now: now, zone: app.settings.agencyTimeZone)
            summary.checked += 1
            if row.remoteProblem != nil { summary.failed += 1 } else if row.remoteTaskStatus != before { summary.changed += 1 }
        }
        return summary
    }

    /// Marks the row read now only if no one read it within `every`: true for the one instance that did.
    static func claim(_ row: PostAcuteReferralRecord, every: TimeInterval, now: Date, on db: any Database) async throws -> Bool {
        let sql = try db.sql
        let threshold = now.addingTimeInterval(-every)
        return try await !sql.update(PostAcuteReferralRecord.schema).set("last_checked_at", to: now)
            .where("id", .equal, try row.requireID())
            .where(group: { $0.where("last_checked_at", .is, SQLLiteral.null).orWhere("last_checked_at", .lessThanOrEqual, threshold) })
            .returning("id").all().isEmpty
    }
}

/// Reads partner referrals' Tasks in the background every minute, each at most every `HEARTH_REFERRAL_POLL_MINUTES`,
/// so that no page waits on an agency's server. Started by `serve` and `demo`; `hearth referrals poll` stays for cron.
struct RemoteReferralPollerService: LifecycleHandler {
    final class Box: @unchecked Sendable { var task: Task<Void, Never>? }
    let box = Box()

    static func start(on app: Application) {
        let service = RemoteReferralPollerService()
        let every = TimeInterval(app.settings.referralPollMinutes * 60)
        let logger = app.logger
        let actor = RemoteReferralDelivery.Actor(id: nil, name: "referral status poller", request: nil)
        service.box.task = Task {
            while !Task.isCancelled {
                do { _ = try await RemoteReferralDelivery.pollDue(app: app, every: every, actor: actor) } catch {
                    logger.warning("Referral status poller will retry: \(error)")
                }
                try? await Task.sleep(nanoseconds: UInt64(min(every, 60) * 1_000_000_000))
            }
        }
        app.lifecycle.use(service)
    }

    func shutdownAsync(_ application: Application) async {
        box.task?.cancel()
        await box.task?.value
    }
}
