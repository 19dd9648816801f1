/// What the nurse found when checking a self- or caregiver-given medication at a visit (pill count, the patient's account).
public enum AdherenceResult: String, Sendable, Hashable, Codable, CaseIterable {
    case takenAsPrescribed = "taken"
    case missedDoses = "missed_doses"
    case wrongDose = "wrong_dose"

    /// The result as a visit note says it.
    public var title: String {
        switch self {
        case .takenAsPrescribed: "Taken as prescribed"
        case .missedDoses: "Missed doses"
        case .wrongDose: "Wrong dose or time"
        }
    }
}

/// One adherence check of one medication at a visit.
public struct AdherenceCheck: Sendable, Hashable, Codable {
    public var date: CalendarDate
    public var medicationName: String
    public var result: AdherenceResult
    public var note: String?

    public init(date: CalendarDate, medicationName: String, result: AdherenceResult, note: String? = nil) {
        self.date = date
        self.medicationName = medicationName
        self.result = result
        self.note = note
    }
}

/// One week of the adherence trend, with the counts behind the rate.
public struct AdherencePoint: Sendable, Hashable, Codable {
    /// The week's first day; weeks run from the trend's first day in steps of 7 days.
    public var weekStart: CalendarDate
    public var checks: Int
    public var checksTaken: Int
    /// MAR doses given.
    public var given: Int
    /// MAR doses refused or missed.
    public var notGiven: Int
    /// MAR doses held on purpose; shown, never counted against the patient.
    public var held: Int

    /// Doses and checks that count: all checks, and MAR doses given, refused or missed.
    public var counted: Int { checks + given + notGiven }

    /// Taken or given over everything counted, 0…1; nil when nothing was recorded that week.
    public var rate: Double? { counted == 0 ? nil : Double(checksTaken + given) / Double(counted) }
}

/// Adherence over time, week by week.
///
/// The rate is a proportion of observations: adherence checks found "taken as prescribed" over all checks, plus MAR doses
/// given over doses given, refused or missed (held doses are left out: a nurse held them deliberately, with a reason).
/// It borrows the idea of the pharmacy measures PDC and MPR (share of days or doses covered) but is neither: those need
/// fill records, and this counts what the agency saw.
public enum AdherenceTrend {
    /// One point per week from `from` through `to` (the last week may be short); empty when `to` is before `from`.
    public static func weekly(checks: [AdherenceCheck], administrations: [(date: CalendarDate, status: AdministrationStatus)],
                              from: CalendarDate, to: CalendarDate) -> [AdherencePoint] {
        guard from <= to else { return [] }
        let weeks = from.days(until: to) / 7 + 1
        var points = (0..<weeks).map {
            AdherencePoint(weekStart: from.adding(days: $0 * 7), checks: 0, checksTaken: 0, given: 0, notGiven: 0, held: 0)
        }
        func week(_ date: CalendarDate) -> Int? { date < from || date > to ? nil : from.days(until: date) / 7 }
        for check in checks {
            guard let w = week(check.date) else { continue }
            points[w].checks += 1
            if check.result == .takenAsPrescribed { points[w].checksTaken += 1 }
        }
        for administration in administrations {
            guard let w = week(administration.date) else { continue }
            switch administration.status {
            case .given: points[w].given += 1
            case .refused, .missed: points[w].notGiven += 1
            case .held: points[w].held += 1
            }
        }
        return points
    }

    /// Each week's point summed with the weeks before it, `weeks` in all: the rate a chart should draw. A patient
    /// checked once a week otherwise draws 100%, 0%, 100% — one observation each — which says nothing about the trend.
    public static func rolling(_ points: [AdherencePoint], weeks: Int) -> [AdherencePoint] {
        points.indices.map { index in
            var sum = AdherencePoint(weekStart: points[index].weekStart, checks: 0, checksTaken: 0, given: 0, notGiven: 0, held: 0)
            for point in points[max(0, index - weeks + 1)...index] {
                sum.checks += point.checks
                sum.checksTaken += point.checksTaken
                sum.given += point.given
                sum.notGiven += point.notGiven
                sum.held += point.held
            }
            return sum
        }
    }
}
