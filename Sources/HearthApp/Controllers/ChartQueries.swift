import FluentKit
import Foundation
import HearthCore
import SQLKit
import Vapor

/// The chart's reads that used to be one Fluent query each, as hand-written SQL through SQLKit: binds only, the same
/// text on SQLite and PostgreSQL (issue 19: the chart is read in a handful of queries).
enum ChartQueries {
    /// The people around a patient: the care team, the team's staff profiles (the clinicians a visit can be booked with),
    /// and the named users (case manager, physician) with their NPI, phone and fax when they have physician details.
    struct Person: Decodable, Sendable, Equatable {
        /// "team" for a care-team member, "staff" for a team member's staff profile, "user" for a named user.
        var kind: String
        /// The care-team membership's id for a member, the user's id for a staff profile or a named user.
        var id: UUID
        var displayName: String
        /// A member's role on the team; a staff profile's discipline.
        var teamRole: String?
        var npi: String?
        var phone: String?
        var fax: String?
        enum CodingKeys: String, CodingKey { case kind, id, displayName = "display_name", teamRole = "team_role", npi, phone, fax }
    }

    static func people(of patientID: UUID, named userIDs: [UUID], on db: any Database) async throws -> [Person] {
        let sql = try db.sql
        // A list of no ids is not valid SQL: ask for one that matches nobody.
        let named: [any Encodable & Sendable] = userIDs.isEmpty ? [patientID] : userIDs
        return try await sql.raw("""
            SELECT 'team' AS kind, m.id AS id, u.display_name AS display_name, m.team_role AS team_role,
                   NULL AS npi, NULL AS phone, NULL AS fax, m.created_at AS sort_key
            FROM care_team_members m JOIN users u ON u.id = m.user_id WHERE m.patient_id = \(bind: patientID)
            UNION ALL
            SELECT 'staff', s.user_id, u.display_name, s.discipline, NULL, NULL, NULL, NULL
            FROM staff_profiles s JOIN care_team_members m ON m.user_id = s.user_id JOIN users u ON u.id = s.user_id
            WHERE m.patient_id = \(bind: patientID)
            UNION ALL
            SELECT 'user', u.id, u.display_name, NULL, d.npi, d.phone, d.fax, NULL
            FROM users u LEFT JOIN physician_details d ON d.user_id = u.id WHERE u.id IN (\(binds: named))
            ORDER BY kind, sort_key, id
            """).all(decoding: Person.self)
    }

    /// Counts and one-liners the chart's cards show, in one statement of scalar subqueries.
    struct Counts: Decodable, Sendable, Equatable {
        var referrals: Int
        var openReferrals: Int
        var latestSubject: String?
        var latestAt: Date?
        var openReconciliations: Int
        enum CodingKeys: String, CodingKey {
            case referrals, openReferrals = "open_referrals", latestSubject = "latest_subject", latestAt = "latest_at"
            case openReconciliations = "open_reconciliations"
        }
    }

    static func counts(of patientID: UUID, on db: any Database) async throws -> Counts {
        let sql = try db.sql
        let closedReferral = ReferralState.closed.rawValue
        let row = try await sql.raw("""
            SELECT
              (SELECT COUNT(*) FROM resource_referrals WHERE patient_id = \(bind: patientID)) AS referrals,
              (SELECT COUNT(*) FROM resource_referrals WHERE patient_id = \(bind: patientID) AND state <> \(bind: closedReferral)) AS open_referrals,
              (SELECT subject FROM communications WHERE patient_id = \(bind: patientID) ORDER BY occurred_at DESC, id DESC LIMIT 1) AS latest_subject,
              (SELECT occurred_at FROM communications WHERE patient_id = \(bind: patientID) ORDER BY occurred_at DESC, id DESC LIMIT 1) AS latest_at,
              (SELECT COUNT(*) FROM medication_reconciliations WHERE patient_id = \(bind: patientID) AND status = 'open') AS open_reconciliations
            """).first(decoding: Counts.self)
        return row ?? Counts(referrals: 0, openReferrals: 0, openReconciliations: 0)
    }
}
