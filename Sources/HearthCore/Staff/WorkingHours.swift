/// A clinician's usual hours on each weekday, and the days they have off (leave, holidays).
public struct WorkingHours: Sendable, Hashable, Codable {
    /// One stretch of work in a day; a visit must start and end inside it.
    public struct Shift: Sendable, Hashable, Codable, CustomStringConvertible {
        public var start: ClockTime
        public var end: ClockTime

        /// Nil when the shift ends at or before it starts (overnight shifts are not scheduled here).
        public init?(start: ClockTime, end: ClockTime) {
            guard start < end else { return nil }
            self.start = start
            self.end = end
        }

        /// "08:00–16:30".
        public var description: String { "\(start)–\(end)" }

        /// True when minutes `from`..<`to` of the day fall inside the shift (ending at its end is fine).
        public func covers(from: Int, to: Int) -> Bool {
            from >= start.minutesSinceMidnight && to <= end.minutesSinceMidnight
        }
    }

    /// A break (lunch) of `minutes`, taken whole inside `from`–`until` on each day worked.
    public struct Break: Sendable, Hashable, Codable, CustomStringConvertible {
        public var from: ClockTime
        public var until: ClockTime
        public var minutes: Int

        /// Nil when the break has no length or does not fit in its window.
        public init?(from: ClockTime, until: ClockTime, minutes: Int) {
            guard minutes > 0, from.minutesSinceMidnight + minutes <= until.minutesSinceMidnight else { return nil }
            self.from = from
            self.until = until
            self.minutes = minutes
        }

        /// The latest minute the break may start and still end inside its window.
        public var latestStart: Int { until.minutesSinceMidnight - minutes }

        /// True when the window lies inside the shift.
        public func fits(in shift: Shift) -> Bool {
            from >= shift.start && until <= shift.end
        }

        /// "30 min between 11:30 and 13:30".
        public var description: String { "\(minutes) min between \(from) and \(until)" }
    }

    /// Shifts by ISO weekday (1 Monday … 7 Sunday); a weekday absent is not worked.
    public var shifts: [Int: Shift]
    public var daysOff: Set<CalendarDate>
    /// The break owed on each day worked, if any.
    public var mealBreak: Break?

    public init(shifts: [Int: Shift], daysOff: Set<CalendarDate> = [], mealBreak: Break? = nil) {
        self.shifts = shifts.filter { (1...7).contains($0.key) }
        self.daysOff = daysOff
        self.mealBreak = mealBreak
    }

    /// The same shift Monday to Friday, e.g. `weekdays("08:00", "16:30")`.
    public static func weekdays(_ start: String, _ end: String, daysOff: Set<CalendarDate> = []) -> WorkingHours {
        let shift = ClockTime(start).flatMap { start in ClockTime(end).flatMap { Shift(start: start, end: $0) } }
        return WorkingHours(shifts: shift.map { shift in Dictionary(uniqueKeysWithValues: (1...5).map { ($0, shift) }) } ?? [:],
                            daysOff: daysOff)
    }

    /// The shift worked on `day`, or nil on a day off or an unworked weekday.
    public func shift(on day: CalendarDate) -> Shift? {
        daysOff.contains(day) ? nil : shifts[day.isoWeekday]
    }
}

/// A clinician as the scheduler sees them: discipline, credentials, where their day starts, and their hours.
public struct StaffProfile: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var discipline: StaffDiscipline
    public var credentials: [Credential]
    /// Where the clinician's day starts and ends (home or office), for travel estimates.
    public var homeBase: GeoPoint?
    public var workingHours: WorkingHours

    public init(id: String, name: String, discipline: StaffDiscipline, credentials: [Credential] = [],
                homeBase: GeoPoint? = nil, workingHours: WorkingHours) {
        self.id = id
        self.name = name
        self.discipline = discipline
        self.credentials = credentials
        self.homeBase = homeBase
        self.workingHours = workingHours
    }
}
