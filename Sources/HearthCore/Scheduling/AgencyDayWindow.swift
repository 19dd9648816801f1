import Foundation

/// Day-counted obligation windows in the agency's time zone, built the way the regulatory clock builds its `days`
/// windows, so supervision and credential obligations sort and display beside the episode's.
struct AgencyDayWindow: Sendable {
    var timeZone: TimeZone
    var dueSoonDays: Int

    /// Open from the start of `opens` to the midnight that ends `due`.
    func window(opens: CalendarDate, due: CalendarDate) -> Obligation.Window {
        .init(from: opens, through: due, in: timeZone)
    }

    /// Upcoming, open, due soon or overdue at `now`, for an obligation not yet met.
    func state(of window: Obligation.Window, now: Date) -> Obligation.State {
        let today = CalendarDate(now, in: timeZone)
        if now < window.opens { return .upcoming }
        if now >= window.due { return .overdue(days: max(0, window.dueDay.days(until: today))) }
        return today.days(until: window.dueDay) <= dueSoonDays ? .dueSoon : .open
    }

}
