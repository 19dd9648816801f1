import FluentKit
import Foundation
import HearthCore
import SQLKit
import Vapor

/// The schedule board's reads as hand-written SQL through SQLKit: binds only, the same text on SQLite and PostgreSQL,
/// only the columns the board shows (issue 19: the board decoded a week of whole visits, patients and clinicians).
enum ScheduleQueries {
    /// Whose visits a board shows: a case manager's own caseload, one field team's clinicians, or the whole agency.
    struct Scope: Sendable, Equatable {
        var caseManagerID: UUID? = nil
        var team: String? = nil
    }

    /// A clinician with visits in the week (nil id: visits no one has yet), and how many.
    struct Clinician: Decodable, Sendable, Equatable {
        var id: UUID?
        var name: String
        var visits: Int
        enum CodingKeys: String, CodingKey { case id = "clinician_id", name, visits }
    }

    /// One visit as the board shows it: when, whom, which discipline, in which state.
    struct Visit: Decodable, Sendable, Equatable {
        var id: UUID
        var clinicianID: UUID?
        var scheduledOn: String
        var startTime: String
        var discipline: String
        var status: String
        var checkedInAt: Date?
        var familyName: String
        var givenName: String
        enum CodingKeys: String, CodingKey {
            case id, clinicianID = "clinician_id", scheduledOn = "scheduled_on", startTime = "start_time", discipline, status
            case checkedInAt = "checked_in_at", familyName = "family_name", givenName = "given_name"
        }
    }

    /// Everyone with a visit from `first` to `last` (inclusive) in the scope, sorted by name as the board lists them.
    static func clinicians(from first: CalendarDate, to last: CalendarDate, scope: Scope, on db: any Database) async throws -> [Clinician] {
        var query: SQLQueryString = """
            SELECT v.clinician_id AS clinician_id, COALESCE(u.display_name, 'Unassigned') AS name, COUNT(*) AS visits
            FROM visits v LEFT JOIN users u ON u.id = v.clinician_id JOIN patients p ON p.id = v.patient_id
            WHERE v.scheduled_on >= \(bind: first.description) AND v.scheduled_on <= \(bind: last.description)
            """
        query = scoped(query, scope)
        query.appendInterpolation(unsafeRaw: " GROUP BY v.clinician_id, u.display_name")
        // Sorted here, not in SQL, so both databases list names in the same order whatever their collation.
        return try await sql(db).raw(query).all(decoding: Clinician.self)
            .sorted { ($0.name, $0.id?.uuidString ?? "") < ($1.name, $1.id?.uuidString ?? "") }
    }

    /// The visits from `first` to `last` of the given clinicians (and of no one, with `unassigned`), in the scope, in
    /// time order; nil clinicians: everyone's in the scope.
    static func visits(from first: CalendarDate, to last: CalendarDate, clinicians: [UUID]?, unassigned: Bool, scope: Scope,
                       limit: Int = 3_000, on db: any Database) async throws -> [Visit] {
        var query: SQLQueryString = """
            SELECT v.id AS id, v.clinician_id AS clinician_id, v.scheduled_on AS scheduled_on, v.start_time AS start_time,
                   v.discipline AS discipline, v.status AS status, v.checked_in_at AS checked_in_at,
                   p.family_name AS family_name, p.given_name AS given_name
            FROM visits v JOIN patients p ON p.id = v.patient_id
            WHERE v.scheduled_on >= \(bind: first.description) AND v.scheduled_on <= \(bind: last.description)
            """
        query = scoped(query, scope)
        if let clinicians {
            // No ids is not valid SQL: then only the unassigned visits, or none.
            query.appendInterpolation(unsafeRaw: " AND (")
            if clinicians.isEmpty {
                query.appendInterpolation(unsafeRaw: "1 = 0")
            } else {
                query.appendInterpolation(unsafeRaw: "v.clinician_id IN (")
                query.appendInterpolation(binds: clinicians)
                query.appendInterpolation(unsafeRaw: ")")
            }
            if unassigned { query.appendInterpolation(unsafeRaw: " OR v.clinician_id IS NULL") }
            query.appendInterpolation(unsafeRaw: ")")
        }
        query.appendInterpolation(unsafeRaw: " ORDER BY v.start_time, v.id LIMIT ")
        query.appendInterpolation(bind: limit)
        return try await sql(db).raw(query).all(decoding: Visit.self)
    }

    /// The scope's conditions, appended to a query over `visits v JOIN patients p`.
    private static func scoped(_ query: SQLQueryString, _ scope: Scope) -> SQLQueryString {
        var query = query
        if let caseManagerID = scope.caseManagerID {
            query.appendInterpolation(unsafeRaw: " AND p.case_manager_id = ")
            query.appendInterpolation(bind: caseManagerID)
        }
        if let team = scope.team {
            query.appendInterpolation(unsafeRaw: " AND v.clinician_id IN (SELECT s.user_id FROM staff_profiles s WHERE s.team = ")
            query.appendInterpolation(bind: team)
            query.appendInterpolation(unsafeRaw: ")")
        }
        return query
    }

    private static func sql(_ db: any Database) throws -> any SQLDatabase {
        let sql = try db.sql
        return sql
    }
}
