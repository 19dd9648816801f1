import Foundation
import Testing
@testable import HearthCore

/// Which OASIS ends an episode (issue 18, finding 6). CMS OASIS Guidance Manual, Chapter 1: the death-at-home time point
/// (RFA 8) is completed "within 2 calendar days of the death" and replaces the discharge (RFA 9), which is for a patient
/// "discharged from agency: not to an inpatient facility"; a discharge assessment never follows a transfer.
@Suite struct RegulatoryClockEndOfCareTests {
    let admitted: [EpisodeFacts.Event] = [.init(.referralReceived(on: day("2026-11-02"))), .init(.admitted(startOfCare: day("2026-11-03")))]

    func facts(_ more: [EpisodeFacts.Event], records: [ComplianceRecord] = []) -> EpisodeFacts {
        EpisodeFacts(events: admitted + more, records: records)
    }

    @Test func aDeathAtHomeOwesTheDeathAtHomeTimePointNotADischargeAssessment() throws {
        // setup: died at home on Saturday 2026-11-21 (day 0); due by the end of day 2, Monday the 23rd
        let died = facts([.init(.discharged(on: day("2026-11-21"), reason: "Died at home"), diedAtHome: true)])
        // act
        let discharge = try ClockFixture.obligation("discharge-assessment#1", died, at: clockTime("2026-11-22 09:00"))
        let death = try ClockFixture.obligation("death-at-home-assessment#1", died, at: clockTime("2026-11-23 23:59"))
        let late = try ClockFixture.obligation("death-at-home-assessment#1", died, at: clockTime("2026-11-24 00:00"))
        // check
        #expect(discharge.state == .notApplicable(reason: "the patient died at home on 2026-11-21; the death-at-home assessment (OASIS RFA 8) is owed instead"))
        #expect(!discharge.explanation.contains("Satisfied by"))
        #expect(death.window.opensDay == day("2026-11-21") && death.window.dueDay == day("2026-11-23"))
        #expect(death.state == .dueSoon)
        #expect(late.state == .overdue(days: 1))
        #expect(death.explanation.hasPrefix("Death at home assessment due by 2026-11-23 because the patient died at home on 2026-11-21"))
        #expect(death.explanation.contains("Satisfied by a death-at-home assessment dated in the window."))
    }

    @Test func theDeathAtHomeTimePointIsMetOnDayTwoAndLateOnDayThree() throws {
        let onDay2 = facts([.init(.discharged(on: day("2026-12-30"), reason: "Died"), diedAtHome: true)],
                           records: [signedAssessment("rfa8", "death_at_home", "2027-01-01", comprehensive: false)])
        let onDay3 = facts([.init(.discharged(on: day("2026-12-30"), reason: "Died"), diedAtHome: true)],
                           records: [signedAssessment("rfa8", "death_at_home", "2027-01-02", comprehensive: false)])
        #expect(try ClockFixture.obligation("death-at-home-assessment#1", onDay2, at: clockTime("2027-01-05")).state == .met(recordID: "rfa8", late: false))
        #expect(try ClockFixture.obligation("death-at-home-assessment#1", onDay3, at: clockTime("2027-01-05")).state == .met(recordID: "rfa8", late: true))
    }

    @Test func anOrdinaryDischargeOwesNoDeathAtHomeTimePoint() throws {
        let keys = try ClockFixture.keys(facts([.init(.discharged(on: day("2026-11-21"), reason: "Goals met"))]), at: clockTime("2026-11-22"))
        #expect(keys.contains("discharge-assessment#1"))
        #expect(!keys.contains("death-at-home-assessment#1"))
    }

    @Test func aDischargeWhileStillInTheHospitalOwesNoDischargeAssessment() throws {
        // setup: transferred 2026-11-10, never came home, discharged by the agency on 2026-11-20
        let inHospital = facts([.init(.transferred(on: day("2026-11-10"))), .init(.discharged(on: day("2026-11-20"), reason: "Went to a nursing home"))])
        // act
        let discharge = try ClockFixture.obligation("discharge-assessment#1", inHospital, at: clockTime("2026-12-07"))
        let summary = try ClockFixture.obligation("discharge-summary#1", inHospital, at: clockTime("2026-12-07"))
        // check: the transfer OASIS was the last one; the agency's discharge summary is still owed
        #expect(discharge.state.kind == .notApplicable)
        #expect(discharge.explanation.contains("discharged on 2026-11-20 while still in the inpatient facility (transferred on 2026-11-10)"))
        #expect(summary.state.kind == .overdue)
    }

    @Test func aDischargeAfterTheReturnHomeStillOwesTheDischargeAssessment() throws {
        let home = facts([.init(.transferred(on: day("2026-11-10"))), .init(.resumed(on: day("2026-11-14"))),
                          .init(.discharged(on: day("2026-11-20"), reason: "Goals met"))])
        #expect(try ClockFixture.obligation("discharge-assessment#1", home, at: clockTime("2026-11-21")).state == .dueSoon)
    }

    /// 484.55(d)(2): resumption "after a hospital admission of 24 hours or more for any reason other than diagnostic tests".
    @Test func aShortOrDiagnosticStayOwesNoResumptionOfCare() throws {
        let back23h = facts([.init(.transferred(on: day("2026-11-10")), at: clockTime("2026-11-10 10:00")),
                             .init(.resumed(on: day("2026-11-11")), at: clockTime("2026-11-11 09:00"))])
        let back24h = facts([.init(.transferred(on: day("2026-11-10")), at: clockTime("2026-11-10 10:00")),
                             .init(.resumed(on: day("2026-11-11")), at: clockTime("2026-11-11 10:00"))])
        let tests = facts([.init(.transferred(on: day("2026-11-10")), diagnosticOnly: true), .init(.resumed(on: day("2026-11-13")))])
        #expect(try ClockFixture.obligation("resumption-assessment#1", back23h, at: clockTime("2026-11-11 12:00")).state.kind == .notApplicable)
        #expect(try ClockFixture.obligation("resumption-assessment#1", back24h, at: clockTime("2026-11-11 12:00")).state.kind == .open)
        let diagnostic = try ClockFixture.obligation("resumption-assessment#1", tests, at: clockTime("2026-11-14"))
        #expect(diagnostic.state.kind == .notApplicable)
        #expect(diagnostic.explanation.contains("for diagnostic tests only"))
        #expect(try ClockFixture.obligation("transfer-assessment#1", tests, at: clockTime("2026-11-14")).state.kind == .notApplicable)
    }
}

/// 42 CFR 484.45(a): "An HHA must encode and electronically transmit each completed OASIS assessment to the CMS system
/// ... within 30 days of completing the assessment of the beneficiary."
@Suite struct RegulatoryClockOASISSubmissionTests {
    let events: [EpisodeFacts.Event] = [.init(.referralReceived(on: day("2026-02-27"))), .init(.admitted(startOfCare: day("2026-02-28")))]

    func facts(_ assessments: [OASISAssessment], _ submissions: [OASISSubmission] = []) -> EpisodeFacts {
        var facts = EpisodeFacts(events: events)
        facts.oasisAssessments = assessments
        facts.oasisSubmissions = submissions
        return facts
    }

    let soc = OASISAssessment(id: "a1", kind: .startOfCare, completedOn: day("2026-02-28"), label: "the start-of-care assessment of 2026-02-28")

    @Test func dueThirtyDaysAfterTheDayItWasCompleted() throws {
        // setup: completed 2026-02-28 (day 0); day 30 is 2026-03-30, across the March clock change
        let owed = facts([soc])
        // act
        let open = try ClockFixture.obligation("oasis-submission#1", owed, at: clockTime("2026-03-30 23:59"))
        let overdue = try ClockFixture.obligation("oasis-submission#1", owed, at: clockTime("2026-03-31 00:00"))
        // check
        #expect(open.window.opensDay == day("2026-02-28") && open.window.dueDay == day("2026-03-30"))
        #expect(open.state == .dueSoon)
        #expect(overdue.state == .overdue(days: 1))
        #expect(open.explanation.hasPrefix("OASIS submitted to CMS due by 2026-03-30 because the start-of-care assessment of 2026-02-28 was completed on 2026-02-28; 42 CFR 484.45(a)"))
    }

    @Test func onlyAnAcceptedTransmissionMeetsIt() throws {
        let day30 = facts([soc], [.init(assessmentID: "a1", status: .accepted, on: day("2026-03-30"))])
        let day31 = facts([soc], [.init(assessmentID: "a1", status: .accepted, on: day("2026-03-31"))])
        let submitted = facts([soc], [.init(assessmentID: "a1", status: .submitted, on: day("2026-03-02"))])
        #expect(try ClockFixture.obligation("oasis-submission#1", day30, at: clockTime("2026-04-01")).state.kind == .met)
        #expect(try ClockFixture.obligation("oasis-submission#1", day31, at: clockTime("2026-04-01")).state == .met(recordID: "oasis-submission:a1:2026-03-31", late: true))
        let pending = try ClockFixture.obligation("oasis-submission#1", submitted, at: clockTime("2026-03-03"))
        #expect(pending.state == .open)
        #expect(pending.explanation.hasSuffix("Submitted 2026-03-02; it counts once CMS accepts it."))
    }

    @Test func aRejectedTransmissionStaysOwedAndSaysWhy() throws {
        let rejected = facts([soc], [.init(assessmentID: "a1", status: .submitted, on: day("2026-03-02")),
                                     .init(assessmentID: "a1", status: .rejected, on: day("2026-03-03"), reason: "fatal edit: M0090 date out of range")])
        let obligation = try ClockFixture.obligation("oasis-submission#1", rejected, at: clockTime("2026-03-04"))
        #expect(obligation.state == .open)
        #expect(obligation.explanation.hasSuffix("Submitted 2026-03-02; rejected 2026-03-03 (fatal edit: M0090 date out of range); a rejected submission stays owed until it is corrected and accepted."))
    }

    @Test func aCorrectionIsOwedItsOwnTransmissionAndAnAcceptanceMeetsOnlyItsVersion() throws {
        let correction = OASISAssessment(id: "a2", kind: .startOfCare, completedOn: day("2026-03-05"), corrects: "a1", label: "the start-of-care assessment of 2026-02-28, corrected")
        let owed = facts([soc, correction], [.init(assessmentID: "a1", status: .accepted, on: day("2026-03-01"))])
        let obligations = try ClockFixture.clock().obligations(for: owed, now: clockTime("2026-03-06")).filter { $0.ruleID == "oasis-submission" }
        #expect(obligations.map(\.state.kind) == [.met, .open])
        #expect(obligations[1].window.dueDay == day("2026-04-04"))
        #expect(obligations[1].explanation.contains("(a correction, to be transmitted again)"))
    }

    /// Every OASIS time point owes its transmission; an instrument that is not an OASIS (a one-item scale) does not.
    @Test func whichAssessmentsAreOASIS() {
        for kind in AssessmentKind.allCases where kind != .transfer && kind != .deathAtHome {
            #expect(kind.isOASIS(comprehensiveInstrument: true))
            #expect(!kind.isOASIS(comprehensiveInstrument: false))
        }
        #expect(AssessmentKind.transfer.isOASIS(comprehensiveInstrument: false))
        #expect(AssessmentKind.deathAtHome.isOASIS(comprehensiveInstrument: false))
    }

    @Test func aSubmissionRecordIsCheckedBeforeItIsSaved() {
        let rejectedWithoutReason = OASISSubmission(assessmentID: "a1", status: .rejected, on: day("2026-03-03"), reason: " ")
        #expect(rejectedWithoutReason.problem(completedOn: day("2026-02-28"), today: day("2026-03-04"))?.field == "reason")
        #expect(OASISSubmission(assessmentID: "a1", status: .accepted, on: day("2026-02-27")).problem(completedOn: day("2026-02-28"), today: day("2026-03-04"))?.field == "on")
        #expect(OASISSubmission(assessmentID: "a1", status: .accepted, on: day("2026-03-05")).problem(completedOn: day("2026-02-28"), today: day("2026-03-04"))?.field == "on")
        #expect(OASISSubmission(assessmentID: "a1", status: .accepted, on: day("2026-02-28")).problem(completedOn: day("2026-02-28"), today: day("2026-02-28")) == nil)
    }
}

/// 484.55(d)(1)(ii): the comprehensive assessment is updated "within the last 5 days of every 60 days beginning with
/// the start-of-care date, unless there is a— ... (ii) Significant change in condition"; the other follow-up
/// (significant change, OASIS RFA 5) is its own time point: it meets neither the recertification nor a resumption.
@Suite struct RegulatoryClockFollowUpTests {
    @Test func aFollowUpMeetsNoRecertificationOrResumptionButOwesItsTransmission() throws {
        // setup: SOC 2026-01-01; period 1 ends 2026-03-01 (window 02-25 – 03-01); a follow-up on 2026-02-26 in the window
        var facts = EpisodeFacts(events: [.init(.referralReceived(on: day("2026-01-01"))), .init(.admitted(startOfCare: day("2026-01-01"))),
                                          .init(.transferred(on: day("2026-02-20"))), .init(.resumed(on: day("2026-02-25")))],
                                 records: [signedAssessment("fu", "follow_up", "2026-02-26")])
        facts.oasisAssessments = [OASISAssessment(id: "fu", kind: .followUp, completedOn: day("2026-02-26"), label: "the follow-up assessment of 2026-02-26")]
        // act
        let obligations = try ClockFixture.clock().obligations(for: facts, now: clockTime("2026-03-02"))
        let state = { (key: String) in obligations.first { $0.key == key }?.state.kind }
        // check
        #expect(state("recertification-assessment#1") == .overdue)
        #expect(state("resumption-assessment#1") == .overdue)
        #expect(state("oasis-submission#1") == .open)
    }
}
