import Foundation
import Testing
@testable import HearthCore

/// Issue 18, finding 1: the 48-hour rules are met by the visit, not the signature.
/// 42 CFR 484.55(a)(1): "The HHA must conduct an initial assessment visit ... within 48 hours of referral, or within
/// 48 hours of the patient's return home, or on the physician-ordered start of care date."
/// 42 CFR 484.55(d)(2): the comprehensive assessment must be updated "within 48 hours of the patient's return to the
/// home from a hospital admission of 24 hours or more for any reason other than diagnostic tests".
@Suite struct RegulatoryClockVisitTimeTests {
    let key = "initial-assessment#1"
    func referral(_ records: [ComplianceRecord]) -> EpisodeFacts {
        EpisodeFacts(events: [.init(.referralReceived(on: day("2026-06-10")), at: clockTime("2026-06-10 09:00"))], records: records)
    }
    func visited(_ visit: String, signed: String) -> ComplianceRecord {
        ComplianceRecord(id: "a", kind: .assessment("start_of_care"), date: day(String(visit.prefix(10))), instant: clockTime(signed),
                         visitedAt: clockTime(visit), comprehensive: true, label: "the start-of-care assessment of \(visit.prefix(10))")
    }

    @Test func aVisitInTheWindowSignedLaterIsMetOnTime() throws {
        let obligation = try ClockFixture.obligation(key, referral([visited("2026-06-12 08:59", signed: "2026-06-14 16:00")]),
                                                     at: clockTime("2026-06-20 09:00"))
        #expect(obligation.state == .met(recordID: "a", late: false))
        #expect(obligation.explanation.contains("Met by the start-of-care assessment of 2026-06-12 (visit made 2026-06-12 08:59 UTC-4, signed 2026-06-14)."))
    }

    @Test func aVisitAfterTheFortyEighthHourIsLateWhateverTheSignature() throws {
        let state = try ClockFixture.obligation(key, referral([visited("2026-06-12 09:00", signed: "2026-06-12 09:30")]),
                                                at: clockTime("2026-06-20 09:00")).state
        #expect(state == .met(recordID: "a", late: true))
    }

    @Test func aResumptionVisitCountsByItsTimeToo() throws {
        let back = EpisodeFacts(events: [.init(.referralReceived(on: day("2026-04-01"))), .init(.admitted(startOfCare: day("2026-04-01"))),
                                         .init(.transferred(on: day("2026-04-10")), at: clockTime("2026-04-10 10:00")),
                                         .init(.resumed(on: day("2026-04-14")), at: clockTime("2026-04-14 15:00"))],
                                records: [ComplianceRecord(id: "roc", kind: .assessment("resumption_of_care"), date: day("2026-04-16"),
                                                           instant: clockTime("2026-04-17 10:00"), visitedAt: clockTime("2026-04-16 14:59"),
                                                           comprehensive: true)])
        #expect(try ClockFixture.obligation("resumption-assessment#1", back, at: clockTime("2026-04-20 12:00")).state == .met(recordID: "roc", late: false))
    }
}

/// Issue 18, finding 2: an unknown time is not midnight. Where only the date of the referral or the return home is
/// known, the 48 hours are counted as calendar days, "by the end of the second day after", the way CMS counts
/// (CMS OASIS Guidance Manual, Chapter 1: "the day of referral is day 0"; 42 CFR 484.55(a)(1) and (d)(2) "within 48 hours").
@Suite struct RegulatoryClockDateOnlyTests {
    @Test func aReferralWithoutATimeIsDueByTheEndOfTheSecondDayAfter() throws {
        let facts = EpisodeFacts(events: [.init(.referralReceived(on: day("2026-06-10")))])
        let obligation = try ClockFixture.obligation("initial-assessment#1", facts, at: clockTime("2026-06-10 10:00"))
        #expect(obligation.window.dueDay == day("2026-06-12"))
        #expect(obligation.window.due == clockTime("2026-06-13 00:00"))
        #expect(obligation.explanation.hasPrefix("Initial assessment visit due by 2026-06-12 because the referral was received on 2026-06-10;"))
        #expect(obligation.explanation.contains("Only the date is known, not the time, so the 48 hours are counted in calendar days as CMS counts them: by the end of the second day after (2026-06-12)."))
        #expect(try ClockFixture.obligation("initial-assessment#1", facts, at: clockTime("2026-06-12 23:59")).state == .dueSoon)
        #expect(try ClockFixture.obligation("initial-assessment#1", facts, at: clockTime("2026-06-13 00:00")).state == .overdue(days: 1))
        let visit = ComplianceRecord(id: "a", kind: .assessment("start_of_care"), date: day("2026-06-12"), instant: clockTime("2026-06-12 22:00"),
                                     visitedAt: clockTime("2026-06-12 21:00"))
        #expect(try ClockFixture.obligation("initial-assessment#1", EpisodeFacts(events: facts.events, records: [visit]),
                                            at: clockTime("2026-06-20 10:00")).state == .met(recordID: "a", late: false))
    }

    /// US clocks fall back 2026-11-01: a return home recorded by date on 2026-10-31 must not show a due time of 23:00.
    @Test func aDateOnlyReturnHomeAcrossAClockChangeShowsADayNotAnOddHour() throws {
        let facts = EpisodeFacts(events: [.init(.referralReceived(on: day("2026-10-01"))), .init(.admitted(startOfCare: day("2026-10-01"))),
                                          .init(.transferred(on: day("2026-10-25"))), .init(.resumed(on: day("2026-10-31")))])
        let obligation = try ClockFixture.obligation("resumption-assessment#1", facts, at: clockTime("2026-10-31 12:00"))
        #expect(obligation.window.dueDay == day("2026-11-02"))
        #expect(obligation.window.due == clockTime("2026-11-03 00:00"))
        #expect(obligation.explanation.hasPrefix("Resumption of care assessment due by 2026-11-02 because the patient returned home on 2026-10-31"))
        #expect(!obligation.explanation.contains("23:00") && !obligation.explanation.contains("01:00"))
    }
}

/// Issue 18, finding 4. 42 CFR 484.55(d)(2): the update is due "within 48 hours of the patient's return to the home ...
/// or on physician-ordered resumption date".
@Suite struct RegulatoryClockOrderedResumptionTests {
    func back(ordered: String?, records: [ComplianceRecord] = []) -> EpisodeFacts {
        EpisodeFacts(events: [.init(.referralReceived(on: day("2026-04-01"))), .init(.admitted(startOfCare: day("2026-04-01"))),
                              .init(.transferred(on: day("2026-04-10")), at: clockTime("2026-04-10 10:00")),
                              .init(.resumed(on: day("2026-04-14")), at: clockTime("2026-04-14 15:00"), orderedDate: ordered.map(day))],
                     records: records)
    }

    @Test func anOrderedResumptionDateReplacesTheFortyEightHours() throws {
        let key = "resumption-assessment#1"
        let ordered = try ClockFixture.obligation(key, back(ordered: "2026-04-18"), at: clockTime("2026-04-15 12:00"))
        #expect(ordered.window.opensDay == day("2026-04-18") && ordered.window.dueDay == day("2026-04-18"))
        #expect(ordered.state == .upcoming)
        #expect(ordered.explanation.contains("the physician ordered care resumed on 2026-04-18"))
        #expect(ordered.explanation.contains("or on the physician-ordered resumption date"))
        let onTheDay = ComplianceRecord(id: "roc", kind: .assessment("resumption_of_care"), date: day("2026-04-18"),
                                        instant: clockTime("2026-04-19 09:00"), visitedAt: clockTime("2026-04-18 11:00"), comprehensive: true)
        #expect(try ClockFixture.obligation(key, back(ordered: "2026-04-18", records: [onTheDay]), at: clockTime("2026-04-20 12:00")).state
                == .met(recordID: "roc", late: false))
        #expect(try ClockFixture.obligation(key, back(ordered: "2026-04-18"), at: clockTime("2026-04-19 00:00")).state == .overdue(days: 1))
        // Without an ordered date the 48 hours from the return home stand.
        #expect(try ClockFixture.obligation(key, back(ordered: nil), at: clockTime("2026-04-15 12:00")).window.due == clockTime("2026-04-16 15:00"))
    }
}
