import Foundation
import HearthCore
import Testing

/// `CalendarDate` parses and converts without Calendar or regex; these pin it to the Gregorian calendar.
@Suite struct CalendarDateTests {
    @Test(arguments: ["2024-02-29", "2000-02-29", "2026-12-31", "0001-01-01", "2026-04-30"])
    func realDaysParseAndPrintBack(text: String) throws {
        #expect(try #require(CalendarDate(text)).description == text)
    }

    @Test(arguments: ["2025-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-1-01", "20260101",
                      " 2026-01-01", "2026-01-01x", "2026/01/01", "", "0000-01-01", "２０２６-01-01"])
    func impossibleOrMalformedDaysAreRefused(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func theDayOfAnInstantMatchesFoundationsCalendarAcrossClockChanges() {
        // Every 7 hours and 13 minutes through 2026, in zones with and without daylight saving time.
        for name in ["America/New_York", "America/Phoenix", "Pacific/Honolulu", "Europe/London", "Australia/Lord_Howe"] {
            let zone = TimeZone(identifier: name)!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            var instant = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00Z
            while instant.timeIntervalSince1970 < 1_798_761_600 {
                let parts = calendar.dateComponents([.year, .month, .day], from: instant)
                let day = CalendarDate(instant, in: zone)
                #expect(day.year == parts.year && day.month == parts.month && day.day == parts.day, "\(name) \(instant)")
                instant += 7 * 3_600 + 13 * 60
            }
        }
    }

    @Test func theStartOfADayMatchesFoundationsStartOfDayAcrossClockChanges() {
        // Every day of 2010–2030 in zones whose clocks change at 2 am, at midnight (Santiago, Havana, Beirut: some
        // midnights never happen, and Foundation answers 1 am), by half an hour (Lord Howe), never, or by a whole day (Apia, 2011).
        for name in ["America/New_York", "America/Phoenix", "America/Santiago", "America/Havana", "Asia/Beirut", "America/Sao_Paulo",
                     "Australia/Lord_Howe", "Pacific/Apia", "Europe/London", "Asia/Kolkata"] {
            let zone = TimeZone(identifier: name)!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            for number in CalendarDate("2010-01-01")!.dayNumber...CalendarDate("2030-12-31")!.dayNumber {
                let day = CalendarDate(dayNumber: number)
                guard let noon = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)) else { continue }
                #expect(day.start(in: zone) == calendar.startOfDay(for: noon), "\(name) \(day)")
            }
        }
    }
}
