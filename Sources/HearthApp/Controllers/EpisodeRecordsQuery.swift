import FluentKit
import Foundation
import HearthCore
import SQLKit
import Vapor

/// What the regulatory clock reads about an episode besides its events, orders and assessments, in one `UNION ALL` of typed
/// rows (was five queries and up to three more for the names): waivers, compliance documents, OASIS transmissions, care
/// events and the notices delivered for them, each with who recorded it; what was recorded for its 30-day payment
/// periods; and for the chart, its care plan (issue 19).
enum EpisodeRecordsQuery {
    struct Records: Sendable {
        var waivers: [Waiver] = []
        /// Compliance documents as records that meet obligations ("the face-to-face encounter dated … , recorded by …").
        var documents: [ComplianceRecord] = []
        var submissions: [OASISSubmission] = []
        var careEvents: [CareEvent] = []
        var notices: [PatientNotice] = []
        /// By period number: case-mix group, LUPA threshold and admission source as recorded.
        var periods: [Int: PaymentPeriodEntry] = [:]
        /// The episode's care plan, when asked for (the chart's card).
        var carePlan = ChartQueries.CarePlanRows()
    }

    /// One row: which list, its id, the row it refers to (an assessment, a care event), its columns in `a`…`d` and who.
    struct Row: Decodable, Sendable {
        var part: String
        var id: UUID
        var ref: UUID?
        var a: String?, b: String?, c: String?, d: String?
        var who: String?
        var number: Int?
        var sortAt: Date?
        enum CodingKeys: String, CodingKey { case part, id, ref, a, b, c, d, who, number, sortAt = "sort_at" }

        /// By list, then when recorded (a missing time first, as SQLite sorts `NULL`), then id: sorted here, as the chart's
        /// records are, because an `ORDER BY` over the `UNION` compiles a sorter for every part on every request.
        static func inListOrder(_ x: Row, _ y: Row) -> Bool {
            if x.part != y.part { return x.part < y.part }
            if x.sortAt != y.sortAt { return (x.sortAt ?? .distantPast) < (y.sortAt ?? .distantPast) }
            return x.id.precedes(y.id)
        }
    }

    /// Each list in the order the clock read it: waivers and documents as recorded, the rest by when they were recorded.
    /// The first part types every column (PostgreSQL resolves a `UNION` pair by pair). With `carePlan`, the episode's
    /// (first) care plan too, every version's number and the current version's content (the chart's card; was a statement
    /// of its own, and three before that).
    static func records(of episodeID: UUID, carePlan: Bool = false, on db: any Database) async throws -> Records {
        var query: SQLQueryString = """
            SELECT 'a-waiver' AS part, w.id AS id, CAST(NULL AS UUID) AS ref, w.obligation_key AS a, w.reason AS b, CAST(NULL AS TEXT) AS c,
                   CAST(NULL AS TEXT) AS d, u.display_name AS who, CAST(NULL AS INTEGER) AS number, w.created_at AS sort_at
            FROM obligation_waivers w LEFT JOIN users u ON u.id = w.waived_by_id WHERE w.episode_id = \(bind: episodeID)
            UNION ALL
            SELECT 'b-document', c.id, NULL, c.kind, c.on_date, NULL, NULL, u.display_name, NULL, c.created_at
            FROM compliance_documents c LEFT JOIN users u ON u.id = c.recorded_by_id WHERE c.episode_id = \(bind: episodeID)
            UNION ALL
            SELECT 'c-submission', s.id, s.assessment_id, s.status, s.on_date, s.reason, NULL, NULL, NULL, s.recorded_at
            FROM oasis_submissions s WHERE s.episode_id = \(bind: episodeID)
            UNION ALL
            SELECT 'd-care-event', e.id, NULL, e.kind, e.on_date, e.detail, e.exception, u.display_name, NULL, e.recorded_at
            FROM care_events e LEFT JOIN users u ON u.id = e.recorded_by_id WHERE e.episode_id = \(bind: episodeID)
            UNION ALL
            SELECT 'e-notice', n.id, n.care_event_id, n.kind, n.delivered_on, n.delivered_by, n.response, NULL, NULL, n.recorded_at
            FROM patient_notices n WHERE n.episode_id = \(bind: episodeID)
            UNION ALL
            SELECT 'f-period', p.id, NULL, p.case_mix_group, CAST(p.lupa_threshold AS TEXT), p.threshold_source, p.admission_source, NULL,
                   p.period_number, p.updated_at
            FROM payment_periods p WHERE p.episode_id = \(bind: episodeID)

            """
        if carePlan {
            query += """
                UNION ALL
                SELECT 'g-plan', p.id, p.patient_id, NULL, NULL, NULL, NULL, NULL, p.current_version, p.created_at
                FROM (SELECT id, patient_id, current_version, created_at FROM care_plans WHERE episode_id = \(bind: episodeID) ORDER BY created_at, id LIMIT 1) p
                UNION ALL
                SELECT 'h-version', v.id, v.created_by_id, v.change_summary, CASE WHEN v.version = p.current_version THEN v.content END,
                       CASE WHEN v.version = p.current_version THEN v.details END, NULL, NULL, v.version, v.created_at
                FROM (SELECT id, current_version FROM care_plans WHERE episode_id = \(bind: episodeID) ORDER BY created_at, id LIMIT 1) p
                JOIN care_plan_versions v ON v.care_plan_id = p.id

                """
        }
        let rows = try await db.sql.raw(query).all(decoding: Row.self).sorted(by: Row.inListOrder)
        var records = Records()
        for row in rows {
            let id = row.id.uuidString.lowercased()
            switch row.part {
            case "a-waiver":
                records.waivers.append(Waiver(obligationKey: row.a ?? "", reason: row.b ?? "", waivedBy: row.who ?? ""))
            case "b-document":
                guard let kind = row.a.flatMap(ComplianceRecord.Kind.init(key:)), let day = row.b.flatMap(CalendarDate.init) else { continue }
                let label = "the \(kind) dated \(day)" + (row.who.map { ", recorded by \($0)" } ?? "")
                records.documents.append(ComplianceRecord(id: id, kind: kind, date: day, label: label))
            case "c-submission":
                guard let status = row.a.flatMap(OASISSubmission.Status.init(rawValue:)), let day = row.b.flatMap(CalendarDate.init),
                      let assessment = row.ref else { continue }
                records.submissions.append(OASISSubmission(assessmentID: assessment.uuidString.lowercased(), status: status, on: day, reason: row.c))
            case "d-care-event":
                guard let kind = row.a.flatMap(CareEvent.Kind.init(rawValue:)), let day = row.b.flatMap(CalendarDate.init) else { continue }
                records.careEvents.append(CareEvent(id: id, kind: kind, on: day, detail: row.c ?? "",
                                                    exception: row.d.flatMap(CareEvent.Exception.init(rawValue:)), recordedBy: row.who))
            case "e-notice":
                guard let kind = row.a.flatMap(PatientNotice.Kind.init(rawValue:)), let day = row.b.flatMap(CalendarDate.init),
                      let response = row.d.flatMap(PatientNotice.Response.init(rawValue:)), let careEvent = row.ref else { continue }
                records.notices.append(PatientNotice(id: id, kind: kind, careEventID: careEvent.uuidString.lowercased(), deliveredOn: day,
                                                     deliveredBy: row.c ?? "", response: response))
            case "f-period":
                guard let number = row.number else { continue }
                records.periods[number] = PaymentPeriodEntry(caseMixGroup: row.a, lupaThreshold: row.b.flatMap { Int($0) }, thresholdSource: row.c,
                                                             admissionSource: row.d.flatMap(AdmissionSource.init(rawValue:)))
            case "g-plan":
                guard let patientID = row.ref, let current = row.number else { continue }
                let plan = CarePlanRecord()
                (plan.id, plan.$patient.id, plan.$episode.id, plan.currentVersion, plan.createdAt) = (row.id, patientID, episodeID, current, row.sortAt)
                records.carePlan.plan = plan
            case "h-version":
                guard let plan = records.carePlan.plan, let number = row.number else { continue }
                records.carePlan.versions.append(.init(id: row.id, version: number, createdAt: row.sortAt))
                guard number == plan.currentVersion, let content = row.b, let details = row.c else { continue }
                let version = CarePlanVersionRecord()
                (version.id, version.$carePlan.id, version.version, version.changeSummary) = (row.id, try plan.requireID(), number, row.a ?? "")
                (version.content, version.details, version.$createdBy.id, version.createdAt) = (content, details, row.ref, row.sortAt)
                records.carePlan.current = version
            default: continue
            }
        }
        records.carePlan.versions.sort { $0.version < $1.version }
        return records
    }
}
