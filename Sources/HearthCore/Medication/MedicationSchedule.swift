import Foundation

/// How often a medication is taken: so many times a day (at set times or not), every so many hours or days,
/// as needed for a reason, or a daily schedule plus as-needed doses.
public struct MedicationSchedule: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1–24 doses on each day the medication is due.
    public var timesPerDay: Int?
    /// Set clock times, earliest first; when `timesPerDay` is also given the counts agree.
    public var times: [TimeOfDay]
    /// "Every 6 hours": a schedule, or with `asNeeded` the shortest gap between as-needed doses.
    public var everyHours: Int?
    /// Due every so many days from the start date: 7 is once a week (alendronate), 3 a fentanyl patch.
    public var everyDays: Int?
    /// PRN: taken when needed, for `indication`.
    public var asNeeded: Bool
    /// What an as-needed dose is for: "pain", "shortness of breath".
    public var indication: String?
    /// The most as-needed doses in one day.
    public var maxDosesPerDay: Int?

    public init(timesPerDay: Int? = nil, times: [TimeOfDay] = [], everyHours: Int? = nil, everyDays: Int? = nil,
                asNeeded: Bool = false, indication: String? = nil, maxDosesPerDay: Int? = nil) {
        self.timesPerDay = timesPerDay
        self.times = times.sorted()
        self.everyHours = everyHours
        self.everyDays = everyDays
        self.asNeeded = asNeeded
        self.indication = indication.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        self.maxDosesPerDay = maxDosesPerDay
    }

    /// "Once a day" at the given times, or with none.
    public static func daily(_ timesPerDay: Int, at times: [TimeOfDay] = []) -> MedicationSchedule {
        MedicationSchedule(timesPerDay: timesPerDay, times: times)
    }

    /// As needed for a reason, with an optional daily maximum.
    public static func asNeeded(for indication: String, everyHours: Int? = nil, max: Int? = nil) -> MedicationSchedule {
        MedicationSchedule(everyHours: everyHours, asNeeded: true, indication: indication, maxDosesPerDay: max)
    }

    /// Scheduled doses on a day the medication is due; nil for a PRN-only medication.
    public var dosesPerDay: Int? {
        if let timesPerDay { return timesPerDay }
        if !times.isEmpty { return times.count }
        if let everyHours, !asNeeded, 24 % everyHours == 0 { return 24 / everyHours }
        return everyDays == nil ? nil : 1
    }

    /// Has doses due at set intervals (as opposed to only as needed).
    public var isScheduled: Bool { dosesPerDay != nil }

    /// Whether scheduled doses fall on this day, counting `everyDays` from the start date.
    public func isDue(on day: CalendarDate, startingOn start: CalendarDate) -> Bool {
        guard isScheduled, day >= start else { return false }
        guard let everyDays else { return true }
        return start.days(until: day) % everyDays == 0
    }

    /// "twice a day (08:00, 20:00)", "every 6 hours as needed for pain, at most 4 a day", "once a week".
    public var description: String {
        var text = ""
        if let everyDays {
            text = Self.interval(days: everyDays)
        } else if let everyHours {
            text = everyHours == 1 ? "every hour" : "every \(everyHours) hours"
        } else if let count = timesPerDay ?? (times.isEmpty ? nil : times.count) {
            text = Self.timesADay(count)
        }
        if !times.isEmpty { text += " (" + times.map(\.description).joined(separator: ", ") + ")" }
        guard asNeeded else { return text }
        let prn = "as needed" + (indication.map { " for \($0)" } ?? "")
        if text.isEmpty {
            text = prn
        } else {
            // "every 6 hours as needed": the interval belongs to the PRN; "once a day and as needed": two parts.
            text += isScheduled ? " and " + prn : " " + prn
        }
        if let maxDosesPerDay { text += ", at most \(maxDosesPerDay) a day" }
        return text
    }

    /// The same frequency for reconciliation: doses a day, interval in days, PRN or not, and the times and PRN limit
    /// when both lists state them. "BID" and "twice a day (08:00, 20:00)" agree; "daily" and "BID" do not.
    public func sameFrequency(as other: MedicationSchedule) -> Bool {
        guard dosesPerDay == other.dosesPerDay, everyDays == other.everyDays, asNeeded == other.asNeeded else { return false }
        if !times.isEmpty && !other.times.isEmpty && times != other.times { return false }
        if let max = maxDosesPerDay, let otherMax = other.maxDosesPerDay, max != otherMax { return false }
        if asNeeded, let hours = everyHours, let otherHours = other.everyHours, hours != otherHours { return false }
        return true
    }

    static func timesADay(_ count: Int) -> String {
        switch count {
        case 1: "once a day"
        case 2: "twice a day"
        default: "\(count) times a day"
        }
    }

    static func interval(days: Int) -> String {
        switch days {
        case 1: "once a day"
        case 2: "every other day"
        case let d where d % 7 == 0: d == 7 ? "once a week" : "every \(d / 7) weeks"
        default: "every \(days) days"
        }
    }
}
