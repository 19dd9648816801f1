import Fluent
import Foundation
import HearthCore

/// The demo agency's field days: every nurse, therapist, social worker and aide has visits today and on the days they
/// work this coming week, within their hours, to their own care-team patients ZIP by ZIP,
/// so the schedule board shows the team. Visits earlier today are made (one of the aide's was missed, with why); the
/// nurse's latest started visit is still open for her note; later ones are scheduled.
///
/// The demo nurse's story: her first patient also has the demo aide, whose visit ten days ago started the 14-day
/// supervision clock, and her first visit today is the supervisory visit; yesterday's note is signed, and one from two
/// days ago is left unsigned so the supervisor's list has it.
enum DemoVisits {
    /// Minutes after the shift starts that each visit of the day begins (with the drive between), and their length.
    static let nurseDay = (offsets: [30, 105, 180, 300, 375, 450], minutes: 45)
    static let aideDay = (offsets: [0, 70, 140, 230, 300, 370, 440], minutes: 45)
    static let daysAhead = 6

    /// One clinician as the demo schedules them.
    struct FieldClinician {
        var user: User
        var discipline: StaffDiscipline
        var hours: WorkingHours
        /// Their care-team patients with an active episode, in ZIP order: (patient, episode id).
        var patients: [(patient: Patient, episodeID: UUID?)] = []
    }

    static func seed(today: CalendarDate, now: Date, zone: TimeZone, on db: any Database) async throws {
        guard try await VisitRecord.query(on: db).count() == 0 else { return }
        var field = try await fieldClinicians(on: db)
        try await fillAideCaseloads(&field, on: db)
        var rows: [VisitRecord] = []
        for (index, clinician) in field.enumerated() {
            for offset in 0...daysAhead {
                let day = today.adding(days: offset)
                guard let shift = clinician.hours.shift(on: day) else { continue }
                rows += try visits(of: clinician, on: day, shift: shift, count: count(for: clinician, index: index, offset: offset),
                                   startingWith: index + offset, now: now, zone: zone)
            }
        }
        if let nurse = field.first(where: { $0.user.username == "clinician" }) {
            rows += try await story(nurse: nurse, today: today, visits: rows, zone: zone, on: db)
        }
        try await rows.createInStatements(on: db)
    }

    /// Visits a day: a nurse or therapist 4–6, an aide 5–7, a social worker 3–4; the demo nurse and aide 5 today, leaving
    /// the afternoon free for a visit booked during the demo.
    static func count(for clinician: FieldClinician, index: Int, offset: Int) -> Int {
        if offset == 0 && ["clinician", "aide"].contains(clinician.user.username) { return 5 }
        switch clinician.discipline {
        case .homeHealthAide: return 5 + (index + offset) % 3
        case .socialWorker: return 3 + (index + offset) % 2
        default: return 4 + (index + offset) % 3
        }
    }

    /// Field staff with a discipline on file, and their active patients in ZIP order.
    static func fieldClinicians(on db: any Database) async throws -> [FieldClinician] {
        let users = try await User.query(on: db).filter(\.$role ~~ [Role.clinician.rawValue, Role.aide.rawValue]).sort(\.$username).all()
        let profiles = try await StaffProfileRecord.query(on: db).filter(\.$user.$id ~~ users.compactMap(\.id)).all()
        var field: [FieldClinician] = users.compactMap { user in
            guard let row = profiles.first(where: { $0.$user.id == user.id }), let discipline = StaffDiscipline(rawValue: row.discipline) else { return nil }
            return FieldClinician(user: user, discipline: discipline, hours: StaffStore.workingHours(row))
        }
        let team = try await CareTeamMember.query(on: db).filter(\.$user.$id ~~ field.compactMap(\.user.id)).all()
        let episodes = try await EpisodeRecord.query(on: db).filter(\.$patient.$id ~~ Set(team.map(\.$patient.id)))
            .filter(\.$status == EpisodeStatus.active.rawValue).all()
        let active = Dictionary(episodes.map { ($0.$patient.id, $0.id) }, uniquingKeysWith: { first, _ in first })
        let patients = try await Patient.query(on: db).filter(\.$id ~~ Array(active.keys)).all()
        for index in field.indices {
            let mine = Set(team.filter { $0.$user.id == field[index].user.id }.map(\.$patient.id))
            field[index].patients = patients.filter { $0.id.map(mine.contains) ?? false }
                .sorted(by: routeOrder)
                .map { ($0, active[$0.id!] ?? nil) }
        }
        return field
    }

    /// ZIP by ZIP around the city (the towns in the order they lie around Columbus, so neighbouring ZIPs come together),
    /// then by street: a day's patients, taken in turn from this order, are near one another.
    static func routeOrder(_ lhs: Patient, _ rhs: Patient) -> Bool {
        func around(_ patient: Patient) -> Double {
            guard let town = DemoNames.towns.first(where: { $0.1 == patient.postalCode }) else { return 10 }
            return atan2(town.2 - DemoStaff.center.latitude, town.3 - DemoStaff.center.longitude)
        }
        return (around(lhs), lhs.postalCode ?? "", lhs.addressLine ?? "") < (around(rhs), rhs.postalCode ?? "", rhs.addressLine ?? "")
    }

    /// Aides are on a third of the care teams: an aide with fewer than eight active patients takes on some who have no
    /// aide yet (added to their care teams), so her days have 5–7 visits.
    static func fillAideCaseloads(_ field: inout [FieldClinician], on db: any Database) async throws {
        let aides = field.indices.filter { field[$0].discipline == .homeHealthAide && field[$0].patients.count < 8 }
        guard !aides.isEmpty else { return }
        let served = Set(field.filter { $0.discipline == .homeHealthAide }.flatMap { $0.patients.compactMap(\.patient.id) })
        let episodes = try await EpisodeRecord.query(on: db).filter(\.$status == EpisodeStatus.active.rawValue).all()
        let active = Dictionary(episodes.map { ($0.$patient.id, $0.id) }, uniquingKeysWith: { first, _ in first })
        var spare = try await Patient.query(on: db).filter(\.$id ~~ Array(active.keys)).sort(\.$mrn).all().filter { !served.contains($0.id!) }
        var members: [CareTeamMember] = []
        for index in aides {
            while field[index].patients.count < 8, !spare.isEmpty {
                let patient = spare.removeFirst()
                members.append(CareTeamMember(patientID: try patient.requireID(), userID: try field[index].user.requireID(), teamRole: "Home health aide"))
                field[index].patients.append((patient, active[patient.id!] ?? nil))
            }
            field[index].patients.sort { routeOrder($0.patient, $1.patient) }
        }
        try await members.createInStatements(on: db)
    }

    /// One clinician's day: `count` of their patients, taken in turn so each is seen a few times a week, visited in ZIP order.
    static func visits(of clinician: FieldClinician, on day: CalendarDate, shift: WorkingHours.Shift, count: Int, startingWith first: Int,
                       now: Date, zone: TimeZone) throws -> [VisitRecord] {
        guard !clinician.patients.isEmpty else { return [] }
        let plan = clinician.discipline == .homeHealthAide ? aideDay : nurseDay
        // Consecutive patients of the route order, so the day runs along the ring of towns.
        let picked = (0..<min(count, clinician.patients.count)).map { (first * count + $0) % clinician.patients.count }
        var starts = picked.indices.compactMap { ClockTime(minutesSinceMidnight: shift.start.minutesSinceMidnight + plan.offsets[$0]) }
        // The demo nurse always has a visit still to make today, whatever the hour the demo starts: late in the day her
        // last stop is this evening, a quarter of an hour or more from now (after 23:15, 23:45 and not yet begun).
        var evening: Int?
        if clinician.user.username == "clinician", day == CalendarDate(now, in: zone), let last = starts.indices.last,
           let lastStart = AgencyTime.instant(day, hour: starts[last].hour, minute: starts[last].minute, in: zone), lastStart <= now {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let clock = calendar.dateComponents([.hour, .minute], from: now)
            let next = min(((clock.hour ?? 0) * 60 + (clock.minute ?? 0)) / 15 * 15 + 30, 23 * 60 + 45)
            starts[last] = ClockTime(minutesSinceMidnight: next) ?? starts[last]
            evening = last
        }
        // The demo nurse's latest started visit today is still open, so she always has a note to write.
        let open = clinician.user.username == "clinician"
            ? starts.indices.last { $0 != evening && (AgencyTime.instant(day, hour: starts[$0].hour, minute: starts[$0].minute, in: zone).map { $0 <= now } ?? false) }
            : nil
        var rows: [VisitRecord] = []
        for (stop, patientIndex) in picked.enumerated() where stop < starts.count {
            let (patient, episodeID) = clinician.patients[patientIndex]
            let row = VisitRecord()
            row.$patient.id = try patient.requireID()
            row.$episode.id = episodeID
            row.$clinician.id = try clinician.user.requireID()
            row.discipline = clinician.discipline.visitsFor.rawValue
            row.kind = VisitKind.routine.rawValue
            row.scheduledOn = day.description
            row.startTime = starts[stop].description
            row.minutes = plan.minutes
            row.visitStatus = .scheduled
            try VisitStore.store(VisitNoteContent(), in: row)
            if stop != evening { try made(row, by: clinician, stop: stop, keepOpen: stop == open, now: now, zone: zone) }
            rows.append(row)
        }
        return rows
    }

    /// A visit whose time has come: made and signed when it has ended, under way when it has not; the aide's second
    /// visit today was missed (patient not home).
    static func made(_ row: VisitRecord, by clinician: FieldClinician, stop: Int, keepOpen: Bool, now: Date, zone: TimeZone) throws {
        guard let day = CalendarDate(row.scheduledOn), let clock = ClockTime(row.startTime),
              let start = AgencyTime.instant(day, hour: clock.hour, minute: clock.minute, in: zone), start <= now else { return }
        let end = start.addingTimeInterval(Double(row.minutes * 60))
        var note = VisitNoteContent()
        if clinician.user.username == "aide" && stop == 1 {
            row.visitStatus = .missed
            row.missedReason = MissedVisitReason.patientNotHome.rawValue
            row.physicianNotified = true
            note.missedExplanation = "No answer at the door or by phone; her daughter called back and the visit is moved to tomorrow."
            try VisitStore.store(note, in: row)
            return
        }
        try note.times.checkIn(at: start, location: nil, noLocationReason: "Demo record")
        if end <= now && !keepOpen {
            try note.times.checkOut(at: end, location: nil, noLocationReason: "Demo record")
            let aide = clinician.discipline == .homeHealthAide
            note.vitals = aide ? [:] : ["systolic": "134", "diastolic": "80", "pulse": "74", "spo2": "96"]
            note.response = aide ? "Bathed and dressed; skin intact; ate lunch." : "Tolerated the visit; plan of care reviewed."
            try note.state.sign(by: clinician.user.displayName, at: end.addingTimeInterval(600), times: note.times)
            row.visitStatus = .completed
        }
        try VisitStore.store(note, in: row)
    }
}
