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

    /// What generating the visit plan did, for the message on the chart.
    struct Generated {
        var created = 0
        var unassigned = 0
        var refused = 0
        /// Ordered visits whose day had already passed when the plan was scheduled.
        var past = 0
        /// Ordered visits a week had no open day for.
        var unplaced = 0

        /// What happened, in the scheduler's words: every ordered visit is booked, or the page says why not.
        var summary: String {
            var parts = ["Scheduled \(created) visit\(created == 1 ? "" : "s")" + (unassigned > 0 ? " (\(unassigned) with no clinician yet: assign them below)" : "") + "."]
            if past > 0 { parts.append("\(past) ordered visit\(past == 1 ? " was" : "s were") on days already past and not booked: record them as made, or as missed with the physician told.") }
            if unplaced > 0 { parts.append("\(unplaced) ordered visit\(unplaced == 1 ? "" : "s") had no open day in its week (declined or skipped days): book by hand or ask for a changed order.") }
            if refused > 0 { parts.append("\(refused) frequenc\(refused == 1 ? "y does" : "ies do") not fit the rest of the period and were not scheduled: change \(refused == 1 ? "it" : "them") on the care plan.") }
            return parts.joined(separator: " ")
        }
    }

    /// Schedules the rest of the current period from the care plan: the frequencies become dated visits, each given to a
    /// care-team clinician of the right discipline whose credentials are valid in the patient's state that day.
    /// Visits already scheduled from today on are replaced; past, completed and missed visits stay as they are.
    static func generate(for patient: Patient, plan: CarePlanStore.Plan, today: CalendarDate, requirements: StateCredentialRequirements,
                         holidays: HolidayCalendar, on db: any Database) async throws -> Generated {
        guard let period = plan.period else { throw AppError.conflict("The patient is not admitted: there is no certification period to schedule.") }
        let patientID = try patient.requireID()
        let team = try await CareTeamMember.query(on: db).filter(\.$patient.$id == patientID).with(\.$user).all().map(\.user)
        var clinicians: [(User, StaffProfile)] = []
        for user in team { if let profile = try await StaffStore.profile(of: user, on: db) { clinicians.append((user, profile)) } }
        let made = try await VisitRecord.query(on: db).filter(\.$patient.$id == patientID).filter(\.$status == "completed")
            .sort(\.$scheduledOn, .descending).all()
        var lastBy: [Discipline: String] = [:]
        for visit in made.reversed() {
            if let discipline = Discipline(rawValue: visit.discipline), let id = visit.$clinician.id { lastBy[discipline] = id.uuidString }
        }
        // Each candidate's visits per day in the period, so a busy day is not made busier.
        var load: [String: Int] = [:]
        let ids = clinicians.compactMap { $0.0.id }
        if !ids.isEmpty {
            for visit in try await VisitRecord.query(on: db).filter(\.$clinician.$id ~~ ids).filter(\.$scheduledOn >= today.description)
                .filter(\.$scheduledOn <= period.end.description).filter(\.$patient.$id != patientID).all() {
                if let id = visit.$clinician.id { load[id.uuidString + visit.scheduledOn, default: 0] += 1 }
            }
        }
        var result = Generated()
        var rows: [VisitRecord] = []
        for intervention in plan.content.interventions {
            let planned: DisciplineVisitPlan
            // Weeks count from the order's effective day: an interim order added mid-period owes no visits before it.
            let generator = VisitPlanGenerator(periodStart: period.start, startDay: period.dayOfPeriod(intervention.frequencyStart(in: period)),
                                               closedDays: holidays.days(from: period.start, through: period.end))
            do { planned = try generator.plan(for: intervention.discipline, frequency: intervention.frequency) } catch {
                result.refused += 1
                continue
            }
            result.past += planned.visits.count { $0.date < today }
            result.unplaced += planned.unplaced.reduce(0) { $0 + $1.count }
            for visit in planned.visits where visit.date >= today {
                let row = VisitRecord()
                row.$patient.id = patientID
                row.$episode.id = try plan.episode.requireID()
                row.discipline = intervention.discipline.rawValue
                row.kind = VisitKind.routine.rawValue
                row.scheduledOn = visit.date.description
                row.minutes = defaultMinutes
                row.status = "scheduled"
                row.noteJSON = "{}"
                try store(VisitNoteContent(), in: row)
                let fitting = clinicians.filter { _, profile in
                    requirements.assignmentProblem(staff: profile, discipline: intervention.discipline, visitDate: visit.date, patientState: patient.state ?? "") == nil
                }
                // Continuity: the clinician who saw the patient last for this discipline, then the one with the lightest day.
                let ranked = ContinuityRanking.rank(candidates: fitting.map { _, profile in
                    ContinuityCandidate(clinicianID: profile.id, visitsThatDay: load[profile.id + visit.date.description, default: 0])
                }, lastVisitBy: lastBy[intervention.discipline])
                if let best = ranked.first, let (user, profile) = fitting.first(where: { $0.1.id == best.clinicianID }) {
                    load[profile.id + visit.date.description, default: 0] += 1
                    row.$clinician.id = try user.requireID()
                    row.startTime = profile.workingHours.shift(on: visit.date)?.start.description ?? "09:00"
                } else {
                    row.startTime = "09:00"
                    result.unassigned += 1
                }
                rows.append(row)
            }
        }
        let created = rows
        try await db.transaction { db in
            try await VisitRecord.query(on: db).filter(\.$patient.$id == patientID).filter(\.$status == "scheduled")
                .filter(\.$scheduledOn >= today.description).filter(\.$checkedInAt == nil).delete()
            try await created.create(on: db)
        }
        result.created = rows.count
        return result
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
        var seen = Set<UUID>() // someone on the team in two roles is offered once
        return try profiles.compactMap { profile in
            guard seen.insert(profile.$user.id).inserted, let staff = StaffDiscipline(rawValue: profile.discipline),
                  discipline.map({ staff.visitsFor == $0 }) ?? true else { return nil }
            return (profile.$user.id.uuidString, "\(try profile.joined(User.self).displayName) (\(staff.rawValue))")
        }.sorted { $0.label < $1.label }
    }

    /// A patient's visits around today: the last two weeks and what is scheduled.
    static func ofPatient(_ patientID: UUID, today: CalendarDate, on db: any Database) async throws -> [VisitRecord] {
        try await VisitRecord.query(on: db).filter(\.$patient.$id == patientID).filter(\.$scheduledOn >= today.adding(days: -14).description)
            .with(\.$clinician).sort(\.$scheduledOn).sort(\.$startTime).limit(200).all()
    }
}
