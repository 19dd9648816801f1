import Fluent
import Foundation
import HearthCore
import Vapor

/// The hospital that sent a referral withdrew it (the patient chose elsewhere, or the referral was cancelled): it leaves
/// the inbox's waiting list and can no longer be accepted. One the agency had already accepted stays on its chart and
/// episode, and its case manager gets an urgent worklist task, as a safety alert is raised: nobody starts care unaware.
extension InboundReferralIntake {
    static func withdraw(_ referral: InboundReferral, reason: String?, now: Date, zone: TimeZone, on db: any Database, audit: AuditTrail) async throws {
        let afterAcceptance = referral.$episode.id != nil
        referral.status = InboundReferral.Status.withdrawn.rawValue
        referral.withdrawnAt = now
        // Withdrawn before any answer: listed among the decided, at the time the hospital decided.
        if referral.decidedAt == nil { referral.decidedAt = now }
        referral.withdrawalReason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty.map { String($0.prefix(500)) }
        try await referral.save(on: db)
        try await audit("referral.inbound.withdraw", patientID: referral.$patient.id, resourceType: "Task", resourceID: referral.id?.uuidString,
                        detail: afterAcceptance ? "by the sender, after the agency accepted" : "by the sender")
        guard afterAcceptance, let patientID = referral.$patient.id else { return }
        let key = "referral:\(try referral.requireID().uuidString.lowercased()):withdrawn"
        guard try await CareTask.query(on: db).filter(\.$dedupeKey == key).count() == 0,
              let owner = try await Patient.find(patientID, on: db)?.$caseManager.id ?? referral.$decidedBy.id else { return }
        let task = CareTask()
        task.$patient.id = patientID
        task.$assignedTo.id = owner
        task.title = "The hospital withdrew the referral the agency accepted: call it before any visit"
        task.detail = "\(referral.senderName) withdrew the referral on \(CalendarDate(now, in: zone))"
            + (referral.withdrawalReason.map { ": \($0)." } ?? ".")
            + " The episode stays open: confirm with the hospital, then record the patient not admitted or discharge the episode."
        task.priority = WorklistPriority.urgent.rawValue
        task.dueAt = AgencyTime.endOfDay(CalendarDate(now, in: zone), in: zone)
        task.status = "open"
        task.source = WorklistSource.referralWithdrawn.rawValue
        task.dedupeKey = key
        try await task.create(on: db)
        try await audit("task.create", patientID: patientID, resourceType: "Task", resourceID: task.id?.uuidString, detail: "referral withdrawn by the hospital")
    }
}
