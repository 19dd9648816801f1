import Fluent
import Foundation
import HearthCore

extension DemoVisits {
    /// The demo nurse's story around her field days: her next visit today is the aide supervisory visit for a patient the
    /// demo aide last saw ten days ago; yesterday's note is signed, one from two days ago is still unsigned.
    static func story(nurse: FieldClinician, today: CalendarDate, visits: [VisitRecord], zone: TimeZone, on db: any Database) async throws -> [VisitRecord] {
        let nurseID = try nurse.user.requireID()
        var rows: [VisitRecord] = []
        // Her first visit today still to be made (late in the day, this evening's).
        let first = visits.filter { $0.$clinician.id == nurseID && $0.scheduledOn == today.description && $0.isNotYetStarted }
            .min { $0.startTime < $1.startTime }
        if let first, let aide = try await User.query(on: db).filter(\.$username == "aide").first() {
            first.kind = VisitKind.aideSupervision.rawValue
            let day = today.adding(days: -10)
            rows.append(try pastVisit(patientID: first.$patient.id, episodeID: first.$episode.id, by: aide, discipline: .homeHealthAide, on: day,
                                      at: DemoOrders.noon(day, zone).addingTimeInterval(-3600), minutes: 45, signed: true, zone: zone))
            if try await CareTeamMember.query(on: db).filter(\.$patient.$id == first.$patient.id).filter(\.$user.$id == aide.requireID()).count() == 0 {
                try await CareTeamMember(patientID: first.$patient.id, userID: try aide.requireID(), teamRole: "Home health aide").create(on: db)
            }
        }
        // Two days ago's note is left unsigned: more than 24 hours after check-out, it is on the supervisor's list.
        for (back, (patient, episodeID)) in zip([2, 1], nurse.patients.suffix(2)) {
            let day = today.adding(days: -back)
            let visit = try pastVisit(patientID: try patient.requireID(), episodeID: episodeID, by: nurse.user, discipline: .skilledNursing, on: day,
                                      at: DemoOrders.noon(day, zone).addingTimeInterval(-2 * 3600), minutes: 50, signed: back == 1, zone: zone)
            var note = try VisitStore.note(visit)
            note.vitals = ["systolic": "138", "diastolic": "82", "pulse": "76", "spo2": "95", "weight": "182.4"]
            note.response = "Patient tolerated the visit; reviewed daily weights and low-salt diet."
            try VisitStore.store(note, in: visit)
            rows.append(visit)
        }
        return rows
    }

    /// A visit made on a past day, checked in and out, signed or not.
    static func pastVisit(patientID: UUID, episodeID: UUID?, by clinician: User, discipline: Discipline, on day: CalendarDate, at start: Date,
                          minutes: Int, signed: Bool, zone: TimeZone) throws -> VisitRecord {
        let visit = VisitRecord()
        visit.$patient.id = patientID
        visit.$episode.id = episodeID
        visit.$clinician.id = try clinician.requireID()
        visit.discipline = discipline.rawValue
        visit.kind = VisitKind.routine.rawValue
        visit.scheduledOn = day.description
        visit.startTime = AgencyTime.clock(start, in: zone)
        visit.minutes = minutes
        visit.visitStatus = .completed
        var note = VisitNoteContent()
        try note.times.checkIn(at: start, location: nil, noLocationReason: "Demo record")
        try note.times.checkOut(at: start.addingTimeInterval(Double(minutes * 60)), location: nil, noLocationReason: "Demo record")
        if signed { try note.state.sign(by: clinician.displayName, at: start.addingTimeInterval(3600), times: note.times) }
        try VisitStore.store(note, in: visit)
        return visit
    }
}
