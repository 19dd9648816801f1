import Foundation
import Testing
@testable import HearthCore

/// Business days: Monday to Friday, federal holidays not skipped.
@Suite struct BusinessDayTests {
    @Test(arguments: [
        ("2027-03-05", 5, "2027-03-12"), // Friday + 5 → next Friday
        ("2027-03-06", 1, "2027-03-08"), // Saturday + 1 → Monday
        ("2027-03-07", 5, "2027-03-12"), // Sunday + 5 → Friday
        ("2027-02-10", 2, "2027-02-12"), // Wednesday + 2 → Friday
        ("2027-02-11", 2, "2027-02-15"), // Thursday + 2 → Monday
        ("2027-03-08", 0, "2027-03-08"),
        ("2027-03-08", -1, "2027-03-05"), // Monday − 1 → Friday
        ("2026-12-31", 2, "2027-01-04"), // across a year end; New Year's Day (a Friday) is counted
    ])
    func addsWeekdaysOnly(_ start: String, _ count: Int, _ expected: String) {
        #expect(day(start).adding(businessDays: count) == day(expected))
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
        #expect(lastDay.explanation.contains("federal holidays are not skipped"))
        let nextDay = try ClockFixture.obligation("discharge-summary#1", discharged, at: clockTime("2027-03-13 00:30"))
        #expect(nextDay.state == .overdue(days: 1))
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
        let transferred = facts([.transferred(on: day("2027-02-11"))])
        let monday = try ClockFixture.obligation("transfer-summary#1", transferred, at: clockTime("2027-02-15 09:00"))
        #expect(monday.window.dueDay == day("2027-02-15"))
        #expect(monday.state == .dueSoon)
        #expect(try ClockFixture.obligation("transfer-summary#1", transferred, at: clockTime("2027-02-16 09:00")).state == .overdue(days: 1))
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

    @Test func eachVerbalOrderIsDueAtTheEndOfThePeriodItWasTakenIn() throws {
        // setup: two orders in period 1, one in period 2; only the second has been signed.
        let facts = EpisodeFacts(events: events + [.init(.recertified(on: day("2027-01-20")))],
                                 records: [ComplianceRecord(id: "s2", kind: .verbalOrderSigned, date: day("2026-12-20"), subject: "vo-2")],
                                 verbalOrders: [.init(id: "vo-1", takenOn: day("2026-12-01")), .init(id: "vo-2", takenOn: day("2026-12-15")),
                                                .init(id: "vo-3", takenOn: day("2027-02-01"))])
        // act
        let obligations = try ClockFixture.clock().obligations(for: facts, now: clockTime("2027-01-22 09:00"))
        let verbal = obligations.filter { $0.ruleID == "verbal-order-signed" }
        // check
        #expect(verbal.map(\.key) == ["verbal-order-signed#1", "verbal-order-signed#2", "verbal-order-signed#3"])
        #expect(verbal.map(\.window.dueDay) == [day("2027-01-21"), day("2027-01-21"), day("2027-03-22")])
        #expect(verbal[0].state == .overdue(days: 1)) // vo-1: the signature of vo-2 does not count for it
        #expect(verbal[1].state == .met(recordID: "s2", late: false))
        #expect(verbal[0].explanation.contains("a verbal order (vo-1) was taken on 2026-12-01 in certification period 1"))
    }

    @Test func aVerbalOrderSignedOnThePeriodsLastDayIsOnTimeAndAfterItLate() throws {
        func state(signedOn date: String) throws -> Obligation.State {
            let facts = EpisodeFacts(events: events, records: [ComplianceRecord(id: "s", kind: .verbalOrderSigned, date: day(date), subject: "vo")],
                                     verbalOrders: [.init(id: "vo", takenOn: day("2027-01-10"))])
            return try ClockFixture.obligation("verbal-order-signed#1", facts, at: clockTime("2027-02-10")).state
        }
        #expect(try state(signedOn: "2027-01-21") == .met(recordID: "s", late: false))
        #expect(try state(signedOn: "2027-01-22") == .met(recordID: "s", late: true))
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
