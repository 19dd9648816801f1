import Foundation
import HearthCore

extension Date {
    /// An HTTP date (RFC 9110 IMF-fixdate, "Thu, 03 Dec 2026 16:05:09 GMT") for `Last-Modified`, written by hand: a
    /// `DateFormatter` made for every FHIR read cost a twentieth of it (docs/PERFORMANCE.md, session 14).
    var httpDate: String {
        let seconds = Int(timeIntervalSince1970.rounded(.down))
        let dayNumber = Int((Double(seconds) / 86_400).rounded(.down))
        let day = CalendarDate(dayNumber: dayNumber)
        let time = seconds - dayNumber * 86_400
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((dayNumber % 7) + 7) % 7] // 1970-01-01 was a Thursday
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][day.month - 1]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday), \(two(day.day)) \(month) \(day.year) \(two(time / 3_600)):\(two(time / 60 % 60)):\(two(time % 60)) GMT"
    }
}
