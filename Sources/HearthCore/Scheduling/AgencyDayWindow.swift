import Foundation

/// Day-counted obligation windows in the agency's time zone, built the way the regulatory clock builds its `days`
/// windows, so supervision and credential obligations sort and display beside the episode's.
struct AgencyDayWindow: Sendable {
    var timeZone: TimeZone
    var dueSoonDays: Int

    /// Open from the start of `opens` to the midnight that ends `due`.
    func window(opens: CalendarDate, due: CalendarDate) -> Obligation.Window {
        .init(opens: midnight(opens), due: midnight(due.adding(days: 1)), opensDay: opens, dueDay: due, unit: .days)
    }

    /// Upcoming, open, due soon or overdue at `now`, for an obligation not yet met.
    func state(of window: Obligation.Window, now: Date) -> Obligation.State {
        let today = CalendarDate(now, in: timeZone)
        if now < window.opens { return .upcoming }
        if now >= window.due { return .overdue(days: max(0, window.dueDay.days(until: today))) }
        return today.days(until: window.dueDay) <= dueSoonDays ? .dueSoon : .open
    }

    /// Midnight starting `day` in the agency's zone (its first instant where a clock change skips midnight).
    func midnight(_ day: CalendarDate) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let noon = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
        return calendar.startOfDay(for: noon)
    }
}
