import Foundation

/// A referral as received: the day (and, when known, the time) it arrived, who sent it, and the start-of-care
/// date the physician ordered. The initial assessment is due within 48 hours of the referral, or on the ordered
/// start-of-care date when there is one [42 CFR 484.55(a)(1)].
public struct Referral: Sendable, Equatable {
    public var date: CalendarDate
    /// The instant it arrived; nil when only the day is known (the clock then counts from the day's start).
    public var receivedAt: Date?
    public var source: String?
    public var orderedStartOfCare: CalendarDate?

    public init(date: CalendarDate, receivedAt: Date? = nil, source: String? = nil, orderedStartOfCare: CalendarDate? = nil) {
        self.date = date
        self.receivedAt = receivedAt
        self.source = source
        self.orderedStartOfCare = orderedStartOfCare
    }
}

/// The referral form as typed; `referral(…)` checks it and answers with a message by each bad field.
public struct ReferralDraft: Sendable, Equatable {
    public var date: String
    /// `HH:MM`, 24-hour, in the agency's time zone; may be empty.
    public var time: String
    public var source: String
    public var orderedStartOfCare: String

    public init(date: String = "", time: String = "", source: String = "", orderedStartOfCare: String = "") {
        self.date = date
        self.time = time
        self.source = source
        self.orderedStartOfCare = orderedStartOfCare
    }

    /// Field name → message for everything wrong; empty when the referral can be recorded.
    public func problems(now: Date, in zone: TimeZone) -> [String: String] {
        switch referral(now: now, in: zone) {
        case .success: [:]
        case .failure(let problems): problems.byField
        }
    }

    public struct Problems: Error, Sendable, Equatable {
        public var byField: [String: String]
    }

    public func referral(now: Date, in zone: TimeZone) -> Result<Referral, Problems> {
        var problems: [String: String] = [:]
        let today = CalendarDate(now, in: zone)
        let day = CalendarDate(date.trimmed)
        if day == nil {
            problems["date"] = "Enter the day the referral arrived as YYYY-MM-DD."
        } else if let day, day > today {
            problems["date"] = "The referral date cannot be in the future."
        }
        var receivedAt: Date?
        let clock = time.trimmed
        if !clock.isEmpty {
            if let day, let minutes = Self.minutes(clock) {
                receivedAt = Self.instant(day, minutes: minutes, in: zone)
                if let receivedAt, receivedAt > now { problems["time"] = "The referral cannot have arrived later than now." }
            } else if day != nil {
                problems["time"] = "Enter the time as HH:MM (24-hour), or leave it empty."
            }
        }
        var ordered: CalendarDate?
        let orderedText = orderedStartOfCare.trimmed
        if !orderedText.isEmpty {
            ordered = CalendarDate(orderedText)
            if ordered == nil {
                problems["orderedStartOfCare"] = "Enter the ordered start-of-care date as YYYY-MM-DD, or leave it empty."
            } else if let ordered, let day, ordered < day {
                problems["orderedStartOfCare"] = "The ordered start of care cannot be before the referral."
            }
        }
        let source = source.trimmed
        if source.count > 200 { problems["source"] = "Keep the referral source under 200 characters." }
        guard problems.isEmpty, let day else { return .failure(Problems(byField: problems)) }
        return .success(Referral(date: day, receivedAt: receivedAt, source: source.isEmpty ? nil : source, orderedStartOfCare: ordered))
    }

    /// Minutes after midnight for `H:MM` or `HH:MM`; nil otherwise.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }

    /// The instant of `day` at `time` (`HH:MM`, 24-hour) in the agency's zone; nil when the time is not one.
    public static func instant(_ day: CalendarDate, time: String, in zone: TimeZone) -> Date? {
        minutes(time.trimmingCharacters(in: .whitespaces)).flatMap { instant(day, minutes: $0, in: zone) }
    }

    /// The wall-clock time on that day in the zone; across a clock change the calendar picks the later instant.
    static func instant(_ day: CalendarDate, minutes: Int, in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: minutes / 60, minute: minutes % 60))
    }
}
