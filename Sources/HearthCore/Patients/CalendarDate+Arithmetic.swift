import Foundation

extension CalendarDate {
    /// Days since 1970-01-01 on the proleptic Gregorian calendar (leap years included, no time zone involved).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(uncheckedYear: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// Whole days from this date to another (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// The first instant of this day in a time zone: its midnight, or the first instant after a clock change that skips
    /// midnight (as `Calendar.startOfDay`). Offsets looked up, not a `Calendar` built: the deadline clocks ask this for
    /// every window of every episode on a page.
    public func start(in zone: TimeZone) -> Date {
        let wallMidnight = Double(dayNumber) * 86_400
        func offset(_ seconds: Double) -> Double { Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))) }
        // The offsets a day before and after bracket any change near midnight; the earlier instant whose wall clock
        // reads midnight is the day's start (a clock set back over midnight shows it twice).
        let before = wallMidnight - offset(wallMidnight - 86_400), after = wallMidnight - offset(wallMidnight + 86_400)
        for instant in [min(before, after), max(before, after)] where instant + offset(instant) == wallMidnight {
            return Date(timeIntervalSince1970: instant)
        }
        var calendar = Calendar(identifier: .gregorian) // midnight skipped by a clock change
        calendar.timeZone = zone
        return calendar.startOfDay(for: calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!)
    }
}
