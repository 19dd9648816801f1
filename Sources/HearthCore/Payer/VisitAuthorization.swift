import Foundation

/// A payer's authorization of home visits: how many visits (of one discipline, or any) between two days, under the
/// payer's reference number [MISSION capability 11: visits authorized vs used, dates, alerts before exhaustion or expiry].
public struct VisitAuthorization: Sendable, Hashable, Codable {
    public var payer: String
    public var number: String
    /// Nil: the authorization covers every discipline's visits.
    public var discipline: Discipline?
    /// Nil: the payer authorized the dates only, not a count.
    public var visitsAuthorized: Int?
    public var start: CalendarDate
    public var end: CalendarDate

    public init(payer: String, number: String, discipline: Discipline? = nil, visitsAuthorized: Int? = nil, start: CalendarDate, end: CalendarDate) {
        self.payer = payer
        self.number = number
        self.discipline = discipline
        self.visitsAuthorized = visitsAuthorized
        self.start = start
        self.end = end
    }

    /// Visits made that the authorization covers: its discipline (or any) on a day from start to end.
    public func visitsUsed(_ made: [(date: CalendarDate, discipline: Discipline)]) -> Int {
        made.count { visit in start <= visit.date && visit.date <= end && discipline.map { $0 == visit.discipline } ?? true }
    }

    /// "12 of 16 visits used · ends 2026-12-31", for the chart.
    public func summary(used: Int, today: CalendarDate) -> String {
        let count = visitsAuthorized.map { "\(used) of \($0) visits used" } ?? "\(used) visits made"
        let days = today.days(until: end)
        let ending = days < 0 ? "ended \(end)" : days == 0 ? "ends today" : "ends \(end) (\(days) day\(days == 1 ? "" : "s"))"
        return "\(count) · \(ending)"
    }
}

/// The authorization form as typed; `problems` answers by field, `authorization` builds the checked value.
public struct VisitAuthorizationDraft: Sendable, Equatable {
    public var payer: String
    public var number: String
    public var discipline: String
    public var visitsAuthorized: String
    public var start: String
    public var end: String

    public init(payer: String, number: String, discipline: String = "", visitsAuthorized: String = "", start: String, end: String) {
        self.payer = payer.trimmed
        self.number = number.trimmed
        self.discipline = discipline.trimmed
        self.visitsAuthorized = visitsAuthorized.trimmed
        self.start = start.trimmed
        self.end = end.trimmed
    }

    public var problems: [String: String] {
        var problems: [String: String] = [:]
        if payer.isEmpty { problems["payer"] = "Choose the payer that authorized the visits." }
        if number.isEmpty { problems["number"] = "Enter the payer's authorization number." }
        if number.count > 60 { problems["number"] = "Use at most 60 characters." }
        if !discipline.isEmpty && Discipline(code: discipline) == nil { problems["discipline"] = "Choose a discipline, or leave it empty for any." }
        if !visitsAuthorized.isEmpty {
            if let count = Int(visitsAuthorized), count > 0, count <= 999 {} else {
                problems["visitsAuthorized"] = "Enter the number of visits authorized (1 to 999), or leave it empty."
            }
        }
        let first = CalendarDate(start), last = CalendarDate(end)
        if first == nil { problems["start"] = "Enter the first day as YYYY-MM-DD." }
        if last == nil { problems["end"] = "Enter the last day as YYYY-MM-DD." }
        if let first, !first.isPlausible { problems["start"] = CalendarDate.implausibleProblem }
        if let last, !last.isPlausible { problems["end"] = CalendarDate.implausibleProblem }
        if let first, let last, last < first { problems["end"] = "The last day is before the first day." }
        return problems
    }

    public func authorization() -> VisitAuthorization? {
        guard problems.isEmpty, let start = CalendarDate(start), let end = CalendarDate(end) else { return nil }
        return VisitAuthorization(payer: payer, number: number, discipline: Discipline(code: discipline),
                                  visitsAuthorized: Int(visitsAuthorized), start: start, end: end)
    }
}
