import Fluent
import FluentSQL
import Foundation
import HearthCore
import Vapor

/// Keeps each episode's obligation rows in step with the regulatory clock, and answers the lists that read them.
enum ObligationStore {
    /// What the clock needs to know about an episode: its events and the records that can meet its obligations.
    /// `comprehensive` names the instruments whose signed assessments are comprehensive assessments (the clock's).
    /// A caller that already read the episode's events, the patient's coverages, the episode's orders or its signed assessments passes them in
    /// (`loaded`), so the chart does not read them twice.
    static func facts(for episode: Episode, record: EpisodeRecord, zone: TimeZone,
                      comprehensive: Set<String> = [AssessmentKind.comprehensiveInstrumentID], loaded: Loaded = Loaded(),
                      on db: any Database) async throws -> EpisodeFacts {
        let episodeID = try record.requireID()
        // Waivers, documents, OASIS transmissions, care events and notices in one statement.
        let kept = if let kept = loaded.kept { kept } else { try await EpisodeRecordsQuery.records(of: episodeID, on: db) }
        let orders = if let orders = loaded.orders { orders } else { try await PhysicianOrderRecord.query(on: db).filter(\.$episode.$id == episodeID).all() }
        // The episode's signed assessments once: the comprehensive-assessment rules read the originals, OASIS the corrections too.
        let assessments = if let assessments = loaded.assessments { assessments }
            else { try await ComplianceRecords.signedAssessments(episodeID: episodeID, on: db) }
        let signed = try ComplianceRecords.of(assessments.filter { $0.amendsID == nil }, comprehensive: comprehensive) + kept.documents
        var facts = try facts(episode, record: record, records: signed + ComplianceRecords.of(orders, zone: zone), waivers: kept.waivers)
        let coverages = if let coverages = loaded.coverages { coverages } else { try await Coverage.query(on: db).filter(\.$patient.$id == record.$patient.id).all() }
        facts.payers = payers(coverages, from: episode.events.first?.date)
        // The time recorded with each move (a transfer, a return home); the referral's comes from the episode row.
        let stored = if let events = loaded.events { events } else { try await EpisodeStore.events(of: record, on: db) }
        if stored.count == facts.events.count {
            for (index, row) in stored.enumerated() {
                if facts.events[index].instant == nil { facts.events[index].instant = row.occurredAt }
                facts.events[index].orderedDate = row.orderedOn.flatMap { CalendarDate($0) }
                let circumstance = row.circumstance.flatMap(EpisodeEventCircumstance.init(rawValue:))
                facts.events[index].diedAtHome = circumstance == .diedAtHome
                facts.events[index].diagnosticOnly = circumstance == .diagnosticOnly
            }
        }
        func toSign(_ kind: OrderKind) throws -> [EpisodeFacts.VerbalOrder] {
            try orders.filter { $0.kind == kind.rawValue && $0.status != OrderState.withdrawn.rawValue }.map { order in
                let taken = order.createdAt ?? Date()
                return EpisodeFacts.VerbalOrder(id: try order.requireID().uuidString.lowercased(), takenOn: CalendarDate(taken, in: zone), instant: taken)
            }
        }
        facts.verbalOrders = try toSign(.verbal)
        // A change to the plan sent as an interim order needs its own signature: the plan of care signed before it does not cover it.
        facts.planChanges = try toSign(.interim)
        facts.oasisAssessments = try OASISStore.assessments(assessments, comprehensive: comprehensive, zone: zone)
        (facts.oasisSubmissions, facts.careEvents, facts.notices) = (kept.submissions, kept.careEvents, kept.notices)
        return facts
    }

    /// Rows of the episode a caller has already read: its events (by position), the patient's coverages, the episode's orders.
    struct Loaded {
        var events: [EpisodeEventRecord]?
        var coverages: [Coverage]?
        var orders: [PhysicianOrderRecord]?
        var kept: EpisodeRecordsQuery.Records?
        /// The episode's signed and amended assessments with their signers (`ChartQueries.assessments`).
        var assessments: [AssessmentRecord]?
    }

    /// The facts from loaded rows: the referral's arrival time and the ordered start of care come from the episode row.
    static func facts(_ episode: Episode, record: EpisodeRecord, records: [ComplianceRecord], waivers: [Waiver] = []) -> EpisodeFacts {
        var events = episode.events.map { EpisodeFacts.Event($0) }
        if let arrived = record.referralReceivedAt, events.first?.event.kind == .referral { events[0].instant = arrived }
        return EpisodeFacts(events: events, orderedStartOfCare: record.orderedStartOfCare.flatMap { CalendarDate($0) },
                            records: records, waivers: waivers)
    }

    /// The programs paying in the episode: every coverage not ended before it began.
    static func payers(_ coverages: [Coverage], from start: CalendarDate?) -> Set<PayerProgram> {
        Set(coverages.filter { coverage in
            guard let start, let end = coverage.endDate.flatMap({ CalendarDate($0) }) else { return true }
            return end >= start
        }.map(\.payerProgram))
    }

    /// Recomputes the obligations of the patient's open episodes after something they depend on changed (a payer).
    /// (The one refresh that still reads the system clock: `CoverageController.record`, shared with FHIR Coverage writes,
    /// does not take the request's time yet.)
    static func refreshOpenEpisodes(of patientID: UUID, clock: RegulatoryClock, now: Date, on db: any Database) async throws {
        for record in try await EpisodeRecord.query(on: db).filter(\.$patient.$id == patientID).all()
        where EpisodeStatus(rawValue: record.status)?.isOpen == true {
            try await refresh(EpisodeStore.episode(from: EpisodeStore.events(of: record, on: db)), record: record, clock: clock, now: now, on: db)
        }
    }

    /// Recomputes the episode's obligations and replaces its rows; runs inside the caller's transaction.
    /// Aide supervision rows are kept: they change with visits, not episode events (`refreshSupervision`); the 30-day
    /// payment periods' rows are recomputed here and there.
    @discardableResult
    static func refresh(_ episode: Episode, record: EpisodeRecord, clock: RegulatoryClock, now: Date, on db: any Database) async throws -> [Obligation] {
        let episodeID = try record.requireID()
        let facts = try await facts(for: episode, record: record, zone: clock.timeZone, comprehensive: clock.comprehensiveInstruments, on: db)
        let obligations = clock.obligations(for: facts, now: now)
        try await ObligationRecord.query(on: db).filter(\.$episode.$id == episodeID)
            .filter(\.$ruleID !~ (supervisionRuleIDs + PaymentPeriodClock.ruleIDs)).delete()
        try await rows(obligations, episodeID: episodeID, patientID: record.$patient.id, now: now).create(on: db)
        // A signed plan or order releases a period's final claim.
        try await PaymentPeriodStore.refresh(record: record, facts: facts, zone: clock.timeZone, now: now, on: db)
        return obligations
    }

    static let supervisionRuleIDs = ["aide-supervision-skilled", "aide-supervision-aide-only", "aide-annual-observation"]

    /// Replaces the episode's aide supervision rows after its visits changed; runs inside the caller's transaction.
    static func refreshSupervision(episodeID: UUID?, patientID: UUID, supervision: AideSupervision?, now: Date, on db: any Database) async throws {
        guard let episodeID, let supervision else { return }
        let obligations = try await supervisionObligations(episodeID: episodeID, supervision: supervision, now: now, on: db)
        try await ObligationRecord.query(on: db).filter(\.$episode.$id == episodeID).filter(\.$ruleID ~~ supervisionRuleIDs).delete()
        try await rows(obligations, episodeID: episodeID, patientID: patientID, now: now).create(on: db)
        // The visits booked and made are the 30-day periods' LUPA counts.
        try await PaymentPeriodStore.refresh(episodeID: episodeID, zone: supervision.timeZone, now: now, on: db)
    }

    /// Aide supervisory visits owed for the episode [42 CFR 484.80(h)], from its visits: the services it receives, the
    /// aide visits made, and the supervisory visits made (with whether the aide was there).
    /// `visits`: the episode's visits not cancelled, when the caller has read them already.
    static func supervisionObligations(episodeID: UUID, supervision: AideSupervision, now: Date, visits loaded: [VisitRecord]? = nil,
                                       on db: any Database) async throws -> [Obligation] {
        let visits = if let loaded { loaded } else { try await episodeVisits(episodeID, on: db) }
        let services = Set(visits.compactMap { Discipline(rawValue: $0.discipline) })
        let made = visits.filter { $0.visitStatus == .completed }
        let aideVisits = made.filter { $0.discipline == Discipline.homeHealthAide.rawValue }.compactMap { CalendarDate($0.scheduledOn) }
        let supervisory = try made.filter { $0.kind == VisitKind.aideSupervision.rawValue }.compactMap { visit -> SupervisoryVisit? in
            // A therapist's supervisory visit counts only for a therapy patient; the discipline of the visit says who made it.
            guard let day = CalendarDate(visit.scheduledOn),
                  let supervisor = Discipline(rawValue: visit.discipline).flatMap(StaffDiscipline.aideSupervisor(visitingFor:)) else { return nil }
            let note = try VisitStore.note(visit)
            return SupervisoryVisit(id: try visit.requireID().uuidString, date: day, supervisor: supervisor, aideID: note.supervisedAideID ?? "",
                                    aidePresent: note.aidePresent)
        }
        return supervision.patientObligations(receiving: services, aideVisits: aideVisits, supervisoryVisits: supervisory, now: now)
    }

    /// The episode's visits that were not cancelled: what aide supervision and the 30-day periods' LUPA counts read.
    static func episodeVisits(_ episodeID: UUID, on db: any Database) async throws -> [VisitRecord] {
        try await VisitRecord.query(on: db).filter(\.$episode.$id == episodeID).filter(\.$status != VisitStatus.cancelled.rawValue).all()
    }

    static func rows(_ obligations: [Obligation], episodeID: UUID, patientID: UUID, now: Date) -> [ObligationRecord] {
        obligations.map { obligation in
            let row = ObligationRecord()
            row.$patient.id = patientID
            row.$episode.id = episodeID
            row.key = obligation.key
            row.ruleID = obligation.ruleID
            row.title = obligation.title
            row.citation = obligation.citation
            row.opensAt = obligation.window.opens
            row.dueAt = obligation.window.due
            row.dueDay = obligation.window.dueDay.description
            row.outstanding = obligation.isOutstanding
            row.state = obligation.state.kind.rawValue
            if case .met(let recordID, _) = obligation.state { row.metBy = recordID }
            row.computedAt = now
            return row
        }
    }

    /// How many obligations of each rule are overdue across the agency, most first: one grouped, index-backed query.
    static func overdueByRule(now: Date, on db: any Database) async throws -> [(String, Int)] {
        let sql = try db.sql
        struct Row: Decodable { var rule_id: String; var overdue: Int }
        let rows = try await sql.select().column("rule_id").column(SQLFunction("count", args: SQLLiteral.all), as: "overdue")
            .from(ObligationRecord.schema).where("outstanding", .equal, true).where("due_at", .lessThanOrEqual, now)
            .groupBy("rule_id").all(decoding: Row.self)
        return rows.sorted { $0.overdue > $1.overdue }.map { ($0.rule_id, $0.overdue) }
    }

    /// Outstanding obligations of these patients that are overdue or fall due within `soon`, by patient.
    static func alerts(for patientIDs: [UUID], now: Date, soon: TimeInterval = 2 * 86_400, on db: any Database) async throws -> [UUID: DeadlineAlerts] {
        guard !patientIDs.isEmpty else { return [:] }
        let sql = try db.sql
        // Two columns, decoded without Fluent's model reflection: a caseload page asks this for every row.
        struct Row: Decodable { var patient_id: UUID; var due_at: Date }
        let rows = try await sql.select().column("patient_id").column("due_at").from(ObligationRecord.schema)
            .where("patient_id", .in, patientIDs).where("outstanding", .equal, true).where("due_at", .lessThan, now.addingTimeInterval(soon))
            .all(decoding: Row.self)
        var alerts: [UUID: DeadlineAlerts] = [:]
        for row in rows {
            if row.due_at <= now { alerts[row.patient_id, default: .init()].overdue += 1 } else { alerts[row.patient_id, default: .init()].dueSoon += 1 }
        }
        for (patientID, count) in try await PaymentPeriodStore.lupaAtRisk(patientIDs, now: now, on: db) { alerts[patientID, default: .init()].lupaAtRisk = count }
        return alerts
    }
}

/// How many deadlines of a patient are overdue or coming due, for the caseload list.
struct DeadlineAlerts: Sendable {
    var overdue = 0
    var dueSoon = 0
    /// Running 30-day periods whose visits will not reach the LUPA threshold as booked (or have none recorded).
    var lupaAtRisk = 0
}

/// Records that meet obligations: signed assessments today; Notices of Admission and face-to-face encounters later.
enum ComplianceRecords {
    /// Signed assessments (comprehensive when their instrument is in `comprehensive` [42 CFR 484.55(c)]), each named as a
    /// person would name it: kind, date and who; documents come from `EpisodeRecordsQuery`. `signed`: the episode's
    /// `signedAssessments` without corrections (an amended assessment still met its deadline on the day it was first signed).
    static func of(_ signed: [AssessmentRecord], comprehensive: Set<String>) throws -> [ComplianceRecord] {
        let assessments = try signed.compactMap { row -> ComplianceRecord? in
            guard let day = CalendarDate(row.assessedOn) else { return nil }
            let kind = ComplianceRecord.Kind.assessment(row.kind)
            let isComprehensive = comprehensive.contains(row.instrumentID)
            let label = "the \(kind)\(isComprehensive ? " (comprehensive home assessment)" : " (\(row.instrumentID))") of \(day)"
                + (row.signedBy.map { " signed by \($0.displayName)" } ?? "")
            return ComplianceRecord(id: try row.requireID().uuidString.lowercased(), kind: kind, date: day, instant: row.signedAt,
                                    visitedAt: row.visitedAt, comprehensive: isComprehensive, label: label)
        }
        return assessments
    }

    /// The episode's signed (and later amended) assessments and their corrections, with who signed them.
    static func signedAssessments(episodeID: UUID, on db: any Database) async throws -> [AssessmentRecord] {
        try await AssessmentRecord.query(on: db).filter(\.$episode.$id == episodeID)
            .filter(\.$status ~~ [AssessmentStatus.signed.rawValue, AssessmentStatus.amended.rawValue]).with(\.$signedBy).all()
    }

    /// Signed orders meet the order rules: a plan of care for its period, a verbal order by its id.
    static func of(_ orders: [PhysicianOrderRecord], zone: TimeZone) throws -> [ComplianceRecord] {
        try orders.compactMap { order -> ComplianceRecord? in
            guard order.status == OrderState.signed.rawValue, let signedAt = order.signedAt, let kind = OrderKind(rawValue: order.kind) else { return nil }
            let id = try order.requireID().uuidString.lowercased()
            let day = CalendarDate(signedAt, in: zone)
            switch kind {
            case .planOfCareStartOfCare, .planOfCareRecertification:
                return ComplianceRecord(id: id, kind: .planOfCareSigned, date: day, instant: signedAt, subject: order.periodNumber.map { "period:\($0)" },
                                        label: "the plan of care\(order.periodNumber.map { " for period \($0)" } ?? "") signed \(day)")
            case .verbal:
                let taken = order.createdAt.map { " taken \(CalendarDate($0, in: zone))" } ?? ""
                return ComplianceRecord(id: id, kind: .verbalOrderSigned, date: day, instant: signedAt, subject: id,
                                        label: "the physician's signature of \(day) on the verbal order\(taken)")
            case .interim:
                return ComplianceRecord(id: id, kind: .planChangeSigned, date: day, instant: signedAt, subject: id,
                                        label: "the physician's signature of \(day) on the change to the plan of care")
            case .medicationReconciliation:
                return nil
            }
        }
    }
}
