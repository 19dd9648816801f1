import FluentKit
import FluentSQL
import Foundation
import HearthCore
import SQLKit
import Vapor

/// The chart's reads that were a Fluent query and its eager load (or two reads of one table), as one named query each: the
/// rows decoded as the same Fluent models the chart used before, the names they were eager-loaded for joined in.
extension ChartQueries {
    /// The patient's orders, each with its physician's name (was the orders and their physicians: two statements).
    static func orders(of patientID: UUID, on db: any Database) async throws -> [PhysicianOrderRecord] {
        let rows = try await db.sql.raw("""
            SELECT o.*, u.display_name AS physician_name
            FROM physician_orders o JOIN users u ON u.id = o.physician_id
            WHERE o.patient_id = \(bind: patientID)
            """).all()
        var named = User.Named()
        return try rows.map { row in
            let order = try row.decode(fluentModel: PhysicianOrderRecord.self)
            order.$physician.value = named(order.$physician.id, try row.decode(column: "physician_name", as: String.self))
            return order
        }
    }

    /// The chart's visits in one statement, with their clinicians' names: every visit of the episode (aide supervision, the
    /// LUPA counts) and every visit of the patient since `since` (the visit card, the plan's frequencies, the vital-sign trends).
    static func visits(of patientID: UUID, episodeID: UUID?, since: CalendarDate, on db: any Database) async throws -> [VisitRecord] {
        // No episode: `episode_id = NULL` holds for no visit.
        let rows = try await db.sql.raw("""
            SELECT v.*, u.display_name AS clinician_name
            FROM visits v LEFT JOIN users u ON u.id = v.clinician_id
            WHERE v.patient_id = \(bind: patientID) AND (v.episode_id = \(bind: episodeID) OR v.scheduled_on >= \(bind: since.description))
            """).all()
        var named = User.Named()
        return try rows.map { row in
            let visit = try row.decode(fluentModel: VisitRecord.self)
            let name = try row.decode(column: "clinician_name", as: String?.self)
            visit.$clinician.value = .some(visit.$clinician.id.flatMap { id in name.map { named(id, $0) } })
            return visit
        }
    }

    /// The assessments tab's rows (the patient's latest 100, newest first) and the episode's signed and amended assessments with
    /// their signers' names (`ComplianceRecords.signedAssessments`'s rows, oldest first), in one statement (was three: the tab, the
    /// signed assessments and their signers). Not the answers: neither reads them, and a page of answers is large.
    static func assessments(of patientID: UUID, episodeID: UUID?, on db: any Database) async throws -> (tab: [AssessmentRecord], signed: [AssessmentRecord]) {
        let (signed, amended) = (AssessmentStatus.signed.rawValue, AssessmentStatus.amended.rawValue)
        // No episode: `episode_id = NULL` holds for no assessment.
        let rows = try await db.sql.raw("""
            WITH tab AS (SELECT id FROM assessments WHERE patient_id = \(bind: patientID) ORDER BY assessed_on DESC, created_at DESC, id LIMIT 100),
                 picked AS (SELECT id FROM tab UNION SELECT id FROM assessments WHERE episode_id = \(bind: episodeID) AND status IN (\(bind: signed), \(bind: amended)))
            SELECT a.id, a.patient_id, a.episode_id, a.kind, a.instrument_id, a.instrument_version, a.version, a.amends_id, a.amendment_reason,
                   a.status, a.assessed_on, a.visited_at, a.started_by_id, a.signed_by_id, a.signed_at, a.score_value, a.score_summary,
                   a.findings, a.alerts, a.created_at, a.updated_at, u.display_name AS signer_name,
                   CASE WHEN t.id IS NULL THEN 0 ELSE 1 END AS in_tab,
                   CASE WHEN a.episode_id = \(bind: episodeID) AND a.status IN (\(bind: signed), \(bind: amended)) THEN 1 ELSE 0 END AS in_episode
            FROM picked p JOIN assessments a ON a.id = p.id LEFT JOIN tab t ON t.id = a.id LEFT JOIN users u ON u.id = a.signed_by_id
            ORDER BY a.assessed_on DESC, a.created_at DESC, a.id
            """).all()
        var tab: [AssessmentRecord] = [], episode: [AssessmentRecord] = []
        var named = User.Named()
        for row in rows {
            let assessment = try row.decode(fluentModel: AssessmentRecord.self)
            let name = try row.decode(column: "signer_name", as: String?.self)
            assessment.$signedBy.value = .some(assessment.$signedBy.id.flatMap { id in name.map { named(id, $0) } })
            if try row.decode(column: "in_tab", as: Int.self) == 1 { tab.append(assessment) }
            if try row.decode(column: "in_episode", as: Int.self) == 1 { episode.append(assessment) }
        }
        // Oldest first, as they were recorded.
        return (tab, episode.sorted { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) })
    }

    /// The patient's episodes, latest first, and the latest one's events in order (was two statements).
    static func episodes(of patientID: UUID, on db: any Database) async throws -> (episodes: [EpisodeRecord], events: [EpisodeEventRecord]) {
        let rows = try await db.sql.raw("""
            SELECT e.*, v.id AS event_id, v.episode_id AS event_episode_id, v.position AS event_position, v.kind AS event_kind,
                   v.on_date AS event_on_date, v.occurred_at AS event_occurred_at, v.ordered_on AS event_ordered_on,
                   v.circumstance AS event_circumstance, v.reason AS event_reason, v.recorded_by_id AS event_recorded_by_id,
                   v.recorded_at AS event_recorded_at
            FROM episodes e LEFT JOIN episode_events v ON v.episode_id = e.id AND e.id = (
                SELECT l.id FROM episodes l WHERE l.patient_id = \(bind: patientID) ORDER BY l.referral_date DESC, l.created_at DESC, l.id LIMIT 1)
            WHERE e.patient_id = \(bind: patientID)
            ORDER BY e.referral_date DESC, e.created_at DESC, e.id, v.position
            """).all()
        var episodes: [EpisodeRecord] = [], events: [EpisodeEventRecord] = []
        for row in rows {
            let episode = try row.decode(fluentModel: EpisodeRecord.self)
            if episodes.last?.id != episode.id { episodes.append(episode) }
            guard try !row.decodeNil(column: "event_id") else { continue }
            events.append(try row.decode(fluentModel: EpisodeEventRecord.self, prefix: "event_"))
        }
        return (episodes, events)
    }

    /// An episode's care plan with all its versions' numbers and its current version's content, read with the episode's kept
    /// records (`EpisodeRecordsQuery.records(of:carePlan:on:)`; `CarePlanStore.load` reads the plan, its current version and
    /// the list of versions: three statements). Other versions come without their content.
    struct CarePlanRows: Sendable {
        var plan: CarePlanRecord?
        var current: CarePlanVersionRecord?
        /// Every version: id, number and when it was saved (what `CarePlanStore.orderLinks` matches orders against).
        var versions: [CarePlanStore.VersionNumber] = []
    }
}

extension User {
    /// A user read by a named query for the name alone (the physician of an order, the clinician of a visit, the signer of an
    /// assessment): the id and display name, nothing else to read.
    static func named(_ id: UUID, _ displayName: String) -> User {
        let user = User()
        (user.id, user.displayName) = (id, displayName)
        return user
    }

    /// One `User` per id however many rows of a read name it (a nurse's twenty visits): a `User` is 33 properties to build.
    struct Named {
        private var users: [UUID: User] = [:]

        mutating func callAsFunction(_ id: UUID, _ displayName: String) -> User {
            if let user = users[id] { return user }
            let user = User.named(id, displayName)
            users[id] = user
            return user
        }
    }
}
