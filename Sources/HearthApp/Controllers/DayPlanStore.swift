import FluentKit
import Foundation
import HearthCore
import SQLKit
import Vapor

/// The reads of "Plan this day", as hand-written SQL through SQLKit (binds only): the field staff working the day, the
/// day's visits with their patients' homes, care teams, and who saw each patient lately. They become a `DayPlanRequest`.
enum DayPlanStore {
    /// How far a planned visit may move from the time it has today, either way: a patient expects the nurse roughly when
    /// she usually comes.
    static let flexMinutes = 120
    /// A clinician who made a visit to the patient this many days before the day is someone the patient knows.
    static let familiarDays = 60

    struct StaffRow: Decodable, Sendable {
        var id: UUID
        var displayName: String
        var discipline: String
        var homeLatitude: Double?
        var homeLongitude: Double?
        var workingHours: String
        var team: String?
        enum CodingKeys: String, CodingKey {
            case id, displayName = "display_name", discipline, homeLatitude = "home_lat", homeLongitude = "home_lon", workingHours = "working_hours", team
        }
    }

    struct VisitRow: Decodable, Sendable {
        var id: UUID
        var patientID: UUID
        var clinicianID: UUID?
        var discipline: String
        var kind: String
        var startTime: String
        var minutes: Int
        var status: String
        var checkedIn: Int
        var locked: Int
        var givenName: String
        var familyName: String
        var addressLine: String?
        var city: String?
        var state: String?
        var latitude: Double?
        var longitude: Double?
        enum CodingKeys: String, CodingKey {
            case id, patientID = "patient_id", clinicianID = "clinician_id", discipline, kind, startTime = "start_time", minutes, status
            case checkedIn = "checked_in", locked, givenName = "given_name", familyName = "family_name", addressLine = "address_line", city, state
            case latitude, longitude
        }

        var patientName: String { "\(familyName), \(givenName)" }
        var address: String { [addressLine, city].compactMap { $0 }.joined(separator: ", ") }
        var location: GeoPoint? { latitude.flatMap { lat in longitude.flatMap { GeoPoint(latitude: lat, longitude: $0) } } }
        /// Started, made, or fixed by hand: the plan keeps its clinician and its time.
        var staysPut: Bool { checkedIn != 0 || locked != 0 || status != VisitStatus.scheduled.rawValue }
    }

    /// The day as read: what the planner gets, and the names and places the page shows beside its ids.
    struct Day: Sendable {
        var request: DayPlanRequest
        var visits: [String: VisitRow]
        var staff: [String: StaffRow]
    }

    /// The teams named on staff profiles, for the form's choice.
    static func teams(on db: any Database) async throws -> [String] {
        struct Row: Decodable { var team: String }
        return try await db.sql.raw("SELECT DISTINCT team FROM staff_profiles WHERE team IS NOT NULL AND team <> '' ORDER BY team")
            .all(decoding: Row.self).map(\.team)
    }

    /// Field staff (clinicians and aides, active, with a discipline on file), of one team or all.
    static func staff(team: String?, on db: any Database) async throws -> [StaffRow] {
        var query: SQLQueryString = """
            SELECT u.id AS id, u.display_name AS display_name, s.discipline AS discipline, s.home_lat AS home_lat, s.home_lon AS home_lon,
                   s.working_hours AS working_hours, s.team AS team
            FROM staff_profiles s JOIN users u ON u.id = s.user_id
            WHERE u.is_active = \(bind: true) AND u.role IN (\(binds: [Role.clinician.rawValue, Role.aide.rawValue]))
            """
        if let team { query.appendInterpolation(unsafeRaw: " AND s.team = "); query.appendInterpolation(bind: team) }
        query.appendInterpolation(unsafeRaw: " ORDER BY u.display_name, u.id")
        return try await db.sql.raw(query).all(decoding: StaffRow.self)
    }

    /// The day's visits not cancelled or missed, with their patients' homes; `clinicians` limits them to those staff's visits.
    static func visits(on day: CalendarDate, clinicians: [UUID]?, on db: any Database) async throws -> [VisitRow] {
        var query: SQLQueryString = """
            SELECT v.id AS id, v.patient_id AS patient_id, v.clinician_id AS clinician_id, v.discipline AS discipline, v.kind AS kind,
                   v.start_time AS start_time, v.minutes AS minutes, v.status AS status,
                   CASE WHEN v.checked_in_at IS NULL THEN 0 ELSE 1 END AS checked_in, CASE WHEN v.locked THEN 1 ELSE 0 END AS locked,
                   p.given_name AS given_name, p.family_name AS family_name, p.address_line AS address_line, p.city AS city, p.state AS state,
                   p.latitude AS latitude, p.longitude AS longitude
            FROM visits v JOIN patients p ON p.id = v.patient_id
            WHERE v.scheduled_on = \(bind: day.description) AND v.status IN (\(binds: [VisitStatus.scheduled.rawValue, VisitStatus.completed.rawValue]))
            """
        if let clinicians {
            guard !clinicians.isEmpty else { return [] }
            query.appendInterpolation(unsafeRaw: " AND v.clinician_id IN (")
            query.appendInterpolation(binds: clinicians)
            query.appendInterpolation(unsafeRaw: ")")
        }
        query.appendInterpolation(unsafeRaw: " ORDER BY v.start_time, v.id")
        return try await db.sql.raw(query).all(decoding: VisitRow.self)
    }

    /// Patient id → the agency staff on the care team.
    static func careTeams(of patients: [UUID], on db: any Database) async throws -> [UUID: Set<String>] {
        struct Row: Decodable { var patient_id: UUID; var user_id: UUID }
        guard !patients.isEmpty else { return [:] }
        let rows = try await db.sql.raw("SELECT patient_id, user_id FROM care_team_members WHERE patient_id IN (\(binds: patients))").all(decoding: Row.self)
        return rows.reduce(into: [:]) { $0[$1.patient_id, default: []].insert($1.user_id.uuidString) }
    }

    /// A patient and the discipline of a visit: the aide who comes each week is no stranger for an aide visit, but is
    /// for a nurse's.
    struct Care: Hashable { var patientID: UUID; var discipline: String }

    /// Each patient's clinicians by discipline who made a visit there in the `familiarDays` before the day, most visits first.
    static func familiar(with patients: [UUID], before day: CalendarDate, on db: any Database) async throws -> [Care: [String]] {
        struct Row: Decodable { var patient_id: UUID; var discipline: String; var clinician_id: UUID; var made: Int }
        guard !patients.isEmpty else { return [:] }
        let rows = try await db.sql.raw("""
            SELECT patient_id, discipline, clinician_id, COUNT(*) AS made FROM visits
            WHERE patient_id IN (\(binds: patients)) AND status = \(bind: VisitStatus.completed.rawValue) AND clinician_id IS NOT NULL
              AND scheduled_on >= \(bind: day.adding(days: -familiarDays).description) AND scheduled_on < \(bind: day.description)
            GROUP BY patient_id, discipline, clinician_id ORDER BY made DESC, clinician_id
            """).all(decoding: Row.self)
        return rows.reduce(into: [:]) { $0[Care(patientID: $1.patient_id, discipline: $1.discipline), default: []].append($1.clinician_id.uuidString) }
    }
}
