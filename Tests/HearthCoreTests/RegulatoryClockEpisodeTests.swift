import Foundation
import Testing
@testable import HearthCore

/// One episode walked from referral to discharge: the obligation list grows with each event and every
/// obligation ends met or not applicable [42 CFR 484.55; 42 CFR 484.205(j); 42 CFR 424.22(a)(1)(v)].
@Suite struct RegulatoryClockEpisodeWalkTests {
    typealias States = [String: Obligation.StateKind]

    func states(_ events: [EpisodeFacts.Event], _ records: [ComplianceRecord], at now: Date) throws -> States {
        let obligations = try ClockFixture.clock().obligations(for: EpisodeFacts(events: events, records: records), now: now)
        return Dictionary(uniqueKeysWithValues: obligations.map { ($0.key, $0.state.kind) })
    }

    @Test func referralToDischarge() throws {
        // setup: the episode's events and records as they accumulate
        var events: [EpisodeFacts.Event] = [.init(.referralReceived(on: day("2026-11-20")), at: clockTime("2026-11-20 09:00"))]
        var records: [ComplianceRecord] = []
        #expect(try states(events, records, at: clockTime("2026-11-20 10:00")) == ["initial-assessment#1": .open])

        events.append(.init(.admitted(startOfCare: day("2026-11-23")), at: clockTime("2026-11-23 10:00")))
        records += [signedAssessment("soc", "start_of_care", "2026-11-23", at: "2026-11-23 11:00"),
                    ComplianceRecord(id: "f2f", kind: .faceToFaceEncounter, date: day("2026-11-10"))]
        #expect(try states(events, records, at: clockTime("2026-11-23 12:00")) == [
            "initial-assessment#1": .met, "comprehensive-assessment#1": .met, "notice-of-admission#1": .open,
            "face-to-face-encounter#1": .met, "recertification-assessment#1": .upcoming, "plan-of-care-signed#1": .open,
        ])

        records += [ComplianceRecord(id: "noa", kind: .noticeOfAdmission, date: day("2026-11-24")),
                    ComplianceRecord(id: "poc1", kind: .planOfCareSigned, date: day("2026-12-01"), subject: "period:1")]
        let inWindow = try states(events, records, at: clockTime("2027-01-18 09:00"))
        #expect(inWindow["notice-of-admission#1"] == .met)
        #expect(inWindow["recertification-assessment#1"] == .open) // period 1 ends 2027-01-21

        records.append(signedAssessment("recert", "recertification", "2027-01-19"))
        events += [.init(.recertified(on: day("2027-01-20"))), .init(.transferred(on: day("2027-02-10")), at: clockTime("2027-02-10 08:00"))]
        records += [signedAssessment("xfer", "transfer", "2027-02-11"),
                    ComplianceRecord(id: "poc2", kind: .planOfCareSigned, date: day("2027-01-28"), subject: "period:2"),
                    ComplianceRecord(id: "xsum", kind: .transferSummary, date: day("2027-02-12"))]
        let transferred = try states(events, records, at: clockTime("2027-02-12 09:00"))
        #expect(transferred["recertification-assessment#1"] == .met)
        #expect(transferred["recertification-assessment#2"] == .upcoming)
        #expect(transferred["transfer-assessment#1"] == .met)
        #expect(transferred["resumption-assessment#1"] == nil)

        events.append(.init(.resumed(on: day("2027-02-14")), at: clockTime("2027-02-14 18:00")))
        #expect(try states(events, records, at: clockTime("2027-02-15 12:00"))["resumption-assessment#1"] == .dueSoon)
        records.append(signedAssessment("roc", "resumption_of_care", "2027-02-15", at: "2027-02-15 10:00"))

        events.append(.init(.discharged(on: day("2027-03-05"), reason: "Goals met")))
        records += [signedAssessment("dc", "discharge", "2027-03-05"),
                    ComplianceRecord(id: "dsum", kind: .dischargeSummary, date: day("2027-03-12"))] // Friday + 5 business days
        // act
        let obligations = try ClockFixture.clock().obligations(for: EpisodeFacts(events: events, records: records), now: clockTime("2027-03-13 12:00"))
        // check
        #expect(Dictionary(uniqueKeysWithValues: obligations.map { ($0.key, $0.state.kind) }) == [
            "initial-assessment#1": .met, "comprehensive-assessment#1": .met, "notice-of-admission#1": .met,
            "face-to-face-encounter#1": .met, "recertification-assessment#1": .met, "recertification-assessment#2": .notApplicable,
            "resumption-assessment#1": .met, "transfer-assessment#1": .met, "discharge-assessment#1": .met,
            "plan-of-care-signed#1": .met, "plan-of-care-signed#2": .met, "transfer-summary#1": .met, "discharge-summary#1": .met,
        ])
        #expect(ObligationSummary(obligations).mostUrgent == nil)
        for obligation in obligations {
            #expect(obligation.explanation.contains(obligation.citation))
            #expect(obligation.explanation.hasPrefix(obligation.title + " due by "))
        }
    }

    @Test func theEpisodeStateMachineFeedsTheClock() throws {
        var episode = Episode(referralDate: day("2026-01-12"))
        try episode.apply(.admitted(startOfCare: day("2026-01-15")))
        let keys = try ClockFixture.clock().obligations(for: EpisodeFacts(episode: episode), now: clockTime("2026-01-16 12:00")).map(\.key)
        #expect(keys == ["initial-assessment#1", "comprehensive-assessment#1", "notice-of-admission#1",
                         "face-to-face-encounter#1", "recertification-assessment#1", "plan-of-care-signed#1"])
    }
}

/// A supervisor may waive an obligation with a reason; the waiver is shown with who and why, and a record still wins.
@Suite struct RegulatoryClockWaiverTests {
    let waiver = Waiver(obligationKey: "face-to-face-encounter#1", reason: "Encounter documented by the referring hospital", waivedBy: "D. Reyes, RN")
    func facts(records: [ComplianceRecord] = [], waivers: [Waiver]) -> EpisodeFacts {
        EpisodeFacts(events: [.init(.referralReceived(on: day("2026-06-01"))), .init(.admitted(startOfCare: day("2026-06-01")))],
                     records: records, waivers: waivers)
    }

    @Test func aWaivedObligationIsNeitherOpenNorOverdue() throws {
        let obligation = try ClockFixture.obligation("face-to-face-encounter#1", facts(waivers: [waiver]), at: clockTime("2026-08-01 12:00"))
        #expect(obligation.state == .waived(reason: "Encounter documented by the referring hospital", by: "D. Reyes, RN"))
        #expect(obligation.explanation.hasSuffix("Waived by D. Reyes, RN: Encounter documented by the referring hospital."))
        #expect(!obligation.isOutstanding)
    }

    @Test func aWaiverNeedsAReasonAndAName() {
        #expect(waiver.problem == nil)
        #expect(Waiver(obligationKey: "x#1", reason: "  ", waivedBy: "D. Reyes, RN").problem == "Give the reason this obligation is waived.")
        #expect(Waiver(obligationKey: "x#1", reason: "Duplicate", waivedBy: "").problem == "Say who waived this obligation.")
    }

    @Test func aWaiverAppliesOnlyToItsKey() throws {
        let other = Waiver(obligationKey: "face-to-face-encounter#2", reason: "Wrong key", waivedBy: "D. Reyes, RN")
        #expect(try ClockFixture.obligation("face-to-face-encounter#1", facts(waivers: [other]), at: clockTime("2026-08-01 12:00")).state.kind == .overdue)
    }

    @Test func aRecordStillMeetsAWaivedObligation() throws {
        let record = ComplianceRecord(id: "f2f", kind: .faceToFaceEncounter, date: day("2026-06-10"))
        #expect(try ClockFixture.obligation("face-to-face-encounter#1", facts(records: [record], waivers: [waiver]),
                                            at: clockTime("2026-08-01 12:00")).state == .met(recordID: "f2f", late: false))
    }
}

/// Due dates are computed in the agency's time zone; 48-hour rules are 48 elapsed hours, even across a
/// daylight-saving change (US clocks fall back 2026-11-01 and spring forward 2027-03-14, 15 U.S.C. 260a).
@Suite struct RegulatoryClockTimeZoneTests {
    func referral(at instant: String) -> EpisodeFacts {
        EpisodeFacts(events: [.init(.referralReceived(on: day(String(instant.prefix(10)))), at: clockTime(instant))])
    }

    @Test func fortyEightHoursAcrossFallBack() throws {
        let obligation = try ClockFixture.obligation("initial-assessment#1", referral(at: "2026-10-31 12:00"), at: clockTime("2026-10-31 13:00"))
        #expect(obligation.window.due.timeIntervalSince(clockTime("2026-10-31 12:00")) == 48 * 3600)
        #expect(obligation.window.due == clockTime("2026-11-02 11:00")) // the wall clock shows an hour earlier
        #expect(obligation.explanation.hasPrefix("Initial assessment visit due by 2026-11-02 11:00 UTC-5 because the referral was received at 2026-10-31 12:00 UTC-4;"))
    }

    @Test func fortyEightHoursAcrossSpringForward() throws {
        let obligation = try ClockFixture.obligation("initial-assessment#1", referral(at: "2027-03-13 12:00"), at: clockTime("2027-03-13 13:00"))
        #expect(obligation.window.due.timeIntervalSince(clockTime("2027-03-13 12:00")) == 48 * 3600)
        #expect(obligation.window.due == clockTime("2027-03-15 13:00"))
        #expect(try ClockFixture.obligation("initial-assessment#1", referral(at: "2027-03-13 12:00"), at: clockTime("2027-03-15 12:59")).state == .dueSoon)
        #expect(try ClockFixture.obligation("initial-assessment#1", referral(at: "2027-03-13 12:00"), at: clockTime("2027-03-15 13:00")).state.kind == .overdue)
        let kolkata = TimeZone(identifier: "Asia/Kolkata")!
        #expect(try ClockFixture.clock(in: kolkata).timeText(clockTime("2027-03-15 13:00", in: kolkata)) == "2027-03-15 13:00 UTC+5:30")
    }

    @Test func aDayDueDateEndsAtMidnightInTheAgencyZone() throws {
        let facts = EpisodeFacts(events: [.init(.referralReceived(on: day("2026-11-23"))), .init(.admitted(startOfCare: day("2026-11-23")))])
        let utc = TimeZone(identifier: "UTC")!
        // 03:00 UTC on 11-29 is still 22:00 on 11-28 in New York: due soon there, overdue for an agency on UTC.
        let now = clockTime("2026-11-29 03:00", in: utc)
        let newYork = try ClockFixture.obligation("comprehensive-assessment#1", facts, at: now)
        #expect(newYork.window.due == clockTime("2026-11-29 05:00", in: utc))
        #expect(newYork.state == .dueSoon)
        #expect(try ClockFixture.obligation("comprehensive-assessment#1", facts, at: now, in: utc).state == .overdue(days: 1))
        let losAngeles = TimeZone(identifier: "America/Los_Angeles")!
        #expect(try ClockFixture.obligation("comprehensive-assessment#1", facts, at: now, in: losAngeles).window.due == clockTime("2026-11-29 08:00", in: utc))
    }

    @Test func aDayWindowHoldingTheFallBackDayIsAnHourLonger() throws {
        let facts = EpisodeFacts(events: [.init(.referralReceived(on: day("2026-10-01"))), .init(.admitted(startOfCare: day("2026-10-01"))),
                                          .init(.discharged(on: day("2026-10-30"), reason: "Goals met"))])
        let window = try ClockFixture.obligation("discharge-assessment#1", facts, at: clockTime("2026-10-30 12:00")).window
        #expect(window.dueDay == day("2026-11-01"))
        #expect(window.due == clockTime("2026-11-02 00:00"))
        #expect(window.due.timeIntervalSince(window.opens) == 73 * 3600) // three days, one of them 25 hours long
    }
}
