import Fluent
import Foundation
import HearthCore
import Vapor

/// Visits: generated from the care plan's frequencies, read for a day or a patient, and their notes.
enum VisitStore {
    static let defaultMinutes = 60

    static func note(_ visit: VisitRecord) throws -> VisitNoteContent {
        try StoredJSON.decode(VisitNoteContent.self, from: visit.noteJSON, what: "visit note")
    }

    static func store(_ note: VisitNoteContent, in visit: VisitRecord) throws {
        visit.noteJSON = try StoredJSON.encode(note)
        visit.checkedInAt = note.times.checkIn?.at
        visit.checkedOutAt = note.times.checkOut?.at
        if case .signed(_, let at) = note.state { visit.signedAt = at }
    }

    /// The patient's care-team staff who may make visits of this discipline, for pick lists: (user id, "Name (RN)").
    /// Only the team: a scheduler adds someone to the care team before giving them the patient's visits.
    static func clinicians(for discipline: Discipline?, patientID: UUID, on db: any Database) async throws -> [(value: String, label: String)] {
        // One query: the team's staff profiles with their names (the chart shows this pick list on every view).
        let profiles = try await StaffProfileRecord.query(on: db)
            .join(CareTeamMember.self, on: \StaffProfileRecord.$user.$id == \CareTeamMember.$user.$id)
            .filter(CareTeamMember.self, \.$patient.$id == patientID)
            .join(User.self, on: \StaffProfileRecord.$user.$id == \User.$id)
            .field(\.$user.$id).field(\.$discipline).field(User.self, \.$displayName)
            .all()
        return clinicians(for: discipline, staff: try profiles.map { ($0.$user.id, $0.discipline, try $0.joined(User.self).displayName) })
    }

    /// The pick list from the team's staff profiles (user, discipline, name), as the chart reads them with its people.
    static func clinicians(for discipline: Discipline?, staff: [(user: UUID, discipline: String, name: String)]) -> [(value: String, label: String)] {
        var seen = Set<UUID>() // someone on the team in two roles is offered once
        return staff.compactMap { profile in
            guard seen.insert(profile.user).inserted, let staff = StaffDiscipline(rawValue: profile.discipline),
                  discipline.map({ staff.visitsFor == $0 }) ?? true else { return nil }
            return (profile.user.uuidString, "\(profile.name) (\(staff.rawValue))")
        }.sorted { $0.label < $1.label }
    }

    /// `ofPatient` from the chart's visits: the last two weeks and what is scheduled, by day and time.
    static func aroundToday(_ visits: [VisitRecord], today: CalendarDate) -> [VisitRecord] {
        let from = today.adding(days: -14).description
        return Array(visits.filter { $0.scheduledOn >= from }.sorted { ($0.scheduledOn, $0.startTime) < ($1.scheduledOn, $1.startTime) }.prefix(200))
    }

    /// A patient's visits around today: the last two weeks and what is scheduled.
    static func ofPatient(_ patientID: UUID, today: CalendarDate, on db: any Database) async throws -> [VisitRecord] {
        try await VisitRecord.query(on: db).filter(\.$patient.$id == patientID).filter(\.$scheduledOn >= today.adding(days: -14).description)
            .with(\.$clinician).sort(\.$scheduledOn).sort(\.$startTime).limit(200).all()
    }
}
