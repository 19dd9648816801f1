/// A visit counted toward a 30-day period's LUPA threshold: made (completed), or still scheduled in the period.
/// Missed and cancelled visits are not passed in: they are not billable visits.
public struct PeriodVisit: Sendable, Equatable {
    public var day: CalendarDate
    public var made: Bool

    public init(day: CalendarDate, made: Bool) {
        self.day = day
        self.made = made
    }
}

/// Visits made in a 30-day period against its LUPA threshold, read before the period ends so the case manager can act:
/// "3 of 4 visits made, 9 days left, 2 scheduled" [42 CFR 484.205: fewer visits than the threshold are paid per visit].
public struct LUPACount: Sendable, Equatable {
    public enum Standing: String, Sendable, CaseIterable {
        /// The period has not begun.
        case upcoming
        /// No case-mix group or threshold recorded yet: the count cannot be judged.
        case noThreshold = "no_threshold"
        case reached
        /// Below the threshold, but the visits still scheduled in the period would reach it.
        case onTrack = "on_track"
        /// Below the threshold even if every visit still scheduled is made: book more, or accept a per-visit payment.
        case atRisk = "at_risk"
        /// The period ended below the threshold: paid per visit.
        case below

        public var title: String {
            switch self {
            case .upcoming: "Not started"
            case .noThreshold: "Threshold not recorded"
            case .reached: "Threshold reached"
            case .onTrack: "On track"
            case .atRisk: "LUPA risk"
            case .below: "LUPA (paid per visit)"
            }
        }
    }

    public var threshold: Int?
    public var made: Int
    /// Visits still scheduled from today to the end of the period.
    public var scheduled: Int
    /// Days left after today, the last day of the period counting 0; nil once it ended or before it began.
    public var daysLeft: Int?
    public var standing: Standing

    public init(period: PaymentPeriod, threshold: Int?, visits: [PeriodVisit], today: CalendarDate) {
        let inPeriod = visits.filter { $0.day >= period.start && $0.day <= period.end }
        made = inPeriod.filter(\.made).count
        scheduled = inPeriod.filter { !$0.made && $0.day >= today }.count
        self.threshold = threshold
        daysLeft = today >= period.start && today <= period.end ? period.daysLeft(on: today) : nil
        standing = if today < period.start { .upcoming }
            else if let threshold, made >= threshold { .reached }
            else if threshold == nil { .noThreshold }
            else if today > period.end { .below }
            else if made + scheduled >= threshold! { .onTrack }
            else { .atRisk }
    }

    /// "3 of 4 visits made, 9 days left, 2 scheduled — book 1 more to reach the LUPA threshold".
    public var summary: String {
        let count = threshold.map { "\(made) of \($0) visit\($0 == 1 ? "" : "s") made" } ?? "\(made) visit\(made == 1 ? "" : "s") made"
        let left = daysLeft.map { ", \($0) day\($0 == 1 ? "" : "s") left, \(scheduled) scheduled" } ?? ""
        switch standing {
        case .upcoming: return "Starts later; \(scheduled) visit\(scheduled == 1 ? "" : "s") scheduled" + (threshold.map { " of the \($0) needed" } ?? "")
        case .noThreshold: return count + left + " — record the case-mix group or LUPA threshold"
        case .reached: return count + ": at or above the LUPA threshold"
        case .onTrack: return count + left
        case .atRisk: return count + left + " — book \(threshold! - made - scheduled) more to reach the LUPA threshold"
        case .below: return count + ": the period ended below the LUPA threshold (paid per visit)"
        }
    }
}
