import Foundation
import Testing
@testable import HearthCore

/// Business days: Monday to Friday (`CalendarDate.adding(businessDays:)`); the clock's `HolidayCalendar` also skips
/// observed federal holidays.
@Suite struct BusinessDayTests {
    @Test(arguments: [
        ("2027-03-05", 5, "2027-03-12"), // Friday + 5 → next Friday
        ("2027-03-06", 1, "2027-03-08"), // Saturday + 1 → Monday
        ("2027-03-07", 5, "2027-03-12"), // Sunday + 5 → Friday
        ("2027-02-10", 2, "2027-02-12"), // Wednesday + 2 → Friday
        ("2027-02-11", 2, "2027-02-15"), // Thursday + 2 → Monday
        ("2027-03-08", 0, "2027-03-08"),
        ("2027-03-08", -1, "2027-03-05"), // Monday − 1 → Friday
    ])
    func addsWeekdaysOnly(_ start: String, _ count: Int, _ expected: String) {
        #expect(day(start).adding(businessDays: count) == day(expected))
    }

    /// 5 U.S.C. 6103(b) and Executive Order 11582: a holiday on a Saturday is observed the Friday before, on a Sunday
    /// the Monday after; the shipped calendar lists the observed dates (issue 18, finding 9).
    @Test(arguments: [
        ("2026-12-31", 2, "2027-01-05"), // New Year's Day, a Friday, skipped: Monday the 4th, Tuesday the 5th
        ("2026-11-25", 2, "2026-11-30"), // Wednesday before Thanksgiving: Friday the 27th, Monday the 30th
        ("2026-07-02", 1, "2026-07-06"), // Independence Day 2026 is a Saturday, observed Friday the 3rd
        ("2027-12-30", 2, "2028-01-04"), // New Year's Day 2028 (a Saturday) is observed Friday 2027-12-31
        ("2027-06-17", 1, "2027-06-21"), // Juneteenth 2027 (a Saturday) observed Friday the 18th
        ("2030-12-24", 1, "2030-12-26"), // Christmas 2030, a Wednesday
    ])
    func theFederalCalendarSkipsObservedHolidays(_ start: String, _ count: Int, _ expected: String) throws {
        let holidays = try ClockFixture.clock().rules.holidays
        #expect(holidays.adding(businessDays: count, to: day(start)) == day(expected))
    }

    @Test func theCalendarCoversTwentyTwentyFourToTwentyThirtyWithElevenHolidaysAYear() throws {
        let holidays = try ClockFixture.clock().rules.holidays
        #expect(holidays.years == 2024...2030)
        #expect(holidays.holiday(on: day("2026-11-26")) == "Thanksgiving Day")
        #expect(holidays.holiday(on: day("2026-07-04")) == nil, "a Saturday holiday is observed on the Friday")
        #expect(holidays.holiday(on: day("2026-07-03")) == "Independence Day (observed)")
        for year in 2024...2030 {
            let count = (0..<366).map { day("\(year)-01-01").adding(days: $0) }.filter { $0.year == year && holidays.holiday(on: $0) != nil }.count
            // 2027 holds New Year's Day 2028 (observed 2027-12-31) and 2028 lacks its own; 2024–2030 list 77 in all.
            #expect(count == (year == 2027 ? 12 : year == 2028 ? 10 : 11), "\(year)")
        }
    }

    @Test func weekdaysAreISONumbered() {
        #expect(day("1970-01-01").isoWeekday == 4)
        #expect(day("2027-03-05").isoWeekday == 5)
        #expect(day("2027-03-07").isoWeekday == 7)
        #expect(day("1969-12-29").isoWeekday == 1)
        #expect(!day("2027-03-06").isBusinessDay)
    }
}

/// Discharge and transfer summaries [42 CFR 484.110(a)(6)]: the last business day counts, the next day is overdue.
@Suite struct RegulatoryClockSummaryDocumentTests {
    let admitted: [EpisodeFacts.Event] = [.init(.referralReceived(on: day("2027-01-04"))), .init(.admitted(startOfCare: day("2027-01-05")))]

    func facts(_ events: [EpisodeEvent], records: [ComplianceRecord] = []) -> EpisodeFacts {
        EpisodeFacts(events: admitted + events.map { EpisodeFacts.Event($0) }, records: records)
    }

    @Test func aFridayDischargeIsDueTheNextFriday() throws {
        let discharged = facts([.discharged(on: day("2027-03-05"), reason: "Goals met")])
        let lastDay = try ClockFixture.obligation("discharge-summary#1", discharged, at: clockTime("2027-03-12 16:00"))
        #expect(lastDay.window.dueDay == day("2027-03-12"))
        #expect(lastDay.window.opensDay == day("2027-03-05"))
        #expect(lastDay.state == .dueSoon)
        #expect(lastDay.explanation.contains("due by 2027-03-12 because the patient was discharged on 2027-03-05"))
        #expect(lastDay.explanation.contains("Business days are Monday to Friday less observed holidays (US federal holidays)."))
        let nextDay = try ClockFixture.obligation("discharge-summary#1", discharged, at: clockTime("2027-03-13 00:30"))
        #expect(nextDay.state == .overdue(days: 1))
    }

    /// 42 CFR 484.110(a)(6)(i): the discharge summary is sent "within 5 business days of the patient's discharge";
    /// Thanksgiving Day is not a business day (issue 18, finding 9).
    @Test func aDischargeBeforeThanksgivingSkipsTheHoliday() throws {
        let discharged = facts([.discharged(on: day("2027-11-22"), reason: "Goals met")]) // Monday; Thanksgiving is the 25th
        let obligation = try ClockFixture.obligation("discharge-summary#1", discharged, at: clockTime("2027-11-23 09:00"))
        #expect(obligation.window.dueDay == day("2027-11-30"))
        #expect(obligation.explanation.contains("It skips Thanksgiving Day (2027-11-25)."))
    }

    /// 42 CFR 484.110(a)(6)(ii): the transfer summary goes to the receiving facility within 2 business days.
    @Test func aTransferBeforeNewYearSkipsTheHolidayAndNamesTheFacility() throws {
        let transferred = facts([.transferred(on: day("2027-12-30"))]) // Thursday; New Year's Day 2028 observed Friday 2027-12-31
        let obligation = try ClockFixture.obligation("transfer-summary#1", transferred, at: clockTime("2027-12-30 09:00"))
        #expect(obligation.window.dueDay == day("2028-01-04"))
        #expect(obligation.explanation.contains("sent to the receiving facility within 2 business days"))
        #expect(obligation.explanation.contains("a transfer summary sent to the receiving facility dated in the window"))
    }

    @Test func outsideTheCalendarsYearsTheExplanationSaysSo() throws {
        let discharged = facts([.discharged(on: day("2031-11-24"), reason: "Goals met")])
        let obligation = try ClockFixture.obligation("discharge-summary#1", discharged, at: clockTime("2031-11-24 09:00"))
        #expect(obligation.explanation.contains("does not cover this date; only weekends were skipped"))
    }

    @Test func aSummarySentOnTheLastDayIsOnTimeAndTheDayAfterIsLate() throws {
        let onTime = facts([.discharged(on: day("2027-03-05"), reason: "Goals met")],
                           records: [ComplianceRecord(id: "d1", kind: .dischargeSummary, date: day("2027-03-12"))])
        #expect(try ClockFixture.obligation("discharge-summary#1", onTime, at: clockTime("2027-03-20")).state == .met(recordID: "d1", late: false))
        let late = facts([.discharged(on: day("2027-03-05"), reason: "Goals met")],
                         records: [ComplianceRecord(id: "d1", kind: .dischargeSummary, date: day("2027-03-13"))])
        #expect(try ClockFixture.obligation("discharge-summary#1", late, at: clockTime("2027-03-20")).state == .met(recordID: "d1", late: true))
    }

    @Test func aThursdayTransferIsDueMonday() throws {
        let transferred = facts([.transferred(on: day("2027-03-11"))])
        let monday = try ClockFixture.obligation("transfer-summary#1", transferred, at: clockTime("2027-03-15 09:00"))
        #expect(monday.window.dueDay == day("2027-03-15"))
        #expect(monday.state == .dueSoon)
        #expect(try ClockFixture.obligation("transfer-summary#1", transferred, at: clockTime("2027-03-16 09:00")).state == .overdue(days: 1))
    }

    /// Washington's Birthday 2027 is Monday 2027-02-15: a Thursday transfer's summary is due on the Tuesday.
    @Test func aThursdayTransferBeforeWashingtonsBirthdayIsDueTuesday() throws {
        let transferred = facts([.transferred(on: day("2027-02-11"))])
        let tuesday = try ClockFixture.obligation("transfer-summary#1", transferred, at: clockTime("2027-02-16 09:00"))
        #expect(tuesday.window.dueDay == day("2027-02-16"))
        #expect(tuesday.state == .dueSoon)
        #expect(tuesday.explanation.contains("It skips Washington's Birthday (2027-02-15)."))
        #expect(try ClockFixture.obligation("transfer-summary#1", transferred, at: clockTime("2027-02-17 09:00")).state == .overdue(days: 1))
    }

    @Test func eachTransferOwesItsOwnSummary() throws {
        let twice = facts([.transferred(on: day("2027-02-11")), .resumed(on: day("2027-02-14")), .transferred(on: day("2027-03-01"))],
                          records: [ComplianceRecord(id: "t1", kind: .transferSummary, date: day("2027-02-12"))])
        let obligations = try ClockFixture.clock().obligations(for: twice, now: clockTime("2027-03-02 09:00"))
        #expect(obligations.first { $0.key == "transfer-summary#1" }?.state == .met(recordID: "t1", late: false))
        #expect(obligations.first { $0.key == "transfer-summary#2" }?.window.dueDay == day("2027-03-03"))
    }
}

/// Plan of care signed each period [42 CFR 484.60(c)] and verbal orders signed before billing [484.60(b); 409.43(c)].
@Suite struct RegulatoryClockSignatureTests {
    // Start of care 2026-11-23: period 1 ends 2027-01-21, period 2 ends 2027-03-22.
    let events: [EpisodeFacts.Event] = [.init(.referralReceived(on: day("2026-11-20"))), .init(.admitted(startOfCare: day("2026-11-23")))]

    @Test func thePlanOfCareIsDueByThePeriodsLastDay() throws {
        let facts = EpisodeFacts(events: events)
        #expect(try ClockFixture.obligation("plan-of-care-signed#1", facts, at: clockTime("2027-01-21 23:00")).state == .dueSoon)
        #expect(try ClockFixture.obligation("plan-of-care-signed#1", facts, at: clockTime("2027-01-22 08:00")).state == .overdue(days: 1))
        let signed = EpisodeFacts(events: events, records: [ComplianceRecord(id: "p1", kind: .planOfCareSigned, date: day("2027-01-21"))])
        #expect(try ClockFixture.obligation("plan-of-care-signed#1", signed, at: clockTime("2027-02-01")).state == .met(recordID: "p1", late: false))
    }

    @Test func aRecertificationPlanSignedEarlyCountsForItsOwnPeriod() throws {
        // The SOC plan was never signed; the recertification plan was signed on day 58 of period 1 and says it is for period 2.
        let facts = EpisodeFacts(events: events + [.init(.recertified(on: day("2027-01-19")))],
                                 records: [ComplianceRecord(id: "p2", kind: .planOfCareSigned, date: day("2027-01-19"), subject: "period:2")])
        let obligations = try ClockFixture.clock().obligations(for: facts, now: clockTime("2027-01-25"))
        #expect(obligations.first { $0.key == "plan-of-care-signed#1" }?.state == .overdue(days: 4))
        #expect(obligations.first { $0.key == "plan-of-care-signed#2" }?.state == .met(recordID: "p2", late: false))
    }

    /// 42 CFR 484.60(b)(4): verbal orders "must be authenticated and dated by the physician or allowed practitioner in
    /// accordance with applicable State laws and regulations, as well as the HHA's internal policies". The window is data
    /// (30 days by default); an order taken on a period's last day is no longer due that same day (issue 18, finding 10).
    @Test func eachVerbalOrderIsDueThirtyDaysAfterItWasTaken() throws {
        // setup: two orders in period 1, one in period 2; only the second has been signed.
        let facts = EpisodeFacts(events: events + [.init(.recertified(on: day("2027-01-20")))],
                                 records: [ComplianceRecord(id: "s2", kind: .verbalOrderSigned, date: day("2026-12-20"), subject: "vo-2")],
                                 verbalOrders: [.init(id: "vo-1", takenOn: day("2026-12-01")), .init(id: "vo-2", takenOn: day("2026-12-15")),
                                                .init(id: "vo-3", takenOn: day("2027-02-01"))])
        // act
        let obligations = try ClockFixture.clock().obligations(for: facts, now: clockTime("2027-01-01 09:00"))
        let verbal = obligations.filter { $0.ruleID == "verbal-order-signed" }
        // check
        #expect(verbal.map(\.key) == ["verbal-order-signed#1", "verbal-order-signed#2", "verbal-order-signed#3"])
        #expect(verbal.map(\.window.dueDay) == [day("2026-12-31"), day("2027-01-14"), day("2027-03-03")])
        #expect(verbal[0].state == .overdue(days: 1)) // vo-1: the signature of vo-2 does not count for it
        #expect(verbal[1].state == .met(recordID: "s2", late: false))
        #expect(verbal[0].explanation.contains("a verbal order was taken on 2026-12-01 in certification period 1"))
        #expect(!verbal[0].explanation.contains("vo-1"))
    }

    @Test func aVerbalOrderTakenOnDaySixtyIsNotDueTheSameDay() throws {
        // Start of care 2026-11-23: day 60 is 2027-01-21, the period's last day.
        let facts = EpisodeFacts(events: events, verbalOrders: [.init(id: "vo", takenOn: day("2027-01-21"))])
        let obligation = try ClockFixture.obligation("verbal-order-signed#1", facts, at: clockTime("2027-01-21 16:00"))
        #expect(obligation.window.dueDay == day("2027-02-20"))
        #expect(obligation.state == .open)
    }

    @Test func aVerbalOrderSignedOnTheThirtiethDayIsOnTimeAndAfterItLate() throws {
        func state(signedOn date: String) throws -> Obligation.State {
            let facts = EpisodeFacts(events: events, records: [ComplianceRecord(id: "s", kind: .verbalOrderSigned, date: day(date), subject: "vo")],
                                     verbalOrders: [.init(id: "vo", takenOn: day("2027-01-10"))])
            return try ClockFixture.obligation("verbal-order-signed#1", facts, at: clockTime("2027-03-10")).state
        }
        #expect(try state(signedOn: "2027-02-09") == .met(recordID: "s", late: false))
        #expect(try state(signedOn: "2027-02-10") == .met(recordID: "s", late: true))
    }

    @Test func aSignatureWithoutTheOrdersIdDoesNotCount() throws {
        let facts = EpisodeFacts(events: events, records: [ComplianceRecord(id: "s", kind: .verbalOrderSigned, date: day("2026-12-02"))],
                                 verbalOrders: [.init(id: "vo", takenOn: day("2026-12-01"))])
        #expect(try ClockFixture.obligation("verbal-order-signed#1", facts, at: clockTime("2026-12-03")).state == .open)
    }

    @Test func noVerbalOrderObligationBeforeStartOfCare() throws {
        let facts = EpisodeFacts(events: [.init(.referralReceived(on: day("2026-11-20")))], verbalOrders: [.init(id: "vo", takenOn: day("2026-11-21"))])
        #expect(try ClockFixture.keys(facts, at: clockTime("2026-11-21")) == ["initial-assessment#1"])
    }
}

@Suite struct RegulatoryClockOrderRuleBookTests {
    func rule(trigger: String, anchor: String, unit: String = "days", satisfiedBy: String = "verbal_order_signed") -> Data {
        Data("""
        {"version": 1, "rules": [{"id": "a", "title": "A", "citation": "c", "requirement": "r", "trigger": "\(trigger)",
          "windows": [{"anchor": "\(anchor)", "unit": "\(unit)", "opens": 0, "due": 2}], "satisfiedBy": ["\(satisfiedBy)"]}]}
        """.utf8)
    }

    @Test func theNewTriggerUnitAndRecordKindsLoad() throws {
        let book = try RuleBook(json: rule(trigger: "verbal_order", anchor: "period_end"))
        #expect(book.rules[0].trigger == .verbalOrder)
        #expect(try RuleBook(json: rule(trigger: "discharge", anchor: "event", unit: "business_days", satisfiedBy: "discharge_summary"))
            .rules[0].windows[0].unit == .businessDays)
        #expect(throws: RuleBookError.anchorNeedsPeriod(rule: "a", anchor: "period_end")) {
            try RuleBook(json: rule(trigger: "discharge", anchor: "period_end"))
        }
        #expect(throws: RuleBookError.unknownUnit(rule: "a", value: "weekdays")) {
            try RuleBook(json: rule(trigger: "discharge", anchor: "event", unit: "weekdays"))
        }
        for key in ["discharge_summary", "transfer_summary", "plan_of_care_signed", "verbal_order_signed"] {
            #expect(ComplianceRecord.Kind(key: key)?.key == key)
        }
    }
}
