import Foundation
import HearthCore
import Vapor

/// Times of day as the agency reads them: a patient's day is in the agency's time zone, instants are stored in UTC.
enum AgencyTime {
    /// "14:05": the instant's clock time in the zone.
    static func clock(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// The instant a day's clock time falls on in the zone.
    static func instant(_ day: CalendarDate, hour: Int, minute: Int = 0, in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute))
    }

    /// The last minute of a day: when something due "by" that day becomes overdue.
    static func endOfDay(_ day: CalendarDate, in zone: TimeZone) -> Date {
        instant(day, hour: 23, minute: 59, in: zone) ?? Date()
    }
}

extension Request {
    /// "14:05" in the agency's zone.
    func agencyClock(_ date: Date) -> String { AgencyTime.clock(date, in: application.settings.agencyTimeZone) }

    /// Today in the agency's zone: the day due dates and "in the future" are judged against.
    var agencyToday: CalendarDate { CalendarDate(now, in: application.settings.agencyTimeZone) }
}
