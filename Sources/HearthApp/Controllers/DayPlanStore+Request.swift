import FluentKit
import Foundation
import HearthCore
import SQLKit

extension DayPlanStore {
    /// Each staff member's licenses and certifications, as the credential rules read them.
    static func credentials(of staff: [UUID], on db: any Database) async throws -> [UUID: [Credential]] {
        struct Row: Decodable {
            var id: UUID; var user_id: UUID; var type: String; var state: String?; var number: String; var issued_on: String?; var expires_on: String?
        }
        guard !staff.isEmpty else { return [:] }
        let sql = try db.sql
        let rows = try await sql.raw("""
            SELECT id, user_id, type, state, number, issued_on, expires_on FROM staff_credentials WHERE user_id IN (\(binds: staff))
            """).all(decoding: Row.self)
        return rows.reduce(into: [:]) { found, row in
            guard let type = CredentialType(rawValue: row.type) else { return }
            found[row.user_id, default: []].append(Credential(id: row.id.uuidString, type: type, state: row.state, number: row.number,
                                                              issued: row.issued_on.flatMap(CalendarDate.init), expires: row.expires_on.flatMap(CalendarDate.init)))
        }
    }

    /// The day to plan: the team's (or every) field clinician and their visits of the day. A visit started, made or
    /// fixed by hand stays with its clinician at its time; any other may move `flexMinutes` either way or to another
    /// qualified clinician on the patient's care team; a comprehensive assessment (start of care, resumption) is never
    /// left out. Staff who called out (`out`) plan no visits: theirs are planned for the others.
    static func load(date: CalendarDate, team: String?, out: Set<UUID> = [], requirements: StateCredentialRequirements,
                     on db: any Database) async throws -> Day {
        let staff = try await staff(team: team, on: db)
        let visits = try await visits(on: date, clinicians: team == nil ? nil : staff.map(\.id), on: db)
        let patients = Array(Set(visits.map(\.patientID)))
        let credentials = try await credentials(of: staff.map(\.id), on: db)
        let teams = try await careTeams(of: patients, on: db)
        let familiar = try await familiar(with: patients, before: date, on: db)
        let clinicians = staff.compactMap { row -> DayPlanRequest.Clinician? in
            guard !out.contains(row.id), let discipline = StaffDiscipline(rawValue: row.discipline) else { return nil }
            let hours = (try? JSONDecoder().decode(WorkingHours.self, from: Data(row.workingHours.utf8))) ?? .weekdays("08:00", "16:30")
            let home = row.homeLatitude.flatMap { lat in row.homeLongitude.flatMap { GeoPoint(latitude: lat, longitude: $0) } }
            return .init(profile: StaffProfile(id: row.id.uuidString, name: row.displayName, discipline: discipline,
                                               credentials: credentials[row.id] ?? [], homeBase: home, workingHours: hours))
        }
        let planned = visits.compactMap { row -> DayPlanRequest.Visit? in
            guard let discipline = Discipline(rawValue: row.discipline), let start = ClockTime(row.startTime)?.minutesSinceMidnight else { return nil }
            let current = row.clinicianID?.uuidString
            if row.staysPut && current == nil { return nil } // made or started by no one on file: nothing to plan around
            let fixed = row.staysPut
            let window = fixed ? start...(start + row.minutes)
                : max(0, start - flexMinutes)...min(24 * 60, start + row.minutes + flexMinutes)
            return .init(id: row.id.uuidString, patientName: row.patientName, patientState: row.state ?? "", location: row.location,
                         minutes: row.minutes, window: window, isAppointment: fixed, discipline: discipline,
                         kind: VisitKind(rawValue: row.kind) ?? .routine, mustDo: row.kind == VisitKind.assessment.rawValue,
                         familiarClinicianIDs: familiar[Care(patientID: row.patientID, discipline: row.discipline)] ?? [], lockedClinicianID: fixed ? current : nil,
                         currentClinicianID: current, currentStart: start, careTeamIDs: teams[row.patientID] ?? [])
        }
        return Day(request: DayPlanRequest(date: date, visits: planned, clinicians: clinicians, requirements: requirements),
                   visits: Dictionary(visits.map { ($0.id.uuidString, $0) }, uniquingKeysWith: { a, _ in a }),
                   staff: Dictionary(staff.map { ($0.id.uuidString, $0) }, uniquingKeysWith: { a, _ in a }))
    }
}
