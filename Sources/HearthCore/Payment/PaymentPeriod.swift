/// A PDGM 30-day payment period: two in each 60-day certification period, counted from start of care (days 1–30 and
/// 31–60 of period 1, then 61–90…) [42 CFR 484.205: the unit of payment is a 30-day period since 2020].
public struct PaymentPeriod: Sendable, Equatable, CustomStringConvertible {
    public static let length = 30

    /// 1 for the period that starts at start of care.
    public var number: Int
    public var start: CalendarDate
    /// The last day of the period, inclusive (the discharge day when the patient was discharged within it).
    public var end: CalendarDate

    public init(number: Int, startOfCare: CalendarDate) {
        precondition(number >= 1, "payment periods are numbered from 1")
        self.number = number
        start = startOfCare.adding(days: (number - 1) * Self.length)
        end = start.adding(days: Self.length - 1)
    }

    /// The period that holds `day`, or nil before start of care.
    public static func containing(_ day: CalendarDate, startOfCare: CalendarDate) -> PaymentPeriod? {
        let offset = startOfCare.days(until: day)
        guard offset >= 0 else { return nil }
        return PaymentPeriod(number: offset / length + 1, startOfCare: startOfCare)
    }

    /// The 60-day certification period this payment period belongs to: payment periods 1 and 2 are in certification period 1.
    public var certificationPeriod: Int { (number - 1) / 2 + 1 }

    /// "first" or "second" 30 days of its certification period.
    public var half: String { number % 2 == 1 ? "first" : "second" }

    /// Days left after `day`, counting the period's last day as 0.
    public func daysLeft(on day: CalendarDate) -> Int { day.days(until: end) }

    public var description: String { "payment period \(number): \(start) – \(end)" }
}

/// Whether a 30-day period is the first of a sequence of adjacent periods (early) or a later one (late) [PDGM timing,
/// CY 2020 HH PPS final rule, 84 FR 60478: periods are adjacent when no more than 60 days pass between the end of one
/// and the start of the next].
public enum PeriodTiming: String, Sendable, CaseIterable {
    case early, late

    public var title: String { self == .early ? "Early" : "Late" }

    /// More than this many days between the end of the patient's last home health period and this start of care
    /// begin a new sequence, whose first period is early.
    public static let gapDays = 60

    /// The timing of payment period `number` of an episode; `previousCareEnded` is the last day of the patient's
    /// previous home health period, when there was one.
    public static func of(period number: Int, startOfCare: CalendarDate, previousCareEnded: CalendarDate?) -> (timing: PeriodTiming, because: String) {
        guard number == 1 else { return (.late, "it follows the first 30-day period of the sequence") }
        guard let ended = previousCareEnded else { return (.early, "it is the first 30-day period and no earlier home health period is recorded") }
        let gap = ended.days(until: startOfCare) - 1
        return gap > gapDays
            ? (.early, "it is the first 30-day period and the last home health period ended \(ended), \(gap) days before (more than \(gapDays))")
            : (.late, "the last home health period ended \(ended), only \(max(gap, 0)) days before start of care (\(gapDays) or fewer: the same sequence)")
    }
}

/// Where the patient came from in the 14 days before a 30-day period began, as PDGM groups it (84 FR 60478).
public enum AdmissionSource: String, Sendable, CaseIterable {
    case community, institutional

    public var title: String { self == .community ? "Community" : "Institutional" }

    /// An inpatient stay ending this many days or fewer before a period begins makes the period institutional.
    public static let lookbackDays = 14

    /// The source derived from the episode's recorded returns home; the case manager's recorded source wins.
    public static func derived(for period: PaymentPeriod, returnsHome: [CalendarDate]) -> (source: AdmissionSource, because: String) {
        let window = period.start.adding(days: -lookbackDays)
        if let back = returnsHome.filter({ $0 >= window && $0 < period.start }).max() {
            return (.institutional, "the patient returned home from an inpatient stay on \(back), within the \(lookbackDays) days before the period began")
        }
        return (.community, "no inpatient stay is recorded in the \(lookbackDays) days before the period began; record institutional if the patient came from a hospital or post-acute facility")
    }
}
