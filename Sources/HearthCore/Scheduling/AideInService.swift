import Foundation

/// In-service training an aide took: the day and how long, in minutes (hours are entered as 1.5 and stored as 90).
public struct InServiceTraining: Sendable, Hashable, Identifiable {
    public var id: String
    public var date: CalendarDate
    public var minutes: Int
    public var topic: String

    public init(id: String, date: CalendarDate, minutes: Int, topic: String) {
        self.id = id
        self.date = date
        self.minutes = minutes
        self.topic = topic
    }

    /// "1.5 h", "12 h": how the staff page and the explanations write a number of minutes.
    public static func hours(_ minutes: Int) -> String {
        let tenths = (minutes * 10 + 30) / 60
        return tenths % 10 == 0 ? "\(tenths / 10) h" : "\(tenths / 10).\(tenths % 10) h"
    }
}

/// The in-service rule as data (`inService` in Resources/Scheduling/aide-supervision.json) [42 CFR 484.80(d)].
public struct InServiceRule: Sendable, Equatable {
    public var id: String
    public var title: String
    public var citation: String
    public var requirement: String
    /// Training needed in each period, in minutes (12 hours = 720).
    public var minutes: Int
    /// The period's length in calendar months (12).
    public var months: Int

    public init(id: String = "aide-in-service", title: String, citation: String, requirement: String, minutes: Int, months: Int) {
        self.id = id
        self.title = title
        self.citation = citation
        self.requirement = requirement
        self.minutes = minutes
        self.months = months
    }

    /// 42 CFR 484.80(d): "at least 12 hours of in-service training during each 12-month period".
    public static let federal = InServiceRule(
        title: "Aide in-service training", citation: "42 CFR 484.80(d)",
        requirement: "each home health aide receives at least 12 hours of in-service training during each 12-month period",
        minutes: 12 * 60, months: 12)
}

/// One aide's in-service periods [42 CFR 484.80(d)]. Period 1 starts the day the aide began (the app passes the earlier of
/// their first visit and their first training recorded), and each
/// period is `months` calendar months long: begun 2026-03-15, period 1 is 2026-03-15 – 2027-03-14, period 2 starts
/// 2027-03-15. Training counts toward the period its day falls in; a period is met on the day its hours reach the rule's,
/// on time through its last day and short ("overdue") from the midnight after. Training after a period never makes up
/// for it: it counts toward the next.
public struct AideInService: Sendable {
    public var rule: InServiceRule
    public var timeZone: TimeZone
    public var dueSoonDays: Int

    public init(rule: InServiceRule, timeZone: TimeZone, dueSoonDays: Int = 30) {
        self.rule = rule
        self.timeZone = timeZone
        self.dueSoonDays = dueSoonDays
    }

    /// The aide's periods from `start` through the one holding today, oldest first.
    public func obligations(aideID: String, since start: CalendarDate, trainings: [InServiceTraining], now: Date) -> [Obligation] {
        let today = CalendarDate(now, in: timeZone)
        let days = AgencyDayWindow(timeZone: timeZone, dueSoonDays: dueSoonDays)
        var obligations: [Obligation] = []
        var opens = start
        while opens <= today, obligations.count < 200 {
            let next = start.adding(months: rule.months * (obligations.count + 1))
            let window = days.window(opens: opens, due: next.adding(days: -1))
            let taken = trainings.filter { $0.date >= opens && $0.date <= window.dueDay && $0.date <= today }
                .sorted { ($0.date, $0.id) < ($1.date, $1.id) }
            obligations.append(obligation(number: obligations.count + 1, window: window, taken: taken, now: now, days: days))
            opens = next
        }
        return obligations
    }

    /// Minutes taken in the period and the training that reached the rule's hours, if any.
    static func progress(_ taken: [InServiceTraining], needs minutes: Int) -> (total: Int, reachedBy: InServiceTraining?) {
        var total = 0
        var reachedBy: InServiceTraining?
        for training in taken {
            total += training.minutes
            if reachedBy == nil && total >= minutes { reachedBy = training }
        }
        return (total, reachedBy)
    }

    private func obligation(number: Int, window: Obligation.Window, taken: [InServiceTraining], now: Date, days: AgencyDayWindow) -> Obligation {
        let (total, reachedBy) = Self.progress(taken, needs: rule.minutes)
        let state: Obligation.State = reachedBy.map { .met(recordID: $0.id, late: false) } ?? days.state(of: window, now: now)
        var obligation = Obligation(key: Obligation.key(rule: rule.id, occurrence: number), ruleID: rule.id, occurrence: number,
                                    title: rule.title, citation: rule.citation, window: window, state: state, explanation: "")
        let period = "the \(rule.months)-month period \(window.opensDay) – \(window.dueDay)"
        let lead = "\(InServiceTraining.hours(rule.minutes)) of in-service training due by \(window.dueDay), the last day of \(period); "
            + "\(rule.citation): \(rule.requirement)."
        let done = "\(InServiceTraining.hours(total)) taken in the period (\(taken.count) session\(taken.count == 1 ? "" : "s"))"
        let status: String = switch state {
        case .met: "Met on \(reachedBy?.date.description ?? ""): \(done)."
        case .overdue: "Short: \(done), \(InServiceTraining.hours(rule.minutes - total)) missing. Training taken later counts toward the next period."
        default: "\(done); \(InServiceTraining.hours(rule.minutes - total)) still to take by \(window.dueDay)."
        }
        obligation.explanation = lead + " " + status
        return obligation
    }
}
