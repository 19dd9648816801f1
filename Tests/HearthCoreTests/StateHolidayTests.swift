import Foundation
import Testing
@testable import HearthCore

/// A state's legal holidays change the calendar the business-day rules count on (issue 18: "the holiday calendar can be
/// overridden per state"). 42 CFR 484.110(a)(6): the discharge summary within 5 business days, the transfer summary within
/// 2 business days; which days are business days is the agency's calendar.
/// - S.C. Code Ann. § 53-5-10: "… the tenth day of May—Confederate Memorial Day, … National Thanksgiving Day and the day
///   after, and the twenty-fourth, twenty-fifth, and twenty-sixth days of December in each year are legal holidays."
/// - D.C. Code § 1-612.02(a)(11): "District of Columbia Emancipation Day, April 16th of each year"; (b)(1): "if a legal
///   holiday occurs on Saturday, the Friday immediately before is a legal public holiday and if a legal holiday occurs on
///   Sunday, the Monday immediately following is a legal public holiday".
@Suite struct StateHolidayTests {
    static func calendar(_ state: String?) throws -> HolidayCalendar { try StateRulesTests.clock(state: state).rules.holidays }

    static func transfer(on date: String) -> EpisodeFacts {
        EpisodeFacts(events: StateRulesTests.admitted + [.init(.transferred(on: day(date)))], payers: [.medicare])
    }

    /// Wednesday 2026-11-25: federally Thanksgiving (the 26th) is skipped, due Monday the 30th; in South Carolina the day after
    /// Thanksgiving is a legal holiday too, so the second business day is Tuesday 2026-12-01. The explanation names both days.
    @Test func southCarolinaSkipsTheDayAfterThanksgiving() throws {
        let federal = try StateRulesTests.obligation("transfer-summary#1", Self.transfer(on: "2026-11-25"), state: nil, at: "2026-11-25 12:00")
        #expect(federal.window.dueDay == day("2026-11-30"))
        let sc = try StateRulesTests.obligation("transfer-summary#1", Self.transfer(on: "2026-11-25"), state: "SC", at: "2026-11-25 12:00")
        #expect(sc.window.dueDay == day("2026-12-01"))
        #expect(sc.explanation.contains("Thanksgiving Day (2026-11-26)") && sc.explanation.contains("Day after Thanksgiving (2026-11-27)"))
        #expect(sc.explanation.contains("South Carolina's legal holidays (S.C. Code § 53-5-10)"))
    }

    /// Confederate Memorial Day 2026 (May 10, a Sunday) is observed Monday May 11; the day after Christmas 2026 (a Saturday,
    /// whose Friday is Christmas) on Monday December 28, as the State's 2026 schedule has it. Juneteenth and Columbus Day are
    /// not legal holidays in § 53-5-10, so they are business days for a South Carolina agency.
    @Test func southCarolinasObservedDaysAndTheFederalDaysItKeepsOpen() throws {
        let sc = try Self.calendar("SC")
        #expect(sc.holiday(on: day("2026-05-11")) == "Confederate Memorial Day (observed)")
        #expect(sc.holiday(on: day("2026-12-24")) == "Christmas Eve")
        #expect(sc.holiday(on: day("2026-12-25")) == "Christmas Day")
        #expect(sc.holiday(on: day("2026-12-28")) == "Day after Christmas (observed)")
        #expect(sc.isBusinessDay(day("2026-06-19")) && sc.isBusinessDay(day("2026-10-12")))
        #expect(!(try Self.calendar(nil)).isBusinessDay(day("2026-06-19")), "federally, Juneteenth is a holiday")
        #expect(sc.adding(businessDays: 1, to: day("2026-12-23")) == day("2026-12-29"))
    }

    /// Emancipation Day 2028 falls on a Sunday and is observed Monday April 17; a transfer on Thursday 2028-04-13 owes its
    /// summary by Tuesday the 18th in the District (Monday the 17th elsewhere).
    @Test func theDistrictObservesEmancipationDay() throws {
        let dc = try Self.calendar("DC")
        #expect(dc.holiday(on: day("2026-04-16")) == "District of Columbia Emancipation Day")
        #expect(dc.holiday(on: day("2028-04-17")) == "District of Columbia Emancipation Day (observed)")
        #expect(try StateRulesTests.obligation("transfer-summary#1", Self.transfer(on: "2028-04-13"), state: "DC", at: "2028-04-13 12:00").window.dueDay
            == day("2028-04-18"))
        #expect(try StateRulesTests.obligation("transfer-summary#1", Self.transfer(on: "2028-04-13"), state: nil, at: "2028-04-13 12:00").window.dueDay
            == day("2028-04-17"))
        #expect(try Self.calendar("OH") == (try Self.calendar(nil)), "a state without holidays keeps the federal calendar")
    }

    @Test func aHolidayFileMistakeIsRefused() throws {
        let federal = try Self.calendar(nil)
        let typo = StateRules.Holidays(name: "x", source: "x", added: [:], removed: [day("2026-06-18")])
        #expect(throws: RuleBookError.unreadable("State rules: ZZ removes 2026-06-18, which US federal holidays does not list")) {
            try federal.observing(typo, of: "ZZ")
        }
        let outside = StateRules.Holidays(name: "x", source: "x", added: [day("2031-05-10"): "Too late"], removed: [])
        #expect(throws: RuleBookError.unreadable("State rules: ZZ's holiday 2031-05-10 is outside 2024–2030")) {
            try federal.observing(outside, of: "ZZ")
        }
    }
}
