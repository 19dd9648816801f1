import Fluent
import Foundation
import HearthCore
import Vapor

/// Hospital stays as the stay clock reads them, and the one door to them: `authorize` asks `AccessPolicy.decideStay`.
enum HospitalStore {
    /// A stay with its timeline and notices, and the clock's reading of it.
    struct LoadedStay {
        var row: HospitalStay
        var statuses: [HospitalStayStatus]
        var notices: [HospitalNotice]
        /// The UR committee's determinations on the stay's advisor referrals, oldest first.
        var determinations: [URDeterminationRecord] = []
        var facts: InpatientStay
    }

    /// The units the user is assigned to, by code.
    static func assignedUnits(of userID: UUID, on db: any Database) async throws -> [HospitalUnit] {
        let ids = try await HospitalUnitAssignment.query(on: db).filter(\.$user.$id == userID).all(\.$unit.$id)
        return try await StayScope.units(Set(ids), on: db)
    }

    /// The stay, if the signed-in user may take `action` on it; a stay she may not see is "not found", audited as refused.
    static func authorize(_ action: StayAction, stayID: UUID?, on req: Request) async throws -> LoadedStay {
        let user = try req.currentUser
        guard let stayID, let row = try await HospitalStay.query(on: req.db).filter(\.$id == stayID).with(\.$unit).first() else {
            throw AppError.notFound()
        }
        switch try await StayScope.of(user, on: req.db).decide(row, action) {
        case .allowed:
            return try await load([row], on: req.db)[0]
        case let .forbidden(reason) where action == .determine:
            // She reads the stay, so its existence is no secret: the refusal names the rule.
            try await req.audit("hospital_stay.determine", outcome: .denied, resourceType: "Encounter", resourceID: stayID.uuidString, detail: reason)
            throw AppError.forbidden(reason)
        case .forbidden, .hidden:
            try await req.audit("hospital_stay.\(action.rawValue)", outcome: .denied, resourceType: "Encounter", resourceID: stayID.uuidString,
                                detail: "not on the user's hospital units")
            throw AppError.notFound()
        }
    }

    /// Whether the user, who may read `stay`, may also change it (notices, status, the discharge and its plan): the UR
    /// nurse reads and reviews but does not, so her stay page shows no form she would be refused.
    static func mayWrite(_ stay: LoadedStay, on req: Request) async throws -> Bool {
        let user = try req.currentUser
        let onUnit = try await StayScope.of(user, on: req.db).assignedUnits.contains(stay.row.$unit.id)
        return AccessPolicy.decideStay(role: user.role, onAssignedUnit: onUnit, inOwnHospital: true, action: .write).isAllowed
    }

    /// The current stays (not discharged) on these units, by unit and bed, with their timelines and notices in three queries.
    static func currentStays(on unitIDs: [UUID], on db: any Database) async throws -> [LoadedStay] {
        guard !unitIDs.isEmpty else { return [] }
        let rows = try await HospitalStay.query(on: db).filter(\.$unit.$id ~~ unitIDs).filter(\.$dischargedAt == nil).with(\.$unit)
            .sort(\.$bed).limit(500).all()
        return try await load(rows, on: db).sorted { ($0.row.unit.code, $0.row.bed ?? "") < ($1.row.unit.code, $1.row.bed ?? "") }
    }

    static func load(_ rows: [HospitalStay], on db: any Database) async throws -> [LoadedStay] {
        let ids = try rows.map { try $0.requireID() }
        guard !ids.isEmpty else { return [] }
        let statuses = Dictionary(grouping: try await HospitalStayStatus.query(on: db).filter(\.$stay.$id ~~ ids).sort(\.$startsAt).sort(\.$createdAt).all(),
                                  by: { $0.$stay.id })
        let notices = Dictionary(grouping: try await HospitalNotice.query(on: db).filter(\.$stay.$id ~~ ids).sort(\.$deliveredAt).all(), by: { $0.$stay.id })
        let determinations = Dictionary(grouping: try await URDeterminationRecord.query(on: db).filter(\.$stay.$id ~~ ids).sort(\.$determinedAt).all(),
                                        by: { $0.$stay.id })
        return try rows.map { row in
            let id = try row.requireID()
            let timeline = statuses[id] ?? [], delivered = notices[id] ?? [], decided = determinations[id] ?? []
            return LoadedStay(row: row, statuses: timeline, notices: delivered, determinations: decided, facts: facts(row, timeline, delivered, decided))
        }
    }

    /// The stay as HearthCore's clock reads it.
    static func facts(_ row: HospitalStay, _ statuses: [HospitalStayStatus], _ notices: [HospitalNotice],
                      _ determinations: [URDeterminationRecord] = []) -> InpatientStay {
        let history = statuses.compactMap { status -> StatusPeriod? in
            guard let kind = StayStatus(rawValue: status.status) else { return nil }
            let code44 = status.urReviewer.flatMap { reviewer in status.concurringAttending.map { ConditionCode44(reviewer: reviewer, attending: $0) } }
            return StatusPeriod(status: kind, starts: status.startsAt, conditionCode44: code44)
        }
        return InpatientStay(
            arrivedAt: row.arrivedAt,
            statusHistory: history.isEmpty ? [StatusPeriod(status: StayStatus(rawValue: row.status) ?? .observation, starts: row.arrivedAt)] : history,
            expectedDischarge: row.expectedDischarge.flatMap(CalendarDate.init), plannedDisposition: row.plannedDisposition.flatMap(Disposition.init),
            dischargedAt: row.dischargedAt, disposition: row.disposition.flatMap(Disposition.init), medicare: row.medicare,
            notices: notices.compactMap { notice in
                guard let kind = StayNoticeKind(rawValue: notice.kind), let outcome = StayNotice.Outcome(rawValue: notice.outcome) else { return nil }
                return StayNotice(id: notice.id?.uuidString ?? "", kind: kind, deliveredAt: notice.deliveredAt, outcome: outcome, deliveredBy: notice.deliveredByName)
            },
            determinations: determinations.compactMap { row in
                guard let outcome = AdvisorDetermination(rawValue: row.outcome), outcome.isAdverse else { return nil }
                return AdverseDetermination(id: row.id?.uuidString ?? "", outcome: outcome, determinedAt: row.determinedAt, by: row.memberName)
            })
    }

    /// A status period row; the caller saves it.
    static func statusRow(stayID: UUID, status: StayStatus, at: Date, reason: String?, code44: ConditionCode44?, by user: CurrentUser) -> HospitalStayStatus {
        let row = HospitalStayStatus()
        row.$stay.id = stayID
        row.status = status.rawValue
        row.startsAt = at
        row.reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        row.urReviewer = code44?.reviewer.trimmingCharacters(in: .whitespaces)
        row.concurringAttending = code44?.attending.trimmingCharacters(in: .whitespaces)
        row.$recordedBy.id = user.id
        row.recordedByName = user.displayName
        return row
    }
}
