import Foundation

/// A visit as it appears in a clinician's own calendar app: no more than the clinician needs to turn up
/// (time, discipline, patient initials, town); the full name and street address stay in Hearth.
public struct CalendarVisit: Sendable, Hashable {
    /// The visit's id; stays the same when the visit moves, so calendar apps update it rather than duplicate it.
    public var uid: String
    public var start: Date
    public var end: Date
    public var discipline: Discipline
    public var patientGivenName: String
    public var patientFamilyName: String
    public var town: String
    public var cancelled: Bool

    public init(uid: String, start: Date, end: Date, discipline: Discipline, patientGivenName: String, patientFamilyName: String,
                town: String, cancelled: Bool = false) {
        self.uid = uid
        self.start = start
        self.end = end
        self.discipline = discipline
        self.patientGivenName = patientGivenName
        self.patientFamilyName = patientFamilyName
        self.town = town
        self.cancelled = cancelled
    }
}

/// Renders a clinician's schedule as an iCalendar feed (RFC 5545): CRLF line endings, lines folded at 75 octets,
/// text escaped, times in UTC.
public enum ICalendarFeed {
    public static let productID = "-//Hearth//Visit schedule//EN"

    public static func render(events: [CalendarVisit], calendarName: String, now: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(productID)", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:\(escape(calendarName))"]
        for event in events.sorted(by: { ($0.start, $0.uid) < ($1.start, $1.uid) }) {
            lines += ["BEGIN:VEVENT", "UID:\(escape(event.uid))@hearth", "DTSTAMP:\(utc(now))",
                      "DTSTART:\(utc(event.start))", "DTEND:\(utc(event.end))",
                      "SUMMARY:\(escape("\(event.discipline.rawValue) visit: \(initials(given: event.patientGivenName, family: event.patientFamilyName))"))",
                      "LOCATION:\(escape(event.town))",
                      "STATUS:\(event.cancelled ? "CANCELLED" : "CONFIRMED")", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// "M.R." for Margaret Robinson; a missing name leaves its initial out.
    public static func initials(given: String, family: String) -> String {
        [given, family].compactMap { $0.trimmingCharacters(in: .whitespaces).first.map { "\($0.uppercased())." } }.joined()
    }

    /// TEXT escaping [RFC 5545 §3.3.11]: backslash, semicolon and comma get a backslash; a line break becomes \n.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\n", "\r\n", "\r": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Folds a content line into pieces of at most 75 octets, each continuation starting with one space
    /// [RFC 5545 §3.1]; a multi-byte UTF-8 character is never split.
    public static func fold(_ line: String) -> String {
        var pieces: [String] = [], current = "", octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = pieces.isEmpty ? 75 : 74
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }

    /// "20261102T140000Z".
    static func utc(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
