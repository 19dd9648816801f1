import Fluent
import Foundation
import HearthCore
import SQLKit
import Vapor

/// The worklist's rules run against the chart: what each patient's situation calls for (`HearthCore.WorklistRules`)
/// is compared with the tasks already made (`WorklistSync`), so a situation makes one task, a change updates it, and
/// a task whose situation cleared is closed by Hearth with the reason. Runs when a case manager opens the worklist
/// (her caseload) and from `hearth worklist sync` (every caseload).
enum WorklistStore {
    struct Outcome: Sendable {
        var created = 0
        var updated = 0
        var retired = 0
    }

    /// Syncs the tasks of these patients; each patient's rule tasks belong to the patient's case manager.
    @discardableResult
    static func sync(patientIDs: [UUID], now: Date, zone: TimeZone, library: TeachingTopicLibrary, on db: any Database) async throws -> Outcome {
        guard !patientIDs.isEmpty else { return Outcome() }
        let owners = Dictionary(uniqueKeysWithValues: try await Patient.query(on: db).filter(\.$id ~~ patientIDs).filter(\.$caseManager.$id != nil)
            .field(\.$id).field(\.$caseManager.$id).all().compactMap { patient in patient.id.flatMap { id in patient.$caseManager.id.map { (id, $0.uuidString) } } })
        let ids = Array(owners.keys)
        guard !ids.isEmpty else { return Outcome() }
        let (facts, unreadable) = try await facts(patientIDs: ids, owners: owners, now: now, zone: zone, library: library, on: db)
        let proposed = WorklistRules.tasks(for: facts, now: now, in: zone)
        // A referral that cannot be read says nothing about its situation: its tasks are left exactly as they are, and
        // the log names it (its id only: no patient data) for someone to repair.
        for id in unreadable {
            db.logger.error("Worklist sync: referral \(id) cannot be read; its tasks are left as they are until the record is repaired.")
        }
        let rows = try await CareTask.query(on: db).filter(\.$patient.$id ~~ ids).filter(\.$dedupeKey != nil).all()
            .filter { row in !unreadable.contains { row.dedupeKey?.hasPrefix("referral:\($0):") == true } }
        let byID = Dictionary(uniqueKeysWithValues: rows.compactMap { row in row.id.map { ($0.uuidString, row) } })
        let plan = WorklistSync(existing: rows.compactMap { task($0, zone: zone) }, proposed: proposed)
        guard !plan.isEmpty else { return Outcome() }
        do {
            try await apply(plan, rows: byID, now: now, zone: zone, on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another instance ran the same rules at the same moment and made these tasks first: its work stands.
            return Outcome()
        }
        return Outcome(created: plan.create.count, updated: plan.update.count, retired: plan.retire.count)
    }

    private static func apply(_ plan: WorklistSync, rows byID: [String: CareTask], now: Date, zone: TimeZone, on db: any Database) async throws {
        try await db.transaction { db in
            for task in plan.create {
                guard let patientID = task.patientID.flatMap(UUID.init(uuidString:)), let owner = UUID(uuidString: task.owner) else { continue }
                let row = CareTask()
                row.$patient.id = patientID
                row.$assignedTo.id = owner
                row.status = "open"
                row.source = task.source.rawValue
                row.dedupeKey = task.dedupeKey
                row.dueAt = AgencyTime.endOfDay(task.due, in: zone)
                apply(task, to: row)
                try await row.create(on: db)
            }
            for task in plan.update {
                guard let row = byID[task.id] else { continue }
                apply(task, to: row)
                try await row.save(on: db)
            }
            for task in plan.retire {
                guard let row = byID[task.id] else { continue }
                row.status = "done"
                row.completedAt = now
                row.completionNote = WorklistSync.retiredNote
                try await row.save(on: db)
            }
        }
    }

    private static func apply(_ task: WorklistTask, to row: CareTask) {
        row.title = String(task.title.prefix(200))
        row.detail = task.detail
        row.priority = task.priority.rawValue
    }

    /// A stored task as HearthCore reads it.
    static func task(_ row: CareTask, zone: TimeZone) -> WorklistTask? {
        guard let id = row.id, let source = WorklistSource(rawValue: row.source ?? "") else { return nil }
        let completion = row.completedAt.map { WorklistCompletion(by: row.$completedBy.id?.uuidString ?? WorklistSync.retiredBy, at: $0, note: row.completionNote) }
        return WorklistTask(id: id.uuidString, dedupeKey: row.dedupeKey, title: row.title, detail: row.detail, patientID: row.$patient.id.uuidString,
                            owner: row.$assignedTo.id.uuidString, due: CalendarDate(row.dueAt, in: zone),
                            priority: WorklistPriority(rawValue: row.priority) ?? .normal, source: source,
                            state: row.status == "done" ? .done : .open, completion: completion)
    }

    /// What the rules look at, for these patients: unsigned orders, overdue deadlines, missed visits, authorizations,
    /// referrals, open home hazards and teaching. (Safety alerts and communication follow-ups make their tasks when signed or logged.)
    /// Also returns the ids of referrals whose stored JSON cannot be read.
    static func facts(patientIDs ids: [UUID], owners: [UUID: String], now: Date, zone: TimeZone, library: TeachingTopicLibrary,
                      on db: any Database) async throws -> (WorklistFacts, unreadableReferrals: [String]) {
        let today = CalendarDate(now, in: zone)
        var facts = WorklistFacts()
        let orders = try await PhysicianOrderRecord.query(on: db).filter(\.$patient.$id ~~ ids).filter(\.$status !~ OrderState.closed.map(\.rawValue))
            .with(\.$physician).all()
        facts.unsignedOrders = orders.compactMap { row in
            guard let owner = owners[row.$patient.id], let id = row.id else { return nil }
            let state = OrderState(rawValue: row.status) ?? .sent
            // A returned order's task names the order and carries the physician's reason.
            let reason = state == .rejected ? (try? OrderStore.decode(row))?.rejections.last?.comment : nil
            return UnsignedOrderFact(patientID: row.$patient.id.uuidString, owner: owner, order: .init(
                orderID: id.uuidString, physicianID: row.$physician.id.uuidString, physicianName: row.physician.displayName,
                state: state, agingFrom: row.sentAt.map { CalendarDate($0, in: zone) }),
                summary: state == .rejected ? row.summary : nil, returnedBecause: reason)
        }
        let overdue = try await ObligationRecord.query(on: db).filter(\.$patient.$id ~~ ids).filter(\.$outstanding == true).filter(\.$dueAt < now).all()
        facts.obligations = overdue.compactMap { row in
            guard let owner = owners[row.$patient.id], let dueDay = CalendarDate(row.dueDay) else { return nil }
            return ObligationFact(patientID: row.$patient.id.uuidString, owner: owner, obligation: .stored(
                key: row.key, ruleID: row.ruleID, title: row.title, citation: row.citation, opens: row.opensAt, due: row.dueAt,
                opensDay: CalendarDate(row.opensAt, in: zone), dueDay: dueDay, overdueDays: max(0, dueDay.days(until: today))))
        }
        let missed = try await VisitRecord.query(on: db).filter(\.$patient.$id ~~ ids).filter(\.$status == VisitStatus.missed.rawValue).all()
        facts.missedVisits = missed.compactMap { row in
            guard let owner = owners[row.$patient.id], let id = row.id, let discipline = Discipline(rawValue: row.discipline),
                  let day = CalendarDate(row.scheduledOn) else { return nil }
            return MissedVisitFact(patientID: row.$patient.id.uuidString, owner: owner, missed: MissedVisit(
                visitID: id.uuidString, discipline: discipline, date: day, reason: MissedVisitReason(rawValue: row.missedReason ?? "") ?? .other,
                physicianNotified: row.physicianNotified ?? false))
        }
        // Authorizations in force, and ended ones until a later authorization from the same payer for the same discipline
        // replaces them (looking back 90 days): nearly used up, ending, or ended without a renewal.
        let authorizations = try await AuthorizationStore.withUse(patientIDs: ids, endingAfter: today.adding(days: -90), on: db)
        facts.authorizations = authorizations
            .filter { patientID, _, authorization, _ in
                authorization.end >= today || !authorizations.contains { other in
                    other.0 == patientID && other.2.payer == authorization.payer && other.2.discipline == authorization.discipline
                        && other.2.end > authorization.end
                }
            }
            .compactMap { patientID, row, authorization, used in
                guard let owner = owners[patientID], let id = row.id else { return nil }
                return AuthorizationFact(patientID: patientID.uuidString, owner: owner, authorizationID: id.uuidString, payer: authorization.payer,
                                         endsOn: authorization.end, visitsAuthorized: authorization.visitsAuthorized, visitsUsed: used)
            }
        let referrals = try await ResourceReferralRecord.query(on: db).filter(\.$patient.$id ~~ ids)
            .filter(\.$state != ReferralState.closed.rawValue).all()
        var unreadable: [String] = []
        for row in referrals {
            if let referral = try? ResourcesController.decode(row) { facts.referrals.append(referral) } else { unreadable.append(row.id?.uuidString ?? "") }
        }
        let findings = try await HomeSafetyStore.findings(patientIDs: ids, openOnly: true, on: db)
        facts.homeSafety = findings.compactMap { patientID, finding, _ in
            owners[patientID].map { HomeSafetyFact(patientID: patientID.uuidString, owner: $0, finding: finding) }
        }
        let teaching = Dictionary(grouping: try await TeachingStore.rows(patientIDs: ids, on: db), by: \.$patient.id)
        facts.teaching = teaching.compactMap { patientID, rows in
            owners[patientID].map { TeachingFact(patientID: patientID.uuidString, owner: $0, progress: TeachingStore.progress(rows, library: library)) }
        }
        return (facts, unreadable)
    }

    /// Every patient with a case manager, in batches, with progress: for `hearth worklist sync`.
    static func syncAll(now: Date, zone: TimeZone, library: TeachingTopicLibrary, on db: any Database,
                        progress: (Int, Int) -> Void) async throws -> Outcome {
        let ids = try await Patient.query(on: db).filter(\.$caseManager.$id != nil).all(\.$id)
        var total = Outcome()
        for start in stride(from: 0, to: ids.count, by: 500) {
            let outcome = try await sync(patientIDs: Array(ids[start..<min(start + 500, ids.count)]), now: now, zone: zone, library: library, on: db)
            total.created += outcome.created
            total.updated += outcome.updated
            total.retired += outcome.retired
            progress(min(start + 500, ids.count), ids.count)
        }
        return total
    }
}

extension Request {
    /// Runs the worklist rules for one patient after a change that can raise or clear a rule task (a hazard fixed, a
    /// referral answered, a visit missed), so every view of the worklist, not only the case manager's, is current.
    /// The change is already saved: a failure here is logged, not shown.
    func syncWorklist(patientID: UUID?) async {
        guard let patientID else { return }
        do {
            try await WorklistStore.sync(patientIDs: [patientID], now: now, zone: application.settings.agencyTimeZone,
                                         library: application.teachingTopics, on: db)
        } catch {
            logger.warning("worklist sync after a change failed: \(String(reflecting: error))")
        }
    }
}
