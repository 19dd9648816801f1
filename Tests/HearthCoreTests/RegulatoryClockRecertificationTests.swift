import Foundation
import Testing
@testable import HearthCore

/// Recertification assessment in the last 5 days of every 60-day period, days 56–60 [42 CFR 484.55(d)(1)];
/// a resumption-of-care assessment in those days serves as the recertification (CMS OASIS Guidance Manual, ch. 1).
@Suite struct RegulatoryClockRecertificationTests {
    // SOC 2026-01-15: period 1 ends 2026-03-15, its window is 2026-03-11 – 2026-03-15; period 2 ends 2026-05-14.
    func episode(records: [ComplianceRecord] = [], more: [EpisodeEvent] = []) -> EpisodeFacts {
        EpisodeFacts(events: [.init(.referralReceived(on: day("2026-01-14"))), .init(.admitted(startOfCare: day("2026-01-15")))]
                     + more.map { .init($0) }, records: records)
    }

    @Test func windowIsDaysFiftySixToSixty() throws {
        let facts = episode()
        let window = try ClockFixture.obligation("recertification-assessment#1", facts, at: clockTime("2026-03-10 12:00")).window
        #expect((window.opensDay, window.dueDay) == (day("2026-03-11"), day("2026-03-15")))
        #expect(try ClockFixture.obligation("recertification-assessment#1", facts, at: clockTime("2026-03-10 23:59")).state == .upcoming)
        #expect(try ClockFixture.obligation("recertification-assessment#1", facts, at: clockTime("2026-03-11 00:00")).state == .open)
        #expect(try ClockFixture.obligation("recertification-assessment#1", facts, at: clockTime("2026-03-15 12:00")).state == .dueSoon)
        #expect(try ClockFixture.obligation("recertification-assessment#1", facts, at: clockTime("2026-03-16 00:00")).state == .overdue(days: 1))
    }

    @Test(arguments: [("2026-03-10", nil), ("2026-03-11", false), ("2026-03-15", false), ("2026-03-16", true)])
    func recordsAroundTheEdges(date: String, late: Bool?) throws {
        let facts = episode(records: [signedAssessment("r1", "recertification", date)])
        let state = try ClockFixture.obligation("recertification-assessment#1", facts, at: clockTime("2026-03-20 12:00")).state
        #expect(state == (late.map { .met(recordID: "r1", late: $0) } ?? .overdue(days: 5)))
    }

    @Test func onePerPeriodWhileTheEpisodeIsOpen() throws {
        let keys = { (now: String) in try ClockFixture.keys(self.episode(), at: clockTime(now)).filter { $0.hasPrefix("recertification") } }
        #expect(try keys("2026-03-15 12:00") == ["recertification-assessment#1"])
        #expect(try keys("2026-03-16 12:00") == ["recertification-assessment#1", "recertification-assessment#2"])
        // Each period takes its own record; the period 1 record does not satisfy period 2.
        let facts = episode(records: [signedAssessment("r1", "recertification", "2026-03-12"), signedAssessment("r2", "recertification", "2026-05-12")])
        let states = try ClockFixture.clock().obligations(for: facts, now: clockTime("2026-05-20 12:00"))
            .filter { $0.ruleID == "recertification-assessment" }.map(\.state)
        #expect(states == [.met(recordID: "r1", late: false), .met(recordID: "r2", late: false), .upcoming])
    }

    /// Recertifying in days 56–60 certifies period 2, whose own recertification (days 116–120) then shows as upcoming.
    @Test func recertifyingShowsTheNextPeriodsDeadlineBeforeThePeriodStarts() throws {
        let facts = episode(more: [.recertified(on: day("2026-03-12"))])
        let keys = try ClockFixture.keys(facts, at: clockTime("2026-03-13 12:00")).filter { $0.hasPrefix("recertification") }
        #expect(keys == ["recertification-assessment#1", "recertification-assessment#2"])
        let next = try ClockFixture.obligation("recertification-assessment#2", facts, at: clockTime("2026-03-13 12:00"))
        #expect((next.window.opensDay, next.window.dueDay, next.state) == (day("2026-05-10"), day("2026-05-14"), .upcoming))
    }

    @Test func aLateRecordDoesNotSpillIntoTheNextPeriod() throws {
        // Period 1 missed; a recertification done on day 118 belongs to period 2, not late to period 1.
        let facts = episode(records: [signedAssessment("r2", "recertification", "2026-05-12")])
        let states = try ClockFixture.clock().obligations(for: facts, now: clockTime("2026-05-13 12:00"))
            .filter { $0.ruleID == "recertification-assessment" }.map(\.state)
        #expect(states == [.overdue(days: 59), .met(recordID: "r2", late: false)])
    }

    @Test func dischargeBeforeTheWindowClosesMakesItNotApplicable() throws {
        let inWindow = episode(more: [.discharged(on: day("2026-03-13"), reason: "Goals met")])
        let state = try ClockFixture.obligation("recertification-assessment#1", inWindow, at: clockTime("2026-04-01 12:00")).state
        #expect(state == .notApplicable(reason: "discharged on 2026-03-13, before the window closed on 2026-03-15"))
        let onLastDay = episode(more: [.discharged(on: day("2026-03-15"), reason: "Goals met")])
        #expect(try ClockFixture.obligation("recertification-assessment#1", onLastDay, at: clockTime("2026-04-01 12:00")).state.kind == .notApplicable)
        // Discharged the day after: period 1 was missed, and period 2 needs none.
        let after = episode(more: [.discharged(on: day("2026-03-16"), reason: "Goals met")])
        let states = try ClockFixture.clock().obligations(for: after, now: clockTime("2026-04-01 12:00"))
            .filter { $0.ruleID == "recertification-assessment" }.map(\.state.kind)
        #expect(states == [.overdue, .notApplicable])
    }

    @Test func aResumptionAssessmentInTheWindowServesAsTheRecertification() throws {
        let facts = episode(records: [signedAssessment("roc", "resumption_of_care", "2026-03-13")],
                            more: [.transferred(on: day("2026-03-05")), .resumed(on: day("2026-03-12"))])
        #expect(try ClockFixture.obligation("recertification-assessment#1", facts, at: clockTime("2026-03-20 12:00")).state
            == .met(recordID: "roc", late: false))
    }

    /// 2028 is a leap year: a period from 2028-01-01 ends on 2028-02-29 (day 60), so the window is 02-25 – 02-29.
    @Test func leapYearPeriodEndsOnFebruaryTwentyNinth() throws {
        let facts = EpisodeFacts(events: [.init(.referralReceived(on: day("2028-01-01"))), .init(.admitted(startOfCare: day("2028-01-01")))],
                                 records: [signedAssessment("r1", "recertification", "2028-02-29")])
        let obligation = try ClockFixture.obligation("recertification-assessment#1", facts, at: clockTime("2028-03-01 12:00"))
        #expect((obligation.window.opensDay, obligation.window.dueDay) == (day("2028-02-25"), day("2028-02-29")))
        #expect(obligation.state == .met(recordID: "r1", late: false))
        let missed = EpisodeFacts(events: facts.events)
        #expect(try ClockFixture.obligation("recertification-assessment#1", missed, at: clockTime("2028-03-01 12:00")).state == .overdue(days: 1))
    }

    /// Day windows that cross February 29: SOC 2028-02-26 + 5 is 2028-03-02; 90 days before SOC 2028-03-01 is 2027-12-02.
    @Test func leapDayCountsInDayWindows() throws {
        let comprehensive = try ClockFixture.obligation("comprehensive-assessment#1", EpisodeFacts(events: [
            .init(.referralReceived(on: day("2028-02-26"))), .init(.admitted(startOfCare: day("2028-02-26")))]), at: clockTime("2028-02-27 12:00"))
        #expect(comprehensive.window.dueDay == day("2028-03-02"))
        let faceToFace = try ClockFixture.obligation("face-to-face-encounter#1", EpisodeFacts(events: [
            .init(.referralReceived(on: day("2028-03-01"))), .init(.admitted(startOfCare: day("2028-03-01")))]), at: clockTime("2028-03-02 12:00"))
        #expect(faceToFace.window.opensDay == day("2027-12-02"))
    }
}

/// Resumption of care assessment within 48 hours of return home from an inpatient stay of 24 hours or more [42 CFR 484.55(d)(2)].
@Suite struct RegulatoryClockResumptionTests {
    let key = "resumption-assessment#1"
    func stay(left: String, back: String, records: [ComplianceRecord] = []) -> EpisodeFacts {
        EpisodeFacts(events: [.init(.referralReceived(on: day("2026-04-01"))), .init(.admitted(startOfCare: day("2026-04-01"))),
                              .init(.transferred(on: day(String(left.prefix(10)))), at: clockTime(left)),
                              .init(.resumed(on: day(String(back.prefix(10)))), at: clockTime(back))], records: records)
    }

    @Test func dueFortyEightHoursAfterReturnHome() throws {
        let facts = stay(left: "2026-04-10 10:00", back: "2026-04-14 15:00")
        #expect(try ClockFixture.obligation(key, facts, at: clockTime("2026-04-14 16:00")).window.due == clockTime("2026-04-16 15:00"))
        #expect(try ClockFixture.obligation(key, facts, at: clockTime("2026-04-16 14:59")).state == .dueSoon)
        #expect(try ClockFixture.obligation(key, facts, at: clockTime("2026-04-16 15:00")).state == .overdue(days: 0))
        #expect(try ClockFixture.obligation(key, facts, at: clockTime("2026-04-17 15:00")).state == .overdue(days: 1))
    }

    @Test(arguments: [("2026-04-14 14:59", nil), ("2026-04-14 15:00", false), ("2026-04-16 14:59", false), ("2026-04-16 15:00", true)])
    func recordsAroundTheEdges(instant: String, late: Bool?) throws {
        let record = signedAssessment("roc", "resumption_of_care", String(instant.prefix(10)), at: instant)
        let state = try ClockFixture.obligation(key, stay(left: "2026-04-10 10:00", back: "2026-04-14 15:00", records: [record]),
                                                at: clockTime("2026-04-20 12:00")).state
        #expect(state == (late.map { .met(recordID: "roc", late: $0) } ?? .overdue(days: 4)))
    }

    @Test func aStayUnderTwentyFourHoursNeedsNoResumptionAssessment() throws {
        let short = try ClockFixture.obligation(key, stay(left: "2026-04-10 10:00", back: "2026-04-11 09:59"), at: clockTime("2026-04-20 12:00"))
        #expect(short.state == .notApplicable(reason: "the inpatient stay lasted 23 hours, under 24"))
        let full = try ClockFixture.obligation(key, stay(left: "2026-04-10 10:00", back: "2026-04-11 10:00"), at: clockTime("2026-04-20 12:00"))
        #expect(full.state == .overdue(days: 7))
        // Without times, leaving and coming back the same day is known to be under 24 hours; other days are not.
        let sameDay = EpisodeFacts(events: [.init(.referralReceived(on: day("2026-04-01"))), .init(.admitted(startOfCare: day("2026-04-01"))),
                                            .init(.transferred(on: day("2026-04-10"))), .init(.resumed(on: day("2026-04-10")))])
        #expect(try ClockFixture.obligation(key, sameDay, at: clockTime("2026-04-20 12:00")).state.kind == .notApplicable)
    }

    /// 42 CFR 484.55(d)(2): the update is due after "a hospital admission of 24 hours or more for any reason other than
    /// diagnostic tests"; the transfer OASIS is collected only for such a stay too (CMS OASIS Guidance Manual, Chapter 1:
    /// transfer to an inpatient facility "for 24 hours or longer for reasons other than diagnostic testing").
    /// Issue 18, finding 3: a short stay raised both.
    @Test func aStayUnderTwentyFourHoursNeedsNoTransferAssessmentEither() throws {
        let transfer = "transfer-assessment#1"
        let short = try ClockFixture.obligation(transfer, stay(left: "2026-04-10 10:00", back: "2026-04-11 09:59"), at: clockTime("2026-04-20 12:00"))
        #expect(short.state == .notApplicable(reason: "the inpatient stay lasted 23 hours, under 24"))
        let full = try ClockFixture.obligation(transfer, stay(left: "2026-04-10 10:00", back: "2026-04-11 10:00"), at: clockTime("2026-04-20 12:00"))
        #expect(full.state.kind == .overdue)
        // Still in hospital: the stay may last, so the transfer assessment stays due.
        let stillIn = EpisodeFacts(events: [.init(.referralReceived(on: day("2026-04-01"))), .init(.admitted(startOfCare: day("2026-04-01"))),
                                            .init(.transferred(on: day("2026-04-10")), at: clockTime("2026-04-10 10:00"))])
        #expect(try ClockFixture.obligation(transfer, stillIn, at: clockTime("2026-04-10 12:00")).state == .open)
    }

    @Test func aStayForDiagnosticTestsOnlyNeedsNeitherTransferNorResumption() throws {
        var facts = stay(left: "2026-04-10 10:00", back: "2026-04-13 10:00")
        facts.events[2].diagnosticOnly = true
        let reason = "the inpatient stay that began at 2026-04-10 10:00 UTC-4 was for diagnostic tests only"
        #expect(try ClockFixture.obligation("transfer-assessment#1", facts, at: clockTime("2026-04-20 12:00")).state == .notApplicable(reason: reason))
        #expect(try ClockFixture.obligation(key, facts, at: clockTime("2026-04-20 12:00")).state == .notApplicable(reason: reason))
    }
}
