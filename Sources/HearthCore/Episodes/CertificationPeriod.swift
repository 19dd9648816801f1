/// A 60-day certification period of a home health episode, counted from the start-of-care date:
/// day 1–60, 61–120, … [42 CFR 484.55(d); 42 CFR 424.22(b)].
public struct CertificationPeriod: Sendable, Equatable, CustomStringConvertible {
    public static let length = 60
    /// Recertification is due in the last 5 days of each period [42 CFR 484.55(d)(1)].
    public static let recertificationWindow = 5

    /// 1 for the period that starts at start of care.
    public var number: Int
    public var start: CalendarDate
    /// The last day of the period, inclusive.
    public var end: CalendarDate

    public init(number: Int, startOfCare: CalendarDate) {
        precondition(number >= 1, "periods are numbered from 1")
        self.number = number
        self.start = startOfCare.adding(days: (number - 1) * Self.length)
        self.end = start.adding(days: Self.length - 1)
    }

    /// The period that holds `day`, or nil before start of care.
    public static func containing(_ day: CalendarDate, startOfCare: CalendarDate) -> CertificationPeriod? {
        let offset = startOfCare.days(until: day)
        guard offset >= 0 else { return nil }
        return CertificationPeriod(number: offset / length + 1, startOfCare: startOfCare)
    }

    /// Day 1…60 of `day` within this period.
    public func dayOfPeriod(_ day: CalendarDate) -> Int { start.days(until: day) + 1 }

    /// Days left after `day`, counting the last day of the period as 0.
    public func daysLeft(on day: CalendarDate) -> Int { day.days(until: end) }

    /// Days 56–60: when the recertification assessment must be done.
    public var recertificationWindowStart: CalendarDate { end.adding(days: -(Self.recertificationWindow - 1)) }

    public var description: String { "period \(number): \(start) – \(end)" }
}
