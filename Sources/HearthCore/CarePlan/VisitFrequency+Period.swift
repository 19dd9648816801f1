extension VisitFrequency {
    /// Checks that every scheduled visit falls inside the certification period when the plan starts on
    /// `startDay` (1 = the period's first day; an interim order may start later).
    ///
    /// A 60-day period has 9 weeks: weeks 1–8 are full and week 9 is days 57–60. A weekly segment may use
    /// week 9 and its visits count in full (the classic full-period plan `2w4, 1w5` ends there); the clinician
    /// schedules them in those 4 days. A week that would begin after the last day is past the period.
    /// A daily segment is counted day by day, so its last day must be on or before the period's last day.
    public func checkFits(startingOnDay startDay: Int = 1, periodDays: Int = CertificationPeriod.length) throws(FrequencyPeriodError) {
        guard (1...periodDays).contains(startDay) else { throw .startOutsidePeriod(day: startDay, periodDays: periodDays) }
        let available = Self.weeks(from: startDay, periodDays: periodDays)
        var week = 0
        for segment in scheduledSegments {
            if segment.unit == .day {
                let lastDay = startDay + week * 7 + segment.length - 1
                if lastDay > periodDays {
                    throw .dailyPastPeriod(segment: segment.description, lastDay: lastDay, periodDays: periodDays,
                                           daysLeft: periodDays - (startDay + week * 7) + 1)
                }
            }
            week += segment.weeks
        }
        if week > available {
            throw .runsPastPeriod(frequency: description, weeks: week, availableWeeks: available,
                                  lastWeekDays: Self.lastWeekDays(from: startDay, periodDays: periodDays, weeks: available))
        }
    }

    /// The problem with this frequency in the period, or nil: for a form field.
    public func problem(startingOnDay startDay: Int = 1, periodDays: Int = CertificationPeriod.length) -> FrequencyPeriodError? {
        do { try checkFits(startingOnDay: startDay, periodDays: periodDays) } catch { return error }
        return nil
    }

    /// Weeks that begin on or before the period's last day, counting from `startDay`: 9 from day 1 of 60.
    public static func weeks(from startDay: Int = 1, periodDays: Int = CertificationPeriod.length) -> Int {
        startDay > periodDays ? 0 : (periodDays - startDay) / 7 + 1
    }

    private static func lastWeekDays(from startDay: Int, periodDays: Int, weeks: Int) -> Int {
        periodDays - (startDay + (weeks - 1) * 7) + 1
    }
}

/// Why a frequency does not fit its certification period, and how to make it fit.
public enum FrequencyPeriodError: Error, Sendable, Equatable, CustomStringConvertible {
    case runsPastPeriod(frequency: String, weeks: Int, availableWeeks: Int, lastWeekDays: Int)
    case dailyPastPeriod(segment: String, lastDay: Int, periodDays: Int, daysLeft: Int)
    case startOutsidePeriod(day: Int, periodDays: Int)

    public var description: String {
        switch self {
        case .runsPastPeriod(let frequency, let weeks, let available, let lastWeekDays):
            "\(frequency) runs \(weeks) week\(weeks == 1 ? "" : "s"), but only \(available) week\(available == 1 ? "" : "s") of the certification period remain"
                + " from the day it starts"
                + (lastWeekDays < 7 ? " (the last of them only \(lastWeekDays) day\(lastWeekDays == 1 ? "" : "s") long)" : "")
                + ". Shorten a segment, or order the rest on the recertification plan of care."
        case .dailyPastPeriod(let segment, let lastDay, let periodDays, let daysLeft):
            "The daily visits \(segment) run to day \(lastDay), past the period's last day (\(periodDays)). "
                + "Order at most \(max(0, daysLeft)) day\(daysLeft == 1 ? "" : "s") of daily visits there."
        case .startOutsidePeriod(let day, let periodDays):
            "Day \(day) is outside the certification period (days 1–\(periodDays)). Start the frequency inside the period."
        }
    }
}
