import Fluent
import Foundation
import HearthCore

extension DischargePlanStore {
    /// In the transaction that records an acceptance (the hospital's answer form, or a Hearth agency accepting in its
    /// inbox), before it is saved: a late first acceptance closes the reviewer's open "waiting on a post-acute provider
    /// to accept" run, or adds the days it cost, so the avoidable-days report counts them (`LateAcceptance`).
    static func recordLateAcceptance(_ referral: PostAcuteReferralRecord, acceptedAt: Date, zone: TimeZone, on db: any Database, audit: AuditTrail) async throws {
        try await recordLateAcceptance(referral, acceptedAt: acceptedAt, zone: zone, on: db) { action, patientID, type, id, detail in
            try await audit(action, patientID: patientID, resourceType: type, resourceID: id, detail: detail)
        }
    }

    /// The same, audited by whoever calls (`hearth referrals poll` has no request).
    static func recordLateAcceptance(_ referral: PostAcuteReferralRecord, acceptedAt: Date, zone: TimeZone, on db: any Database,
                                     audit: (_ action: String, _ patientID: UUID?, _ type: String?, _ id: String?, _ detail: String?) async throws -> Void) async throws {
        let stayID = referral.$stay.id
        guard let stay = try await HospitalStay.find(stayID, on: db) else { return }
        let loaded = try await load(stayID: stayID, on: db)
        let rows = try await AvoidableDayRecord.query(on: db).filter(\.$stay.$id == stayID).sort(\.$createdAt).all()
        let recorded = rows.compactMap { row in UtilizationStore.run(row).map { (row, $0) } }
        let change = LateAcceptance.change(referrals: loaded.referrals.map(\.facts), provider: referral.providerName, acceptedAt: acceptedAt,
                                           expectedDischarge: stay.expectedDischarge.flatMap(CalendarDate.init), existing: recorded.map(\.1), zone: zone)
        switch change {
        case .none: return
        case .close(let index, let through):
            let row = recorded[index].0
            row.throughDay = through.description
            try await row.save(on: db)
            try await audit("utilization.avoidable_days", stay.$patient.id, "Encounter", stayID.uuidString,
                            "closed through \(through): \(referral.providerName) accepted late")
        case .add(let run):
            let row = AvoidableDayRecord()
            row.$stay.id = stayID
            row.reason = run.reason.rawValue
            row.owner = run.owner.rawValue
            row.fromDay = run.from.description
            row.throughDay = run.through?.description
            row.note = run.note
            row.recordedByName = "Hearth (late acceptance)"
            try await row.create(on: db)
            try await audit("utilization.avoidable_days", stay.$patient.id, "Encounter", stayID.uuidString,
                            "\(run.days(today: run.through ?? run.from)) days: \(referral.providerName) accepted late")
        }
    }
}
