/// A visit on the schedule: who sees whom, for which discipline, on which day, from when and for how long.
public struct VisitSlot: Sendable, Hashable, Identifiable {
    public var id: String
    public var date: CalendarDate
    public var start: ClockTime
    public var minutes: Int
    public var patientID: String
    public var discipline: Discipline
    public var kind: VisitKind
    public var clinicianID: String

    public init(id: String, date: CalendarDate, start: ClockTime, minutes: Int, patientID: String,
                discipline: Discipline, kind: VisitKind = .routine, clinicianID: String) {
        self.id = id
        self.date = date
        self.start = start
        self.minutes = minutes
        self.patientID = patientID
        self.discipline = discipline
        self.kind = kind
        self.clinicianID = clinicianID
    }

    /// Minutes after midnight the visit starts and ends (the end may pass 24:00 for a slot that crosses midnight).
    public var startMinute: Int { start.minutesSinceMidnight }
    public var endMinute: Int { startMinute + minutes }

    /// "09:00–10:00".
    public var timeText: String {
        "\(start)–" + (ClockTime(minutesSinceMidnight: endMinute)?.description ?? "after midnight")
    }

    /// True when the two visits share any minute on the same day; one ending as the other starts does not overlap.
    public func overlaps(_ other: VisitSlot) -> Bool {
        date == other.date && startMinute < other.endMinute && other.startMinute < endMinute
    }
}

/// What is wrong with putting a visit on the schedule, each with the reason and what to do instead.
public enum SchedulingProblem: Sendable, Equatable, CustomStringConvertible {
    case badLength(minutes: Int)
    case crossesMidnight(end: Int)
    /// The clinician's discipline or credentials do not allow the visit.
    case refused(AssignmentRefusal)
    case dayOff(name: String, date: CalendarDate)
    case notWorkingThatDay(name: String, date: CalendarDate)
    case outsideHours(name: String, shift: WorkingHours.Shift, visit: String)
    /// The clinician already has a visit then (double booking).
    case clinicianBusy(name: String, other: VisitSlot)
    /// The patient already has a visit then, with someone else.
    case patientBusy(other: VisitSlot)

    /// Problems that must be fixed before saving; the rest a scheduler may override with a reason.
    public var isBlocking: Bool {
        switch self {
        case .badLength, .crossesMidnight, .refused, .clinicianBusy: true
        case .dayOff, .notWorkingThatDay, .outsideHours, .patientBusy: false
        }
    }

    public var description: String {
        switch self {
        case .badLength(let minutes):
            "A visit of \(minutes) minutes cannot be scheduled; give a length from 5 to \(SchedulingCheck.longestVisitMinutes) minutes."
        case .crossesMidnight:
            "The visit would run past midnight; start it earlier or split it into two visits."
        case .refused(let refusal):
            refusal.description
        case .dayOff(let name, let date):
            "\(name) is off on \(date). Choose another day or another clinician."
        case .notWorkingThatDay(let name, let date):
            "\(name) does not work on \(Self.weekday(date)) (\(date)). Choose a day they work or another clinician."
        case .outsideHours(let name, let shift, let visit):
            "\(name) works \(shift) that day; the visit \(visit) falls outside. Move it into their hours or choose another clinician."
        case .clinicianBusy(let name, let other):
            "\(name) already has a visit \(other.timeText) on \(other.date). Choose a time after it ends or another clinician."
        case .patientBusy(let other):
            "The patient already has a \(other.discipline.title.lowercased()) visit \(other.timeText) on \(other.date). "
                + "Choose another time so the visits do not overlap."
        }
    }

    static func weekday(_ date: CalendarDate) -> String {
        ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"][date.isoWeekday - 1]
    }
}

/// Checks one visit against the clinician's discipline, credentials, hours and other visits before it is saved.
public struct SchedulingCheck: Sendable {
    /// Longest single visit the board accepts (a long start-of-care visit with teaching runs about 3 hours).
    public static let longestVisitMinutes = 240

    public var requirements: StateCredentialRequirements

    public init(requirements: StateCredentialRequirements) {
        self.requirements = requirements
    }

    /// Every problem with `slot` for `clinician`, given the visits already scheduled (the slot itself, by id, is ignored,
    /// so moving a visit does not collide with where it was). Empty when the visit can be saved as it is.
    public func problems(for slot: VisitSlot, clinician: StaffProfile, existing: [VisitSlot], patientState: String) -> [SchedulingProblem] {
        var problems: [SchedulingProblem] = []
        guard (5...Self.longestVisitMinutes).contains(slot.minutes) else { return [.badLength(minutes: slot.minutes)] }
        if slot.endMinute > 24 * 60 { problems.append(.crossesMidnight(end: slot.endMinute)) }
        if let refusal = requirements.assignmentProblem(staff: clinician, discipline: slot.discipline, kind: slot.kind,
                                                        visitDate: slot.date, patientState: patientState) {
            problems.append(.refused(refusal))
        }
        problems += hoursProblems(slot, clinician)
        let others = existing.filter { $0.id != slot.id && $0.overlaps(slot) }
        for other in others where other.clinicianID == slot.clinicianID {
            problems.append(.clinicianBusy(name: clinician.name, other: other))
        }
        for other in others where other.patientID == slot.patientID && other.clinicianID != slot.clinicianID {
            problems.append(.patientBusy(other: other))
        }
        return problems
    }

    private func hoursProblems(_ slot: VisitSlot, _ clinician: StaffProfile) -> [SchedulingProblem] {
        let hours = clinician.workingHours
        if hours.daysOff.contains(slot.date) { return [.dayOff(name: clinician.name, date: slot.date)] }
        guard let shift = hours.shift(on: slot.date) else { return [.notWorkingThatDay(name: clinician.name, date: slot.date)] }
        if !shift.covers(from: slot.startMinute, to: slot.endMinute) {
            return [.outsideHours(name: clinician.name, shift: shift, visit: slot.timeText)]
        }
        return []
    }
}
