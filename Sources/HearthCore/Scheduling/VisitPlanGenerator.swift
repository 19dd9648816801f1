/// One visit the plan proposes: its day, the plan week it belongs to and the frequency segment that ordered it.
public struct PlannedVisit: Sendable, Hashable {
    public var date: CalendarDate
    /// 1-based week of the frequency; week 1 begins on the plan's first day.
    public var week: Int
    /// 1…60: the day of the certification period.
    public var dayOfPeriod: Int
    /// "2w4", the segment as written.
    public var segment: String
    /// From a daily segment ("1d7"): made on its own day, never moved to another day of the week.
    public var isDaily = false
}

/// Visits a week had no open day for, because every day of it was declined or skipped.
public struct UnplacedVisits: Sendable, Hashable {
    public var week: Int
    public var count: Int
}

/// The visits one discipline's frequency puts on the calendar over a certification period.
public struct DisciplineVisitPlan: Sendable, Equatable {
    public var discipline: Discipline
    public var frequency: VisitFrequency
    /// In date order; a day may appear twice for "2d3" (two visits a day).
    public var visits: [PlannedVisit]
    /// Placed visits plus these always equal the ordered total.
    public var unplaced: [UnplacedVisits]
    /// PRN visits the order allows but the plan does not schedule; nil when none are ordered.
    public var prnAvailable: Int?

    /// The ordered total the plan schedules, using the upper end of a range [42 CFR 409.43(c)].
    public var orderedTotal: Int { frequency.scheduledVisits.max }
}

/// Turns a care plan's visit frequencies into proposed visit dates over a certification period, week by week as the
/// notation reads (see `VisitFrequency`): a week's visits spread evenly across its open days from the week's first day
/// (3 a week → days 1, 3, 5; 2 a week → days 1 and 4), daily visits every day, PRN visits left for when they are called for.
public struct VisitPlanGenerator: Sendable {
    /// The certification period's first day.
    public var periodStart: CalendarDate
    /// The day of the period the plan starts (1 = the first day; an interim order or a late discipline starts later).
    public var startDay: Int
    /// ISO weekdays (1 Monday … 7 Sunday) the patient declined or the agency does not visit; weekly visits avoid them.
    /// Daily visits do not: a daily order is for every day, so a declined day needs a changed order.
    public var skippedWeekdays: Set<Int>
    /// Days the agency does not make routine visits (its observed holidays: Christmas Day, New Year's Day…); weekly
    /// visits move to another day of the same week. Daily visits are still made.
    public var closedDays: Set<CalendarDate>
    public var periodDays: Int

    public init(periodStart: CalendarDate, startDay: Int = 1, skippedWeekdays: Set<Int> = [], closedDays: Set<CalendarDate> = [],
                periodDays: Int = CertificationPeriod.length) {
        self.periodStart = periodStart
        self.startDay = startDay
        self.skippedWeekdays = skippedWeekdays
        self.closedDays = closedDays
        self.periodDays = periodDays
    }

    /// Every discipline's plan, in the order given; refuses a frequency that does not fit the period.
    public func plans(for frequencies: [(Discipline, VisitFrequency)]) throws(FrequencyPeriodError) -> [DisciplineVisitPlan] {
        var plans: [DisciplineVisitPlan] = []
        for (discipline, frequency) in frequencies { plans.append(try plan(for: discipline, frequency: frequency)) }
        return plans
    }

    /// One discipline's proposed visits; refuses a frequency that runs past the period, with the message to fix it.
    public func plan(for discipline: Discipline, frequency: VisitFrequency) throws(FrequencyPeriodError) -> DisciplineVisitPlan {
        try frequency.checkFits(startingOnDay: startDay, periodDays: periodDays)
        var visits: [PlannedVisit] = [], unplaced: [UnplacedVisits] = []
        var week = 1
        for segment in frequency.scheduledSegments {
            switch segment.unit {
            case .week:
                for _ in 0..<segment.length {
                    let offsets = spread(segment.visits.max, inWeek: week)
                    visits += offsets.map { visit(dayOffset: $0, week: week, segment: segment) }
                    if offsets.count < segment.visits.max { unplaced.append(UnplacedVisits(week: week, count: segment.visits.max - offsets.count)) }
                    week += 1
                }
            case .day:
                for day in 0..<segment.length {
                    let offset = (week - 1) * 7 + day
                    visits += Array(repeating: visit(dayOffset: offset, week: week + day / 7, segment: segment), count: segment.visits.max)
                }
                week += segment.weeks
            case .prn:
                break
            }
        }
        return DisciplineVisitPlan(discipline: discipline, frequency: frequency, visits: visits, unplaced: unplaced,
                                   prnAvailable: frequency.prnCap)
    }

    /// Offsets from the plan's first day of the week's days inside the period and not skipped.
    func openDays(inWeek week: Int) -> [Int] {
        weekDays(week).filter { !skippedWeekdays.contains(date(dayOffset: $0).isoWeekday) && !closedDays.contains(date(dayOffset: $0)) }
    }

    /// Offsets of the week's days that fall inside the period: 7, or fewer in the period's last week.
    func weekDays(_ week: Int) -> [Int] {
        let first = (week - 1) * 7
        return Array(first...min(first + 6, periodDays - startDay))
    }

    private func spread(_ count: Int, inWeek week: Int) -> [Int] {
        let all = weekDays(week)
        return Self.spread(count, weekLength: all.count, open: openDays(inWeek: week).map { $0 - all[0] }).map { $0 + all[0] }
    }

    /// `count` visits over a week of `weekLength` days: each goes to the open day nearest its ideal day ⌊i·length/count⌋
    /// (3 in 7 → days 0, 2, 4), the later day on a tie. More visits than open days go round the open days again,
    /// so a day takes a second visit rather than a visit being lost.
    static func spread(_ count: Int, weekLength: Int, open: [Int]) -> [Int] {
        guard !open.isEmpty, count > 0 else { return [] }
        if count > open.count { return (0..<count).map { open[$0 % open.count] }.sorted() }
        var taken: [Int] = []
        for index in 0..<count {
            let ideal = index * weekLength / count
            let free = open.filter { !taken.contains($0) }
            taken.append(free.min { (abs($0 - ideal), -$0) < (abs($1 - ideal), -$1) }!)
        }
        return taken.sorted()
    }

    private func date(dayOffset: Int) -> CalendarDate { periodStart.adding(days: startDay - 1 + dayOffset) }

    private func visit(dayOffset: Int, week: Int, segment: VisitFrequency.Segment) -> PlannedVisit {
        PlannedVisit(date: date(dayOffset: dayOffset), week: week, dayOfPeriod: startDay + dayOffset, segment: segment.description,
                     isDaily: segment.unit == .day)
    }

    /// The days of plan week `week` inside the period: 7, or fewer in the period's last week.
    public func days(ofWeek week: Int) -> [CalendarDate] {
        guard week >= 1, (week - 1) * 7 <= periodDays - startDay else { return [] }
        return weekDays(week).map { date(dayOffset: $0) }
    }

    /// The plan week `day` falls in; nil before the plan starts or after the period ends.
    public func week(of day: CalendarDate) -> Int? {
        let offset = periodStart.adding(days: startDay - 1).days(until: day)
        guard offset >= 0, startDay + offset <= periodDays else { return nil }
        return offset / 7 + 1
    }
}
