/// What happened to one scheduled visit, for counting against the frequency.
public enum VisitOutcome: String, Sendable, Hashable, Codable {
    case scheduled, made, missed
}

/// One week of a discipline's frequency: visits ordered against visits made, missed and still scheduled.
public struct WeekCompliance: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// The week has not started.
        case upcoming
        /// Under way: `toGo` more visits are needed to reach the ordered minimum.
        case inProgress(toGo: Int)
        case met
        /// The week ended with fewer visits made than ordered.
        case short(by: Int)
        /// More visits made than the order allows: an order is needed for the extra visits.
        case over(by: Int)
    }

    public var week: Int
    public var first: CalendarDate
    /// The week's last day, or the period's last day for a short final week.
    public var last: CalendarDate
    public var ordered: VisitCount
    public var made: Int
    public var missed: Int
    public var scheduled: Int

    /// Where the week stands on `today`: a week is judged once it is over, but going over is flagged at once.
    public func status(today: CalendarDate) -> Status {
        if made > ordered.max { return .over(by: made - ordered.max) }
        if today < first { return .upcoming }
        if today <= last { return made >= ordered.min ? .met : .inProgress(toGo: ordered.min - made) }
        return made >= ordered.min ? .met : .short(by: ordered.min - made)
    }
}

/// Counts a discipline's visits week by week against its ordered frequency; a missed visit does not count as made.
public enum FrequencyCompliance {
    /// One row per week of the frequency from `planStart` (week 1's first day), ending at `periodEnd` when given.
    /// Visits outside the frequency's weeks are not in any row (see `visitsOutsideWeeks`).
    public static func weeks(frequency: VisitFrequency, planStart: CalendarDate, periodEnd: CalendarDate? = nil,
                             visits: [(date: CalendarDate, outcome: VisitOutcome)]) -> [WeekCompliance] {
        frequency.visitsByWeek.enumerated().map { index, ordered in
            let first = planStart.adding(days: index * 7)
            let last = min(first.adding(days: 6), periodEnd ?? .distantFuture)
            let inWeek = visits.filter { first <= $0.date && $0.date <= last }.map(\.outcome)
            return WeekCompliance(week: index + 1, first: first, last: last, ordered: ordered,
                                  made: inWeek.filter { $0 == .made }.count, missed: inWeek.filter { $0 == .missed }.count,
                                  scheduled: inWeek.filter { $0 == .scheduled }.count)
        }
    }

    /// Visits made before week 1 or after the last week: outside the order, so they need one.
    public static func visitsOutsideWeeks(frequency: VisitFrequency, planStart: CalendarDate, periodEnd: CalendarDate? = nil,
                                          visits: [(date: CalendarDate, outcome: VisitOutcome)]) -> [CalendarDate] {
        let end = min(planStart.adding(days: frequency.totalWeeks * 7 - 1), periodEnd ?? .distantFuture)
        return visits.filter { $0.outcome == .made && ($0.date < planStart || $0.date > end) }.map(\.date).sorted()
    }
}
