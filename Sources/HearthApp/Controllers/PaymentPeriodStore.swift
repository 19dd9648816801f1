import Fluent
import FluentSQL
import Foundation
import HearthCore
import Vapor

/// The PDGM 30-day periods of an episode, from its facts, visits and what the case manager recorded; and the obligation
/// rows (final-claim signatures, LUPA visits) kept beside the regulatory clock's for the caseload, compliance page and
/// worklist.
enum PaymentPeriodStore {
    /// Each period of the episode with its LUPA count and what holds its final claim.
    /// `visits`: the episode's visits not cancelled (`ObligationStore.episodeVisits`), when the caller has read them already.
    /// `episodes`: all the patient's episodes, and `entries`: what was recorded for the periods (`EpisodeRecordsQuery`), when
    /// the caller has read them already.
    static func statuses(record: EpisodeRecord, facts: EpisodeFacts, zone: TimeZone, now: Date, visits loaded: [VisitRecord]? = nil,
                         episodes: [EpisodeRecord]? = nil, entries recorded: [Int: PaymentPeriodEntry]? = nil,
                         on db: any Database) async throws -> [PaymentPeriodStatus] {
        let episodeID = try record.requireID()
        let entries = if let recorded { recorded } else {
            Dictionary(try await PaymentPeriodRecord.query(on: db).filter(\.$episode.$id == episodeID).all().map { ($0.number, entry($0)) },
                       uniquingKeysWith: { $1 })
        }
        // Missed and cancelled visits are not billable visits; every other visit of the episode counts, made or still booked.
        let billable = if let loaded { loaded.filter { ["completed", "scheduled"].contains($0.status) } }
            else { try await VisitRecord.query(on: db).filter(\.$episode.$id == episodeID).filter(\.$status ~~ ["completed", "scheduled"]).all() }
        let visits = billable
            .compactMap { visit in CalendarDate(visit.scheduledOn).map { PeriodVisit(day: $0, made: visit.status == "completed") } }
        let clock = PaymentPeriodClock(timeZone: zone)
        return clock.statuses(facts: facts, visits: visits, entries: entries,
                              previousCareEnded: try await previousCareEnded(before: record, episodes: episodes, on: db), now: now)
    }

    static func entry(_ row: PaymentPeriodRecord) -> PaymentPeriodEntry {
        PaymentPeriodEntry(caseMixGroup: row.caseMixGroup, lupaThreshold: row.lupaThreshold, thresholdSource: row.thresholdSource,
                           admissionSource: row.admissionSource.flatMap(AdmissionSource.init(rawValue:)))
    }

    /// The last day of the patient's latest earlier episode that was discharged before this one's start of care: its
    /// distance decides whether period 1 is early or late.
    static func previousCareEnded(before record: EpisodeRecord, episodes: [EpisodeRecord]? = nil, on db: any Database) async throws -> CalendarDate? {
        guard let soc = record.startOfCare.flatMap(CalendarDate.init) else { return nil }
        let id = try record.requireID()
        let others = if let episodes { episodes.filter { $0.id != id } }
            else { try await EpisodeRecord.query(on: db).filter(\.$patient.$id == record.$patient.id).filter(\.$id != id).all() }
        guard !others.isEmpty else { return nil }
        let discharges = try await EpisodeEventRecord.query(on: db).filter(\.$episode.$id ~~ others.compactMap(\.id))
            .filter(\.$kind == EpisodeEvent.Kind.discharge.rawValue).all()
        return discharges.compactMap { CalendarDate($0.onDate) }.filter { $0 < soc }.max()
    }

    /// Replaces the episode's payment-period obligation rows; runs inside the caller's transaction.
    static func refresh(record: EpisodeRecord, facts: EpisodeFacts, zone: TimeZone, now: Date, on db: any Database) async throws {
        let episodeID = try record.requireID()
        let obligations = try await statuses(record: record, facts: facts, zone: zone, now: now, on: db).flatMap(\.obligations)
        try await ObligationRecord.query(on: db).filter(\.$episode.$id == episodeID).filter(\.$ruleID ~~ PaymentPeriodClock.ruleIDs).delete()
        try await ObligationStore.rows(obligations, episodeID: episodeID, patientID: record.$patient.id, now: now).create(on: db)
    }

    /// After the episode's visits changed (booked, made, missed, cancelled): the LUPA counts move.
    static func refresh(episodeID: UUID, zone: TimeZone, now: Date, on db: any Database) async throws {
        guard let record = try await EpisodeRecord.find(episodeID, on: db) else { return }
        let episode = try EpisodeStore.episode(from: try await EpisodeStore.events(of: record, on: db))
        let facts = try await ObligationStore.facts(for: episode, record: record, zone: zone, on: db)
        try await refresh(record: record, facts: facts, zone: zone, now: now, on: db)
    }
}

extension PaymentPeriodStore {
    /// Patients with a running 30-day period at LUPA risk (its visits, even with those booked, fall short of the threshold,
    /// or no threshold is recorded), as last computed: the caseload flags them before the period ends.
    static func lupaAtRisk(_ patientIDs: [UUID], now: Date, on db: any Database) async throws -> [UUID: Int] {
        guard !patientIDs.isEmpty else { return [:] }
        let sql = try db.sql
        struct Row: Decodable { var patient_id: UUID }
        let rows = try await sql.select().column("patient_id").from(ObligationRecord.schema)
            .where("patient_id", .in, patientIDs).where("rule_id", .equal, PaymentPeriodClock.lupaRuleID)
            .where("outstanding", .equal, true).where("state", .equal, Obligation.StateKind.dueSoon.rawValue)
            .where("opens_at", .lessThanOrEqual, now).where("due_at", .greaterThan, now)
            .all(decoding: Row.self)
        return rows.reduce(into: [:]) { counts, row in counts[row.patient_id, default: 0] += 1 }
    }
}
