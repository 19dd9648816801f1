import Foundation
import Testing
@testable import HearthCore

private typealias Fixture = ClockFixture

/// Facts for an episode admitted on `soc` after a referral the same day, plus records.
private func admitted(_ soc: String, records: [ComplianceRecord] = [], more: [EpisodeEvent] = []) -> EpisodeFacts {
    EpisodeFacts(events: [.init(.referralReceived(on: day(soc))), .init(.admitted(startOfCare: day(soc)))] + more.map { .init($0) },
                 records: records)
}

/// Initial assessment visit within 48 hours of referral, or on the physician-ordered SOC date [42 CFR 484.55(a)(1)].
@Suite struct RegulatoryClockInitialAssessmentTests {
    let key = "initial-assessment#1"
    func referral(records: [ComplianceRecord] = [], ordered: String? = nil, more: [EpisodeFacts.Event] = []) -> EpisodeFacts {
        EpisodeFacts(events: [.init(.referralReceived(on: day("2026-06-10")), at: clockTime("2026-06-10 09:00"))] + more,
                     orderedStartOfCare: ordered.map(day), records: records)
    }

    @Test func dueFortyEightHoursAfterTheReferral() throws {
        let window = try Fixture.obligation(key, referral(), at: clockTime("2026-06-10 10:00")).window
        #expect(window.opens == clockTime("2026-06-10 09:00"))
        #expect(window.due == clockTime("2026-06-12 09:00"))
        #expect(try Fixture.obligation(key, referral(), at: clockTime("2026-06-10 10:00")).state == .open)
        #expect(try Fixture.obligation(key, referral(), at: clockTime("2026-06-12 08:59")).state == .dueSoon)
        #expect(try Fixture.obligation(key, referral(), at: clockTime("2026-06-12 09:00")).state == .overdue(days: 0))
        #expect(try Fixture.obligation(key, referral(), at: clockTime("2026-06-13 09:00")).state == .overdue(days: 1))
    }

    @Test func recordsCountByTheirInstant() throws {
        let now = clockTime("2026-06-20 09:00")
        let early = referral(records: [signedAssessment("a", "start_of_care", "2026-06-10", at: "2026-06-10 08:59")])
        #expect(try Fixture.obligation(key, early, at: now).state == .overdue(days: 8))
        let last = referral(records: [signedAssessment("a", "start_of_care", "2026-06-12", at: "2026-06-12 08:59")])
        #expect(try Fixture.obligation(key, last, at: now).state == .met(recordID: "a", late: false))
        let late = referral(records: [signedAssessment("a", "start_of_care", "2026-06-12", at: "2026-06-12 09:00")])
        #expect(try Fixture.obligation(key, late, at: now).state == .met(recordID: "a", late: true))
        // Without a time, a record on the due day gets the benefit of the doubt.
        let dateOnly = referral(records: [signedAssessment("a", "start_of_care", "2026-06-12")])
        #expect(try Fixture.obligation(key, dateOnly, at: now).state == .met(recordID: "a", late: false))
    }

    /// Issue 18, finding 2: without a time the 48 hours are calendar days (by the end of the second day after), not
    /// 48 hours from a midnight nobody recorded.
    @Test func withoutAnInstantTheHoursCountAsCalendarDays() throws {
        let facts = EpisodeFacts(events: [.init(.referralReceived(on: day("2026-06-10")))])
        let window = try Fixture.obligation(key, facts, at: clockTime("2026-06-10 10:00")).window
        #expect(window.due == clockTime("2026-06-13 00:00"))
        #expect(window.dueDay == day("2026-06-12"))
    }

    @Test func anOrderedStartOfCareDateReplacesTheFortyEightHours() throws {
        let facts = { (records: [ComplianceRecord]) in referral(records: records, ordered: "2026-06-15") }
        #expect(try Fixture.obligation(key, facts([]), at: clockTime("2026-06-14 12:00")).state == .upcoming)
        #expect(try Fixture.obligation(key, facts([]), at: clockTime("2026-06-15 23:59")).state == .dueSoon)
        #expect(try Fixture.obligation(key, facts([]), at: clockTime("2026-06-16 00:00")).state == .overdue(days: 1))
        let now = clockTime("2026-06-20 12:00")
        #expect(try Fixture.obligation(key, facts([signedAssessment("a", "start_of_care", "2026-06-14")]), at: now).state == .overdue(days: 5))
        #expect(try Fixture.obligation(key, facts([signedAssessment("a", "start_of_care", "2026-06-15")]), at: now).state == .met(recordID: "a", late: false))
        #expect(try Fixture.obligation(key, facts([signedAssessment("a", "start_of_care", "2026-06-16")]), at: now).state == .met(recordID: "a", late: true))
        #expect(try Fixture.obligation(key, facts([]), at: now).explanation.contains("physician ordered start of care for 2026-06-15"))
    }

    @Test func aReferralNotAdmittedInTheWindowNeedsNoAssessment() throws {
        let facts = referral(more: [.init(.notAdmitted(on: day("2026-06-11"), reason: "Outside the service area"))])
        let obligation = try Fixture.obligation(key, facts, at: clockTime("2026-06-20 12:00"))
        #expect(obligation.state == .notApplicable(reason: "not admitted on 2026-06-11, before the window closed on 2026-06-12"))
    }
}

/// Comprehensive assessment within 5 calendar days after SOC, SOC being day 0 [42 CFR 484.55(b)(1)].
@Suite struct RegulatoryClockComprehensiveAssessmentTests {
    let key = "comprehensive-assessment#1"

    @Test func dueAtTheEndOfDayFive() throws {
        let facts = admitted("2026-11-23")
        #expect(try Fixture.obligation(key, facts, at: clockTime("2026-11-26 12:00")).state == .open)
        #expect(try Fixture.obligation(key, facts, at: clockTime("2026-11-27 12:00")).state == .dueSoon)
        #expect(try Fixture.obligation(key, facts, at: clockTime("2026-11-28 23:59")).state == .dueSoon)
        #expect(try Fixture.obligation(key, facts, at: clockTime("2026-11-29 00:00")).state == .overdue(days: 1))
    }

    @Test(arguments: [("2026-11-22", nil), ("2026-11-23", false), ("2026-11-27", false), ("2026-11-28", false), ("2026-11-29", true)])
    func recordsAroundTheEdges(date: String, late: Bool?) throws {
        let facts = admitted("2026-11-23", records: [signedAssessment("a1", "start_of_care", date)])
        let state = try Fixture.obligation(key, facts, at: clockTime("2026-12-05 12:00")).state
        #expect(state == (late.map { .met(recordID: "a1", late: $0) } ?? .overdue(days: 7)))
    }

    @Test func explanationSaysWhyWhenAndBySourceAndWhatMetIt() throws {
        let facts = admitted("2026-11-23", records: [signedAssessment("a1", "start_of_care", "2026-11-25")])
        let explanation = try Fixture.obligation(key, facts, at: clockTime("2026-11-26 12:00")).explanation
        #expect(explanation == """
            Comprehensive assessment due by 2026-11-28 because start of care was 2026-11-23; 42 CFR 484.55(b)(1): \
            within 5 calendar days after start of care (start of care is day 0), on an instrument that carries the comprehensive \
            assessment's required content (42 CFR 484.55(c)). The window runs from 2026-11-23 to 2026-11-28. \
            Met by the start-of-care assessment dated 2026-11-25.
            """)
    }

    /// Issue 18, finding 13: a record is named as a person would name it (kind, date, who), never by its id.
    @Test func theExplanationNamesTheRecordByItsLabelNotItsID() throws {
        var record = signedAssessment("0330f2ad-9c1e-4f7e-a1b2-1234567890ab", "start_of_care", "2026-11-25")
        record.label = "the start-of-care assessment (comprehensive home assessment) of 2026-11-25 signed by Ana Ruiz"
        let explanation = try Fixture.obligation(key, admitted("2026-11-23", records: [record]), at: clockTime("2026-11-26 12:00")).explanation
        #expect(explanation.hasSuffix("Met by the start-of-care assessment (comprehensive home assessment) of 2026-11-25 signed by Ana Ruiz."))
        #expect(!explanation.contains("0330f2ad"))
    }

    /// 42 CFR 484.55(c): "The comprehensive assessment must accurately reflect the patient's status, and must include,
    /// at a minimum, the following information: …" (issue 18, finding 7: a one-item pain scale filed as "start of care"
    /// marked it met). The initial assessment visit [484.55(a)] is still met by it: that visit has no content list.
    @Test func anInstrumentWithoutTheComprehensiveContentDoesNotMeetIt() throws {
        let facts = admitted("2026-11-23", records: [signedAssessment("pain", "start_of_care", "2026-11-25", comprehensive: false)])
        let obligation = try Fixture.obligation(key, facts, at: clockTime("2026-11-26 12:00"))
        #expect(obligation.state == .open)
        #expect(obligation.explanation.contains("on an instrument with the comprehensive assessment's content (the comprehensive home assessment)"))
        for rule in ["recertification-assessment", "resumption-assessment", "discharge-assessment"] {
            #expect(try ClockFixture.clock().rules.rule(rule)?.comprehensiveOnly == true, "\(rule): 484.55(d) updates the comprehensive assessment")
        }
        #expect(try ClockFixture.clock().rules.rule("initial-assessment")?.comprehensiveOnly == false)
        #expect(try ClockFixture.clock().rules.rule("transfer-assessment")?.comprehensiveOnly == false)
    }

    @Test func aRecordOfAnotherKindDoesNotCount() throws {
        let facts = admitted("2026-11-23", records: [signedAssessment("a1", "follow_up", "2026-11-25")])
        #expect(try Fixture.obligation(key, facts, at: clockTime("2026-11-26 12:00")).state == .open)
    }
}

/// Notice of Admission submitted within 5 calendar days after SOC [42 CFR 484.205(j)].
@Suite struct RegulatoryClockNoticeOfAdmissionTests {
    let key = "notice-of-admission#1"

    @Test(arguments: [("2026-11-27", false), ("2026-11-28", false), ("2026-11-29", true)])
    func submittedAroundTheDueDay(date: String, late: Bool) throws {
        let facts = admitted("2026-11-23", records: [ComplianceRecord(id: "noa", kind: .noticeOfAdmission, date: day(date))])
        #expect(try Fixture.obligation(key, facts, at: clockTime("2026-12-01 12:00")).state == .met(recordID: "noa", late: late))
    }

    @Test func overdueTheDayAfter() throws {
        #expect(try Fixture.obligation(key, admitted("2026-11-23"), at: clockTime("2026-11-28 12:00")).state == .dueSoon)
        #expect(try Fixture.obligation(key, admitted("2026-11-23"), at: clockTime("2026-11-29 12:00")).state == .overdue(days: 1))
    }

    /// 484.205(j): "the HHA must submit a Notice of Admission (NOA) to its Medicare contractor" — a condition of
    /// traditional Medicare's payment. A patient paid only by a Medicare Advantage plan (Part C) or Medicaid owes none.
    @Test(arguments: [([PayerProgram.medicare], true), ([.medicare, .medicaid], true), ([.medicareAdvantage], false),
                      ([.medicaid], false), ([.medicareAdvantage, .medicaid], false), ([.commercial], false)])
    func owedOnlyForTraditionalMedicare(payers: [PayerProgram], owed: Bool) throws {
        var facts = admitted("2026-11-23")
        facts.payers = Set(payers)
        let state = try Fixture.obligation(key, facts, at: clockTime("2026-11-29 12:00")).state
        if owed {
            #expect(state == .overdue(days: 1))
        } else {
            #expect(state.kind == .notApplicable)
            #expect(try Fixture.obligation(key, facts, at: clockTime("2026-11-29 12:00")).explanation.contains("owed only for traditional Medicare"))
        }
    }

    /// No payer recorded yet: the deadline stays, so a missing coverage never hides it.
    @Test func heldWhenNoPayerIsRecorded() throws {
        var facts = admitted("2026-11-23")
        facts.payers = []
        #expect(try Fixture.obligation(key, facts, at: clockTime("2026-11-29 12:00")).state == .overdue(days: 1))
    }
}

/// Face-to-face encounter no more than 90 days before or 30 days after SOC [42 CFR 424.22(a)(1)(v)].
@Suite struct RegulatoryClockFaceToFaceTests {
    let key = "face-to-face-encounter#1"
    func encounter(_ date: String) -> [ComplianceRecord] { [ComplianceRecord(id: "f2f", kind: .faceToFaceEncounter, date: day(date))] }

    /// Medicare [424.22(a)(1)(v)] and Medicaid [440.70(f)(1): "no more than 90 days before or within the 30 days after
    /// the start of services"] require the encounter; a Medicare Advantage plan sets its own rules.
    @Test(arguments: [([PayerProgram.medicare], true), ([.medicaid], true), ([.medicareAdvantage], false), ([.commercial, .other], false)])
    func owedForMedicareAndMedicaid(payers: [PayerProgram], owed: Bool) throws {
        var facts = admitted("2026-11-23")
        facts.payers = Set(payers)
        let state = try Fixture.obligation(key, facts, at: clockTime("2026-12-24 12:00")).state
        #expect((state.kind == .notApplicable) == !owed)
    }

    @Test func windowOpensNinetyDaysBeforeStartOfCare() throws {
        let now = clockTime("2026-06-10 12:00")
        #expect(try Fixture.obligation(key, admitted("2026-06-01", records: encounter("2026-03-02")), at: now).state == .open) // day -91
        #expect(try Fixture.obligation(key, admitted("2026-06-01", records: encounter("2026-03-03")), at: now).state == .met(recordID: "f2f", late: false))
        #expect(try Fixture.obligation(key, admitted("2026-06-01", records: encounter("2026-03-04")), at: now).state == .met(recordID: "f2f", late: false))
    }

    @Test func dueThirtyDaysAfterStartOfCare() throws {
        let now = clockTime("2026-07-10 12:00")
        #expect(try Fixture.obligation(key, admitted("2026-06-01", records: encounter("2026-06-30")), at: now).state == .met(recordID: "f2f", late: false))
        #expect(try Fixture.obligation(key, admitted("2026-06-01", records: encounter("2026-07-01")), at: now).state == .met(recordID: "f2f", late: false))
        #expect(try Fixture.obligation(key, admitted("2026-06-01", records: encounter("2026-07-02")), at: now).state == .met(recordID: "f2f", late: true))
        #expect(try Fixture.obligation(key, admitted("2026-06-01"), at: clockTime("2026-07-01 12:00")).state == .dueSoon)
        #expect(try Fixture.obligation(key, admitted("2026-06-01"), at: clockTime("2026-07-02 12:00")).state == .overdue(days: 1))
    }
}

/// Transfer assessment within 2 calendar days of learning of the transfer (CMS OASIS Guidance Manual, ch. 1, M0090),
/// and discharge assessment within 2 calendar days after discharge [42 CFR 484.55(d)(3); M0090].
@Suite struct RegulatoryClockTransferAndDischargeTests {
    @Test(arguments: [("2026-06-30", nil), ("2026-07-01", false), ("2026-07-03", false), ("2026-07-04", true)])
    func transferAssessment(date: String, late: Bool?) throws {
        let facts = admitted("2026-06-01", records: [signedAssessment("t", "transfer", date)], more: [.transferred(on: day("2026-07-01"))])
        let state = try Fixture.obligation("transfer-assessment#1", facts, at: clockTime("2026-07-10 12:00")).state
        #expect(state == (late.map { .met(recordID: "t", late: $0) } ?? .overdue(days: 7)))
    }

    @Test(arguments: [("2026-07-19", nil), ("2026-07-20", false), ("2026-07-22", false), ("2026-07-23", true)])
    func dischargeAssessment(date: String, late: Bool?) throws {
        let facts = admitted("2026-06-01", records: [signedAssessment("d", "discharge", date)], more: [.discharged(on: day("2026-07-20"), reason: "Goals met")])
        let state = try Fixture.obligation("discharge-assessment#1", facts, at: clockTime("2026-07-30 12:00")).state
        #expect(state == (late.map { .met(recordID: "d", late: $0) } ?? .overdue(days: 8)))
    }

    @Test func dischargeAssessmentOverdueTheThirdDay() throws {
        let facts = admitted("2026-06-01", more: [.discharged(on: day("2026-07-20"), reason: "Goals met")])
        #expect(try Fixture.obligation("discharge-assessment#1", facts, at: clockTime("2026-07-22 12:00")).state == .dueSoon)
        #expect(try Fixture.obligation("discharge-assessment#1", facts, at: clockTime("2026-07-23 00:00")).state == .overdue(days: 1))
    }
}
