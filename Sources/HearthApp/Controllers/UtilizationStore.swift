import Fluent
import Foundation
import HearthCore
import Vapor

/// Utilization review's reads: which units a reviewer's queue covers, and each stay's reviews, payer log, denials,
/// appeals, avoidable days and advisor referrals.
enum UtilizationStore {
    /// Everything utilization review recorded on one stay, oldest first.
    struct StayRecords {
        var reviews: [StayReview] = []
        var communications: [PayerCommunication] = []
        var denials: [PayerDenialRecord] = []
        var appeals: [UUID: [PayerAppealRecord]] = [:]
        var avoidable: [AvoidableDayRecord] = []
        var referrals: [AdvisorReferral] = []

        /// The last day the payer approved, from the latest communication that says.
        var approvedThrough: CalendarDate? { communications.compactMap { $0.approvedThrough.flatMap(CalendarDate.init) }.last }
        var latestReview: StayReview? { reviews.last }
    }

    /// The units a user's queue and reports cover: a UR nurse's hospitals' units, a hospital case manager's own units.
    static func scopeUnits(of user: CurrentUser, on db: any Database) async throws -> [HospitalUnit] {
        let scope = try await HospitalStore.StayScope.of(user, on: db)
        switch user.role {
        case .utilizationReviewNurse:
            guard !scope.hospitals.isEmpty else { return [] }
            return try await HospitalUnit.query(on: db).filter(\.$hospital.$id ~~ Array(scope.hospitals)).with(\.$hospital).sort(\.$code).all()
        case .hospitalCaseManager:
            return try await HospitalStore.StayScope.units(scope.assignedUnits, on: db)
        default:
            return []
        }
    }

    /// The stays on these units, current and discharged since `since`, for the reports.
    static func stays(on unitIDs: [UUID], since: Date, on db: any Database) async throws -> [HospitalStay] {
        guard !unitIDs.isEmpty else { return [] }
        return try await HospitalStay.query(on: db).filter(\.$unit.$id ~~ unitIDs)
            .group(.or) { $0.filter(\.$dischargedAt == nil).filter(\.$dischargedAt >= since) }
            .with(\.$unit).limit(2_000).all()
    }

    /// Each stay's records, in one query per kind.
    static func records(for stayIDs: [UUID], on db: any Database) async throws -> [UUID: StayRecords] {
        guard !stayIDs.isEmpty else { return [:] }
        var records: [UUID: StayRecords] = [:]
        for review in try await StayReview.query(on: db).filter(\.$stay.$id ~~ stayIDs).sort(\.$reviewedAt).sort(\.$createdAt).all() {
            records[review.$stay.id, default: .init()].reviews.append(review)
        }
        for call in try await PayerCommunication.query(on: db).filter(\.$stay.$id ~~ stayIDs).sort(\.$communicatedAt).sort(\.$createdAt).all() {
            records[call.$stay.id, default: .init()].communications.append(call)
        }
        let denials = try await PayerDenialRecord.query(on: db).filter(\.$stay.$id ~~ stayIDs).sort(\.$receivedOn).sort(\.$createdAt).all()
        var appeals: [PayerAppealRecord] = []
        if !denials.isEmpty {
            appeals = try await PayerAppealRecord.query(on: db).filter(\.$denial.$id ~~ denials.map { try $0.requireID() }).sort(\.$filedOn).sort(\.$createdAt).all()
        }
        for denial in denials {
            let id = try denial.requireID()
            records[denial.$stay.id, default: .init()].denials.append(denial)
            records[denial.$stay.id, default: .init()].appeals[id] = appeals.filter { $0.$denial.id == id }
        }
        for run in try await AvoidableDayRecord.query(on: db).filter(\.$stay.$id ~~ stayIDs).sort(\.$fromDay).all() {
            records[run.$stay.id, default: .init()].avoidable.append(run)
        }
        for referral in try await AdvisorReferral.query(on: db).filter(\.$stay.$id ~~ stayIDs).sort(\.$referredAt).all() {
            records[referral.$stay.id, default: .init()].referrals.append(referral)
        }
        return records
    }

    /// A denial with its appeals as HearthCore's appeal rules read it.
    static func denial(_ row: PayerDenialRecord, appeals: [PayerAppealRecord]) -> PayerDenial {
        PayerDenial(payer: PayerKind(rawValue: row.payerKind) ?? .commercial, receivedOn: CalendarDate(row.receivedOn) ?? CalendarDate(uncheckedDate: row.createdAt),
                    appeals: appeals.map { appeal in
                        PayerAppeal(level: appeal.level, filedOn: CalendarDate(appeal.filedOn) ?? CalendarDate(uncheckedDate: appeal.createdAt),
                                    decidedOn: appeal.decidedOn.flatMap(CalendarDate.init), outcome: AppealOutcome(rawValue: appeal.outcome) ?? .pending)
                    })
    }

    /// An avoidable-day run as HearthCore counts it.
    static func run(_ row: AvoidableDayRecord) -> AvoidableDays? {
        guard let reason = AvoidableDayReason(rawValue: row.reason), let owner = AvoidableDayOwner(rawValue: row.owner), let from = CalendarDate(row.fromDay) else { return nil }
        return AvoidableDays(reason: reason, owner: owner, from: from, through: row.throughDay.flatMap(CalendarDate.init), note: row.note ?? "")
    }

    /// The stay as the review queue reads it.
    static func queueStay(_ stay: HospitalStore.LoadedStay, _ records: StayRecords?) throws -> QueueStay {
        let review = records?.latestReview
        return QueueStay(id: try stay.row.requireID().uuidString, stay: stay.facts, nextReview: review.flatMap { CalendarDate($0.nextReview) },
                         approvedThrough: records?.approvedThrough, drg: review?.drg,
                         procedureCodes: review.map { ReviewRules.procedureCodes($0.procedureCodes ?? "") } ?? [])
    }
}

private extension CalendarDate {
    /// A stored date that failed to parse falls back to the day the row was written (UTC), never a crash.
    init(uncheckedDate: Date?) { self.init(uncheckedDate ?? Date(timeIntervalSince1970: 0), in: TimeZone(identifier: "UTC")!) }
}

extension Application {
    /// Each payer kind's review cadence and appeal levels (Resources/Rules/utilization-review.json).
    var utilizationPayers: PayerReviewRules { reference.utilizationPayers }
}
