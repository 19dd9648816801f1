/// A number of visits that may be a range ("2-3" a week). The upper limit of a range is the ordered
/// frequency [42 CFR 409.43(c); Medicare Benefit Policy Manual ch. 7 §30.2.2], so totals and authorizations use `max`.
public struct VisitCount: Sendable, Hashable, Codable, CustomStringConvertible {
    public var min: Int
    public var max: Int

    public init(_ exactly: Int) {
        self.init(min: exactly, max: exactly)
    }

    public init(min: Int, max: Int) {
        self.min = min
        self.max = max
    }

    public static let zero = VisitCount(0)

    public var isRange: Bool { min != max }

    /// "2" or "2-3".
    public var description: String { isRange ? "\(min)-\(max)" : "\(max)" }

    public static func + (lhs: VisitCount, rhs: VisitCount) -> VisitCount {
        VisitCount(min: lhs.min + rhs.min, max: lhs.max + rhs.max)
    }

    public static func * (lhs: VisitCount, times: Int) -> VisitCount {
        VisitCount(min: lhs.min * times, max: lhs.max * times)
    }
}

/// A visit frequency in agency notation, "2w4, 1w5, 3prn": segments in order, each so many visits per week
/// for so many weeks (`w`), per day for so many days (`d`), or a cap on as-needed visits (`prn`).
/// The discipline is kept beside it (see `CarePlanIntervention`), not inside it.
///
/// How segments fill the weeks of a plan (week 1 begins on the plan's first day):
/// - a weekly segment takes whole weeks, one after the other;
/// - a daily segment also takes whole weeks, so the next segment starts on a week boundary
///   (`1d10, 2w3`: 7 visits in week 1, 3 in week 2, then 2 a week in weeks 3–5), because agencies schedule week by week;
/// - a PRN segment takes no weeks; its cap is reported apart from the scheduled visits.
public struct VisitFrequency: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One comma-separated part of the notation.
    public struct Segment: Sendable, Hashable, Codable, CustomStringConvertible {
        public enum Unit: String, Sendable, Hashable, Codable {
            case week = "w"
            case day = "d"
            /// As needed; `visits` is the cap, `length` is 0.
            case prn
        }

        /// Visits per week or per day; for PRN, the cap.
        public var visits: VisitCount
        public var unit: Unit
        /// Weeks for `w`, days for `d`, 0 for PRN.
        public var length: Int

        public init(visits: VisitCount, unit: Unit, length: Int) {
            self.visits = visits
            self.unit = unit
            self.length = unit == .prn ? 0 : length
        }

        public static func weekly(_ visits: Int, weeks: Int) -> Segment { .init(visits: VisitCount(visits), unit: .week, length: weeks) }
        public static func daily(_ visits: Int, days: Int) -> Segment { .init(visits: VisitCount(visits), unit: .day, length: days) }
        public static func prn(_ cap: Int) -> Segment { .init(visits: VisitCount(cap), unit: .prn, length: 0) }

        /// Whole weeks the segment takes in the week grid; a daily segment is rounded up to full weeks.
        public var weeks: Int {
            switch unit {
            case .week: length
            case .day: (length + 6) / 7
            case .prn: 0
            }
        }

        /// Visits this segment schedules over its whole length; PRN visits are not scheduled.
        public var scheduledVisits: VisitCount {
            unit == .prn ? .zero : visits * length
        }

        /// "2w4", "2-3w4", "1d7", "3prn".
        public var description: String {
            unit == .prn ? "\(visits)prn" : "\(visits)\(unit.rawValue)\(length)"
        }
    }

    public var segments: [Segment]

    /// A frequency from segments already checked; use `init(parsing:)` for typed text.
    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// The notation in its standard form: lower case, ", " between segments ("3W2,2W3" → "3w2, 2w3").
    public var description: String { segments.map(\.description).joined(separator: ", ") }

    /// The segments that put visits on the calendar, in order (everything but PRN).
    public var scheduledSegments: [Segment] { segments.filter { $0.unit != .prn } }

    /// Weeks from the first scheduled visit to the last, counting each daily segment as whole weeks.
    public var totalWeeks: Int { scheduledSegments.reduce(0) { $0 + $1.weeks } }

    /// Scheduled visits over the whole frequency, PRN excluded; `max` is the count that is billed and authorized.
    public var scheduledVisits: VisitCount { segments.reduce(.zero) { $0 + $1.scheduledVisits } }

    /// The most PRN visits the order allows, or nil when it allows none.
    public var prnCap: Int? {
        segments.first { $0.unit == .prn }.map(\.visits.max)
    }

    /// True when the frequency allows PRN visits, which then need a stated trigger
/// [42 CFR 409.43(b); Medicare Benefit Policy Manual ch. 7 §30.2.2].
    public var hasPRN: Bool { prnCap != nil }

    /// Scheduled plus PRN: the most visits the order can lead to.
    public var maximumVisits: Int { scheduledVisits.max + (prnCap ?? 0) }

    /// Visits in each week, week 1 first; its count is `totalWeeks`.
    public var visitsByWeek: [VisitCount] {
        var weeks: [VisitCount] = []
        for segment in scheduledSegments {
            switch segment.unit {
            case .week:
                weeks += Array(repeating: segment.visits, count: segment.length)
            case .day:
                // Full weeks of daily visits, then the days left over in the last week.
                for week in 0..<segment.weeks {
                    let days = min(7, segment.length - week * 7)
                    weeks.append(segment.visits * days)
                }
            case .prn:
                break
            }
        }
        return weeks
    }

    /// Visits in week `number` (1-based); zero outside the plan.
    public func visits(inWeek number: Int) -> VisitCount {
        let weeks = visitsByWeek
        return weeks.indices.contains(number - 1) ? weeks[number - 1] : .zero
    }
}
