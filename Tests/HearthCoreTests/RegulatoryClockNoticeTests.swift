import Foundation
import Testing
@testable import HearthCore

/// Notices owed before care ends or changes, and the assessment owed after a significant change (issue 18).
/// - 42 CFR 405.1200(b) and CMS Claims Processing Manual, Ch. 30, §260.3.4: the NOMNC is delivered "at least 2 days before"
///   covered services end; §260.2.1: none when the beneficiary ends care on their own initiative.
/// - 42 CFR 484.50(c)(8): written notice "in advance of a specific service being furnished, if the HHA believes that the
///   service may be non-covered care; or in advance of the HHA reducing or terminating on-going care" (the HHABN).
/// - 42 CFR 484.50(d): the transfer or discharge notice; (d)(4) "the patient refuses services, or elects to be transferred
///   or discharged"; the 5-day period is the issue's, marked unverified in the rule.
@Suite struct RegulatoryClockNoticeTests {
    let admitted: [EpisodeFacts.Event] = [.init(.referralReceived(on: day("2026-11-02"))), .init(.admitted(startOfCare: day("2026-11-03")))]

    func facts(_ events: [CareEvent], notices: [PatientNotice] = [], payers: Set<PayerProgram>? = [.medicare]) -> EpisodeFacts {
        var facts = EpisodeFacts(events: admitted, payers: payers)
        facts.careEvents = events
        facts.notices = notices
        return facts
    }

    let discharge = CareEvent(id: "plan1", kind: .plannedDischarge, on: day("2026-12-10"), detail: "goals met")

    func notice(_ kind: PatientNotice.Kind, _ on: String, for event: String = "plan1", response: PatientNotice.Response = .signed) -> PatientNotice {
        PatientNotice(id: "n-\(kind.rawValue)-\(on)", kind: kind, careEventID: event, deliveredOn: day(on), deliveredBy: "Ana Ruiz, RN", response: response)
    }

    @Test func theNOMNCIsDueTwoDaysBeforeTheLastCoveredDay() throws {
        // setup: last covered day Thursday 2026-12-10 is day 0; "at least 2 days before" is due by the end of Tuesday the 8th
        let owed = facts([discharge])
        // act
        let onTime = try ClockFixture.obligation("nomnc#1", owed, at: clockTime("2026-12-08 23:59"))
        let late = try ClockFixture.obligation("nomnc#1", owed, at: clockTime("2026-12-09 00:00"))
        // check
        #expect(onTime.window.dueDay == day("2026-12-08"))
        #expect(onTime.state == .dueSoon)
        #expect(late.state == .overdue(days: 1))
        #expect(onTime.explanation.hasPrefix("Notice of Medicare Non-Coverage (NOMNC) delivered due by 2026-12-08 because the discharge planned for 2026-12-10 (goals met)"))
    }

    @Test func aNOMNCDeliveredOnDayMinusTwoMeetsItAndOnDayMinusOneIsLate() throws {
        let onTime = facts([discharge], notices: [notice(.nomnc, "2026-12-08", response: .refused)])
        let oneDayShort = facts([discharge], notices: [notice(.nomnc, "2026-12-09")])
        let met = try ClockFixture.obligation("nomnc#1", onTime, at: clockTime("2026-12-09"))
        #expect(met.state == .met(recordID: "notice:n-nomnc-2026-12-08", late: false))
        // A refusal to sign is still a delivered notice.
        #expect(met.explanation.contains("delivered 2026-12-08 by Ana Ruiz, RN, the patient refused to sign"))
        #expect(try ClockFixture.obligation("nomnc#1", oneDayShort, at: clockTime("2026-12-09")).state == .met(recordID: "notice:n-nomnc-2026-12-09", late: true))
    }

    @Test func theNOMNCIsOwedOnlyForMedicareAndMedicareAdvantage() throws {
        let medicaid = try ClockFixture.obligation("nomnc#1", facts([discharge], payers: [.medicaid]), at: clockTime("2026-12-01"))
        let advantage = try ClockFixture.obligation("nomnc#1", facts([discharge], payers: [.medicareAdvantage]), at: clockTime("2026-12-01"))
        #expect(medicaid.state.kind == .notApplicable)
        #expect(advantage.state == .open)
        // the 484.50(d) notice is owed whoever pays
        #expect(try ClockFixture.obligation("transfer-discharge-notice#1", facts([discharge], payers: [.medicaid]), at: clockTime("2026-12-01")).state == .open)
    }

    @Test func theTransferOrDischargeNoticeIsDueFiveDaysBefore() throws {
        // planned day 2026-12-10 is day 0; 5 days before is Saturday 2026-12-05 (calendar days, weekends count)
        let owed = facts([discharge])
        let notice5 = try ClockFixture.obligation("transfer-discharge-notice#1", owed, at: clockTime("2026-12-05 23:59"))
        #expect(notice5.window.dueDay == day("2026-12-05"))
        #expect(notice5.state == .dueSoon)
        #expect(try ClockFixture.obligation("transfer-discharge-notice#1", owed, at: clockTime("2026-12-06")).state == .overdue(days: 1))
        let given = facts([discharge], notices: [notice(.transferDischarge, "2026-12-05")])
        #expect(try ClockFixture.obligation("transfer-discharge-notice#1", given, at: clockTime("2026-12-06")).state.kind == .met)
    }

    @Test func noNoticeIsOwedWhenThePatientChoseToEndCare() throws {
        // 484.50(d)(4): "the patient refuses services, or elects to be transferred or discharged"; Ch. 30 §260.2.1
        var elected = discharge
        elected.exception = .patientElected
        let owed = facts([elected])
        for key in ["nomnc#1", "transfer-discharge-notice#1"] {
            let obligation = try ClockFixture.obligation(key, owed, at: clockTime("2026-12-09"))
            #expect(obligation.state.kind == .notApplicable)
            #expect(obligation.explanation.contains("the patient chose to end or refuse the care (goals met), so no advance notice is owed"))
        }
    }

    @Test func aDischargePlannedAgainMovesTheNotices() throws {
        let later = CareEvent(id: "plan2", kind: .plannedDischarge, on: day("2026-12-17"), detail: "wound not yet healed")
        let replanned = facts([discharge, later])
        let first = try ClockFixture.obligation("nomnc#1", replanned, at: clockTime("2026-12-09"))
        let second = try ClockFixture.obligation("nomnc#2", replanned, at: clockTime("2026-12-09"))
        #expect(first.state == .notApplicable(reason: "the discharge was planned again, for 2026-12-17; the notices are owed before that day"))
        #expect(second.window.dueDay == day("2026-12-15"))
        // a notice given for the first plan does not meet the second
        let oldNotice = facts([discharge, later], notices: [notice(.nomnc, "2026-12-07")])
        #expect(try ClockFixture.obligation("nomnc#2", oldNotice, at: clockTime("2026-12-16")).state == .overdue(days: 1))
    }

    @Test func theHHABNIsDueTheDayBeforeCareIsReduced() throws {
        // "in advance of the HHA reducing or terminating on-going care": the change on 2026-12-01 is day 0, due by 2026-11-30
        let reduce = CareEvent(id: "cut1", kind: .careReduction, on: day("2026-12-01"), detail: "aide visits from 3 to 1 a week")
        let owed = facts([reduce])
        let hhabn = try ClockFixture.obligation("hhabn#1", owed, at: clockTime("2026-11-30 12:00"))
        #expect(hhabn.window.dueDay == day("2026-11-30"))
        #expect(hhabn.state == .dueSoon)
        #expect(try ClockFixture.obligation("hhabn#1", owed, at: clockTime("2026-12-01 00:00")).state == .overdue(days: 1))
        let given = facts([reduce], notices: [notice(.hhabn, "2026-11-30", for: "cut1")])
        #expect(try ClockFixture.obligation("hhabn#1", given, at: clockTime("2026-12-01")).state.kind == .met)
        // a reduction owes no NOMNC or discharge notice
        #expect(try !ClockFixture.keys(owed, at: clockTime("2026-12-01")).contains("nomnc#1"))
    }

    @Test func aNoticeMustMatchTheChangeItIsGivenBefore() {
        let reduce = CareEvent(id: "cut1", kind: .careReduction, on: day("2026-12-01"), detail: "aide visits end")
        #expect(notice(.nomnc, "2026-11-29", for: "cut1").problem(for: reduce, today: day("2026-11-30"))?.field == "kind")
        #expect(notice(.hhabn, "2026-12-02", for: "cut1").problem(for: reduce, today: day("2026-11-30"))?.field == "on")
        var nobody = notice(.hhabn, "2026-11-29", for: "cut1")
        nobody.deliveredBy = "  "
        #expect(nobody.problem(for: reduce, today: day("2026-11-30"))?.field == "by")
        #expect(notice(.hhabn, "2026-11-29", for: "cut1").problem(for: reduce, today: day("2026-11-30")) == nil)
    }

    @Test func aDeathAtHomeBeforeThePlannedDischargeOwesNoNotice() throws {
        // 484.50(d)(6): "The patient dies"
        var died = facts([discharge])
        died.events.append(.init(.discharged(on: day("2026-12-03"), reason: "Died at home"), diedAtHome: true))
        #expect(try ClockFixture.obligation("nomnc#1", died, at: clockTime("2026-12-09")).state.kind == .notApplicable)
    }
}
