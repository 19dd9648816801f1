import Foundation

/// Where a visit the plan orders goes on a clinician's calendar: a day of its plan week and a start time inside their
/// hours, not already past, clear of their other visits. The generator picks the day a week's visits ideally fall on;
/// this moves a visit off a day the clinician does not work, or a day already over, to another day of the same week.
public struct VisitPlacement: Sendable {
    /// A day and start time the visit fits.
    public struct Booking: Sendable, Hashable {
        public var date: CalendarDate
        public var start: ClockTime
    }

    /// Why an ordered visit could not be booked in its week, in the scheduler's words.
    public enum Refusal: Error, Sendable, Hashable {
        /// Every day of the week is over (or today's hours are): the visit was due before now.
        case weekOver
        /// The clinician works none of the week's remaining open days.
        case notWorking(name: String)
        /// The clinician's hours on the week's remaining days are taken by other visits.
        case fullyBooked(name: String)

        /// A short code for the address the outcome travels in.
        public var code: String {
            switch self {
            case .weekOver: "over"
            case .notWorking: "off"
            case .fullyBooked: "full"
            }
        }
    }

    /// Minutes between possible start times: visits start on the quarter hour.
    public static let step = 15
    /// How far ahead of now a visit is booked today, at the least: the clinician has to hear of it and drive there
    /// (a visit generated at 13:14 was booked for 13:15).
    public static let defaultLeadMinutes = 60

    public var timeZone: TimeZone
    /// The agency's closed days (observed holidays): no routine visit is moved onto one.
    public var closedDays: Set<CalendarDate>
    public var minutes: Int
    /// Today in the agency's zone.
    public let today: CalendarDate
    /// Minutes after midnight now, read off the agency's wall clock (right on the days clocks change).
    public let minuteNow: Int
    /// The earliest a visit is booked today: now plus the lead time, in minutes after midnight.
    public var firstMinuteToday: Int { minuteNow + leadMinutes }
    public var leadMinutes: Int

    public init(now: Date, timeZone: TimeZone, closedDays: Set<CalendarDate> = [], minutes: Int = 60, leadMinutes: Int = defaultLeadMinutes) {
        self.timeZone = timeZone
        self.closedDays = closedDays
        self.minutes = minutes
        self.leadMinutes = leadMinutes
        today = CalendarDate(now, in: timeZone)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute, .second], from: now)
        // A visit cannot start in the minute already under way.
        minuteNow = (parts.hour ?? 0) * 60 + (parts.minute ?? 0) + ((parts.second ?? 0) > 0 ? 1 : 0)
    }

    /// True when a visit starting at `start` on `date` has not begun: a visit is never booked earlier than now.
    public func isAhead(_ date: CalendarDate, _ start: ClockTime) -> Bool {
        date > today || (date == today && start.minutesSinceMidnight >= minuteNow)
    }

    /// The earliest quarter-hour start on `date` inside the clinician's shift, at least the lead time from now, that overlaps none of
    /// `busy` (their other visits that day); nil when they do not work that day, it is closed, or nothing fits.
    public func earliestStart(on date: CalendarDate, hours: WorkingHours, busy: [VisitSlot]) -> ClockTime? {
        guard date >= today, !closedDays.contains(date), let shift = hours.shift(on: date) else { return nil }
        var from = shift.start.minutesSinceMidnight
        if date == today, firstMinuteToday > from { from = (firstMinuteToday + Self.step - 1) / Self.step * Self.step }
        let taken = busy.filter { $0.date == date }.sorted { $0.startMinute < $1.startMinute }
        while from + minutes <= shift.end.minutesSinceMidnight {
            guard let clash = taken.first(where: { $0.startMinute < from + minutes && from < $0.endMinute }) else {
                return ClockTime(minutesSinceMidnight: from)
            }
            from = max(from + Self.step, (clash.endMinute + Self.step - 1) / Self.step * Self.step)
        }
        return nil
    }

    /// The days to try for a visit the plan puts on `planned`: that day, then the later days of its week, then the earlier
    /// ones (nearest first), days not yet past; days in `taken` (the patient already has this discipline then) come last.
    public func candidateDays(planned: CalendarDate, week: [CalendarDate], taken: Set<CalendarDate> = []) -> [CalendarDate] {
        let open = week.filter { $0 >= today }
        let ordered = open.filter { $0 >= planned }.sorted() + open.filter { $0 < planned }.sorted(by: >)
        return ordered.filter { !taken.contains($0) } + ordered.filter { taken.contains($0) }
    }

    /// Books the visit on the first of `days` where the clinician has room, or says why it cannot be booked that week.
    public func book(on days: [CalendarDate], clinician: StaffProfile, busy: [VisitSlot]) -> Result<Booking, Refusal> {
        var works = false, hoursOver = false
        for day in days where day >= today {
            if let start = earliestStart(on: day, hours: clinician.workingHours, busy: busy) { return .success(Booking(date: day, start: start)) }
            guard !closedDays.contains(day), let shift = clinician.workingHours.shift(on: day) else { continue }
            if day == today && shift.end.minutesSinceMidnight - minutes < firstMinuteToday { hoursOver = true } else { works = true }
        }
        if works { return .failure(.fullyBooked(name: clinician.name)) }
        return .failure(hoursOver || days.allSatisfy { $0 < today } ? .weekOver : .notWorking(name: clinician.name))
    }
}
