import Fluent
import Foundation
import HearthCore

/// The demo clinician's day: today's visits to patients on her care teams, yesterday's signed notes, and one note
/// left unsigned for two days so the supervisor's list has it. The first patient of the day also has an aide, whose
/// visit ten days ago started the 14-day supervision clock; today's first visit is the supervisory visit.
enum DemoVisits {
    static let times = ["09:00", "10:30", "12:00", "13:30", "15:00"]

    static func seed(clinician username: String, today: CalendarDate, zone: TimeZone, on db: any Database) async throws {
        guard let clinician = try await User.query(on: db).filter(\.$username == username).first(), let clinicianID = clinician.id,
              try await VisitRecord.query(on: db).filter(\.$clinician.$id == clinicianID).count() == 0 else { return }
        let patientIDs = try await CareTeamMember.query(on: db).filter(\.$user.$id == clinicianID).limit(40).all(\.$patient.$id)
        let active = try await EpisodeRecord.query(on: db).filter(\.$patient.$id ~~ patientIDs).filter(\.$status == EpisodeStatus.active.rawValue)
            .limit(8).all()
        var rows: [VisitRecord] = []
        for (index, episode) in active.enumerated() {
            let past = index >= times.count
            let day = past ? today.adding(days: index == times.count ? -2 : -1) : today
            let row = VisitRecord()
            row.$patient.id = episode.$patient.id
            row.$episode.id = episode.id
            row.$clinician.id = clinicianID
            row.discipline = Discipline.skilledNursing.rawValue
            row.kind = (index == 0 ? VisitKind.aideSupervision : VisitKind.routine).rawValue
            row.scheduledOn = day.description
            row.startTime = past ? "10:00" : times[index]
            row.minutes = VisitStore.defaultMinutes
            row.status = past ? "completed" : "scheduled"
            var note = VisitNoteContent()
            if past {
                let start = DemoOrders.noon(day, zone).addingTimeInterval(-2 * 3600)
                try note.times.checkIn(at: start, location: nil, noLocationReason: "Demo record")
                try note.times.checkOut(at: start.addingTimeInterval(50 * 60), location: nil, noLocationReason: "Demo record")
                note.vitals = ["systolic": "138", "diastolic": "82", "pulse": "76", "spo2": "95", "weight": "182.4"]
                note.response = "Patient tolerated the visit; reviewed daily weights and low-salt diet."
                // The visit two days ago stays unsigned: more than 24 hours after check-out, it is on the supervisor's list.
                if index != times.count { try note.state.sign(by: clinician.displayName, at: start.addingTimeInterval(3600), times: note.times) }
            }
            try VisitStore.store(note, in: row)
            rows.append(row)
        }
        if let first = active.first, let aide = try await User.query(on: db).filter(\.$username == "aide").first() {
            let visit = VisitRecord()
            visit.$patient.id = first.$patient.id
            visit.$episode.id = first.id
            visit.$clinician.id = aide.id
            visit.discipline = Discipline.homeHealthAide.rawValue
            visit.kind = VisitKind.routine.rawValue
            visit.scheduledOn = today.adding(days: -10).description
            visit.startTime = "11:00"
            visit.minutes = VisitStore.defaultMinutes
            visit.status = "completed"
            var note = VisitNoteContent()
            let start = DemoOrders.noon(today.adding(days: -10), zone).addingTimeInterval(-3600)
            try note.times.checkIn(at: start, location: nil, noLocationReason: "Demo record")
            try note.times.checkOut(at: start.addingTimeInterval(45 * 60), location: nil, noLocationReason: "Demo record")
            try note.state.sign(by: aide.displayName, at: start.addingTimeInterval(3600), times: note.times)
            try VisitStore.store(note, in: visit)
            rows.append(visit)
            if try await CareTeamMember.query(on: db).filter(\.$patient.$id == first.$patient.id).filter(\.$user.$id == aide.requireID()).count() == 0 {
                try await CareTeamMember(patientID: first.$patient.id, userID: try aide.requireID(), teamRole: "Home health aide").create(on: db)
            }
        }
        try await rows.create(on: db)
    }
}
