import Foundation

/// The days business-day rules skip besides Saturday and Sunday: a holiday calendar shipped as data
/// (Resources/Rules/holidays-us-federal.json), with the dates each holiday is observed.
public struct HolidayCalendar: Sendable, Equatable {
    public var name: String
    /// The years the file lists; outside them only weekends are skipped, and the explanation says so.
    public var years: ClosedRange<Int>
    private var holidays: [CalendarDate: String]

    public init(name: String, years: ClosedRange<Int>, holidays: [CalendarDate: String]) {
        self.name = name
        self.years = years
        self.holidays = holidays
    }

    /// Weekends only, for tests and for rules read without a calendar.
    public static let weekendsOnly = HolidayCalendar(name: "no holiday calendar", years: 0...0, holidays: [:]) // covers no real year

    /// Parses `{"name", "firstYear", "lastYear", "holidays": [{"date", "name"}]}`; a date outside the years is refused.
    public init(json: Data) throws(RuleBookError) {
        struct File: Decodable {
            struct Holiday: Decodable { var date: CalendarDate; var name: String }
            var name: String
            var firstYear: Int
            var lastYear: Int
            var holidays: [Holiday]
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: json) } catch { throw .unreadable("holiday calendar: \(error)") }
        guard file.firstYear <= file.lastYear else { throw .unreadable("holiday calendar: firstYear is after lastYear") }
        var holidays: [CalendarDate: String] = [:]
        // An observed date may fall in the year before (New Year's Day 2028 is observed on 2027-12-31).
        for holiday in file.holidays {
            guard (file.firstYear...file.lastYear).contains(holiday.date.year) else {
                throw .unreadable("holiday calendar: \(holiday.date) (\(holiday.name)) is outside \(file.firstYear)–\(file.lastYear)")
            }
            holidays[holiday.date] = holiday.name
        }
        self.init(name: file.name, years: file.firstYear...file.lastYear, holidays: holidays)
    }

    /// The calendar as a state observes it: its own legal holidays added, the federal days its offices keep open removed.
    /// A removed day the calendar does not list, or an added day outside its years, is a mistake in the data: refused.
    public func observing(_ state: StateRules.Holidays, of code: String) throws(RuleBookError) -> HolidayCalendar {
        var holidays = self.holidays
        for day in state.removed.sorted() {
            guard holidays.removeValue(forKey: day) != nil else {
                throw .unreadable("State rules: \(code) removes \(day), which \(name) does not list")
            }
        }
        for (day, holiday) in state.added.sorted(by: { $0.key < $1.key }) {
            guard years.contains(day.year) else { throw .unreadable("State rules: \(code)'s holiday \(day) is outside \(years.lowerBound)–\(years.upperBound)") }
            holidays[day] = holiday
        }
        return HolidayCalendar(name: state.name, years: years, holidays: holidays)
    }

    /// The holiday observed on the day, if any.
    public func holiday(on day: CalendarDate) -> String? { holidays[day] }

    /// The observed holidays from `start` through `end`.
    public func days(from start: CalendarDate, through end: CalendarDate) -> Set<CalendarDate> {
        Set(holidays.keys.filter { $0 >= start && $0 <= end })
    }

    /// Whether the calendar lists that day's year, so a holiday on it would be known.
    public func covers(_ day: CalendarDate) -> Bool { years.contains(day.year) }

    /// Monday to Friday and not an observed holiday.
    public func isBusinessDay(_ day: CalendarDate) -> Bool { day.isBusinessDay && holidays[day] == nil }

    /// The day `count` business days after `day` (before it when negative), skipping weekends and observed holidays:
    /// two business days after Wednesday 2026-11-25 are Friday the 27th and Monday the 30th (Thanksgiving skipped).
    public func adding(businessDays count: Int, to day: CalendarDate) -> CalendarDate {
        var day = day, left = abs(count)
        let step = count < 0 ? -1 : 1
        while left > 0 {
            day = day.adding(days: step)
            if isBusinessDay(day) { left -= 1 }
        }
        return day
    }

    /// The holidays skipped between two days (after `from`, up to and including `through`), for explanations.
    public func holidays(after from: CalendarDate, through: CalendarDate) -> [(day: CalendarDate, name: String)] {
        guard from < through else { return [] }
        return (1...from.days(until: through)).compactMap { offset in
            let day = from.adding(days: offset)
            return holidays[day].flatMap { day.isBusinessDay ? (day, $0) : nil }
        }
    }
}
