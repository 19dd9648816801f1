import Foundation

/// A finding about a stay that is not a deadline: the two-midnight expectation, the SNF three-day rule. Cited and explained.
public struct StayCheck: Sendable, Equatable, Identifiable {
    public enum Level: String, Sendable, Comparable, CaseIterable {
        /// Someone must act: the status or the discharge plan is at risk.
        case warning
        /// Worth a look at the next review.
        case attention
        case ok

        public static func < (lhs: Level, rhs: Level) -> Bool { allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)! }
    }

    public var id: String
    public var title: String
    public var citation: String
    public var level: Level
    /// Plain sentences: what was counted, what the rule says, what to do.
    public var explanation: String
}

/// The hospital stay's clocks: midnights crossed, the two-midnight expectation, the SNF three-day rule and (in
/// `StayClock+Notices`) the notices owed. Instants are UTC; midnights and calendar days are the hospital's.
public struct StayClock: Sendable {
    public static let twoMidnightCitation = "42 CFR 412.3(d)(1)"
    public static let snfCitation = "42 CFR 409.30(a)(1)"

    public var timeZone: TimeZone

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// Midnights the patient has spent in the hospital from arrival (outpatient time before the order counts toward the
    /// benchmark, 42 CFR 412.3(d)(1)(i)) until discharge or now.
    public func midnightsCrossed(_ stay: InpatientStay, now: Date) -> Int {
        let end = min(stay.dischargedAt ?? now, max(now, stay.arrivedAt))
        return max(0, day(stay.arrivedAt).days(until: day(end)))
    }

    /// Midnights from arrival to the expected discharge date; nil without one.
    public func expectedMidnights(_ stay: InpatientStay) -> Int? {
        stay.expectedDischarge.map { max(0, day(stay.arrivedAt).days(until: $0)) }
    }

    /// Whether the status matches the two-midnight expectation: an inpatient expected to need care over two midnights;
    /// an outpatient who has crossed two (or is expected to) reviewed for admission.
    public func twoMidnight(_ stay: InpatientStay, now: Date) -> StayCheck {
        let crossed = midnightsCrossed(stay, now: now)
        let expected = expectedMidnights(stay)
        let counted = "\(crossed) midnight\(crossed == 1 ? "" : "s") crossed since arrival"
            + (expected.map { ", \($0) expected by the expected discharge date" } ?? ", no expected discharge date")
        let rule = "\(Self.twoMidnightCitation): an inpatient admission is generally appropriate for Part A payment when the admitting physician"
            + " expects the patient to need hospital care that crosses two midnights; the time since arrival counts [412.3(d)(1)(i)]."
        func check(_ level: StayCheck.Level, _ title: String, _ advice: String) -> StayCheck {
            StayCheck(id: "two-midnight", title: title, citation: Self.twoMidnightCitation, level: level, explanation: "\(counted). \(rule) \(advice)")
        }
        if stay.isDischarged { return check(.ok, "Two-midnight benchmark: stay ended", "The stay has ended; nothing to review now.") }
        switch stay.currentStatus {
        case .inpatient:
            if crossed >= 2 || (expected ?? 0) >= 2 {
                return check(.ok, "Two-midnight expectation supported", "Make sure the admission note documents the expectation.")
            }
            if expected == nil {
                return check(.attention, "Inpatient without an expected discharge date", "Enter the expected discharge date so the expectation can be checked.")
            }
            return check(.warning, "Inpatient expected to stay under two midnights",
                         "Document why inpatient care is appropriate (412.3(d)(2)–(3)), or review the status with the UR committee.")
        case .observation, .outpatientInBed:
            if crossed >= 2 {
                return check(.warning, "Outpatient past two midnights", "Review for inpatient admission: ask the attending whether an inpatient order is warranted.")
            }
            if (expected ?? 0) >= 2 {
                return check(.attention, "Outpatient expected to cross two midnights", "The expected discharge date is two midnights or more from arrival: review the status.")
            }
            return check(.ok, "Outpatient under two midnights", "Nothing to review yet.")
        }
    }

    /// Days that count toward the SNF three-day rule: calendar days as an inpatient from the admission order's day, not
    /// counting the day of discharge (or the expected discharge date while the patient is still here). Observation
    /// and emergency time before the order do not count.
    public func qualifyingInpatientDays(_ stay: InpatientStay, now: Date) -> Int {
        var days = 0
        let last = stay.dischargedAt.map(day) ?? stay.expectedDischarge ?? day(now)
        for (index, period) in stay.statusHistory.enumerated() where period.status == .inpatient && period.conditionCode44 == nil {
            // A period later changed to outpatient under condition code 44 was never an inpatient stay for billing.
            if stay.statusHistory.dropFirst(index + 1).first?.conditionCode44 != nil { continue }
            let end = stay.end(of: index).map(day) ?? last
            days += max(0, day(period.starts).days(until: min(end, last)))
        }
        return days
    }

    /// A warning when the discharge plan is a skilled nursing facility and the inpatient days will not reach three.
    public func snfThreeDay(_ stay: InpatientStay, now: Date) -> StayCheck? {
        guard (stay.disposition ?? stay.plannedDisposition) == .skilledNursing, stay.medicare else { return nil }
        let days = qualifyingInpatientDays(stay, now: now)
        let observed = stay.statusHistory.contains { $0.status.isOutpatient }
        let rule = "\(Self.snfCitation): Medicare Part A pays for a SNF stay after a medically necessary inpatient hospital stay of at least"
            + " 3 consecutive calendar days, not counting the day of discharge; observation days do not count."
        let counted = "\(days) inpatient day\(days == 1 ? "" : "s") count\(days == 1 ? "s" : "") by \(stay.isDischarged ? "the discharge" : "the expected discharge date")"
            + (observed ? ", and the observation or outpatient time does not." : ".")
        if days >= 3 {
            return StayCheck(id: "snf-three-day", title: "SNF three-day stay met", citation: Self.snfCitation, level: .ok, explanation: "\(counted) \(rule)")
        }
        return StayCheck(id: "snf-three-day", title: "SNF plan short of three inpatient days", citation: Self.snfCitation, level: .warning,
                         explanation: "\(counted) \(rule) Tell the patient the SNF may not be covered, check whether the plan waives the rule, or plan another setting.")
    }

    /// Every check on the stay, most urgent first.
    public func checks(_ stay: InpatientStay, now: Date) -> [StayCheck] {
        ([twoMidnight(stay, now: now)] + [snfThreeDay(stay, now: now)].compactMap { $0 }).sorted { $0.level < $1.level }
    }

    func day(_ instant: Date) -> CalendarDate { CalendarDate(instant, in: timeZone) }

    /// The first instant of a calendar day in the hospital's zone.
    func startOf(_ day: CalendarDate) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
    }
}
