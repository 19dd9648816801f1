import Foundation
import Testing
@testable import HearthCore

/// The hospital stay's clocks at their boundaries, each with the regulation's words beside it (issue 22).
@Suite struct HospitalStayClockTests {
    let clock = StayClock(timeZone: ClockFixture.newYork)

    func inpatient(arrived: String, admitted: String, edd: String? = nil, notices: [StayNotice] = [], discharged: String? = nil) -> InpatientStay {
        InpatientStay(arrivedAt: clockTime(arrived), statusHistory: [StatusPeriod(status: .inpatient, starts: clockTime(admitted))],
                      expectedDischarge: edd.map(day), dischargedAt: discharged.map { clockTime($0) }, notices: notices)
    }

    func notice(_ kind: StayNoticeKind, _ at: String, outcome: StayNotice.Outcome = .signed) -> StayNotice {
        StayNotice(id: "n-\(kind.rawValue)", kind: kind, deliveredAt: clockTime(at), outcome: outcome, deliveredBy: "Hannah Brooks, RN")
    }

    func obligation(_ kind: StayNoticeKind, _ stay: InpatientStay, at now: String) throws -> Obligation {
        try #require(clock.notices(stay, now: clockTime(now)).first { $0.ruleID == kind.rawValue })
    }

    // 42 CFR 412.3(d)(1)(i): "the starting point for the 2-midnight benchmark will be when the beneficiary starts receiving
    // services following arrival at the hospital" — midnights count from arrival, in the hospital's zone.
    @Test func midnightsAreCountedFromArrivalOnTheHospitalsClock() {
        let stay = inpatient(arrived: "2026-12-01 23:50", admitted: "2026-12-02 03:00")
        #expect(clock.midnightsCrossed(stay, now: clockTime("2026-12-01 23:59")) == 0)
        #expect(clock.midnightsCrossed(stay, now: clockTime("2026-12-02 00:00")) == 1)
        #expect(clock.midnightsCrossed(stay, now: clockTime("2026-12-03 00:01")) == 2)
    }

    // 42 CFR 412.3(d)(1): an inpatient admission is generally appropriate for Part A payment when the admitting physician
    // expects the beneficiary to require medically necessary hospital care that crosses two midnights.
    @Test func anInpatientExpectedToLeaveBeforeTheSecondMidnightIsFlagged() {
        let oneMidnight = inpatient(arrived: "2026-12-01 10:00", admitted: "2026-12-01 14:00", edd: "2026-12-02")
        #expect(clock.twoMidnight(oneMidnight, now: clockTime("2026-12-01 15:00")).level == .warning)
        let twoMidnights = inpatient(arrived: "2026-12-01 10:00", admitted: "2026-12-01 14:00", edd: "2026-12-03")
        #expect(clock.twoMidnight(twoMidnights, now: clockTime("2026-12-01 15:00")).level == .ok)
        let noEDD = inpatient(arrived: "2026-12-01 10:00", admitted: "2026-12-01 14:00")
        #expect(clock.twoMidnight(noEDD, now: clockTime("2026-12-01 15:00")).level == .attention)
        #expect(clock.twoMidnight(noEDD, now: clockTime("2026-12-01 15:00")).explanation.contains("412.3(d)(1)"))
    }

    @Test func anObservationPatientPastTwoMidnightsIsReviewedForAdmission() {
        let stay = InpatientStay(arrivedAt: clockTime("2026-12-01 20:00"), statusHistory: [StatusPeriod(status: .observation, starts: clockTime("2026-12-01 21:00"))])
        #expect(clock.twoMidnight(stay, now: clockTime("2026-12-02 23:59")).level == .ok)
        #expect(clock.twoMidnight(stay, now: clockTime("2026-12-03 00:00")).level == .warning)
    }

    // 42 CFR 405.1205(b): the hospital delivers the notice "at or near admission, but no later than 2 calendar days
    // following the beneficiary's admission to the hospital".
    @Test func theImportantMessageIsDueByTheEndOfTheSecondCalendarDayAfterAdmission() throws {
        let stay = inpatient(arrived: "2026-12-01 08:00", admitted: "2026-12-01 23:30")
        let open = try obligation(.importantMessage, stay, at: "2026-12-03 10:00")
        #expect(open.window.dueDay == day("2026-12-03"))
        #expect(open.state == .dueSoon)
        #expect(open.citation == "42 CFR 405.1205(b)")
        #expect(try obligation(.importantMessage, stay, at: "2026-12-03 23:59").state == .dueSoon)
        #expect(try obligation(.importantMessage, stay, at: "2026-12-04 00:00").state == .overdue(days: 1))
        var delivered = stay
        delivered.notices = [notice(.importantMessage, "2026-12-03 23:59", outcome: .refused)]
        #expect(try obligation(.importantMessage, delivered, at: "2026-12-05 09:00").state == .met(recordID: "n-im_initial", late: false),
                "a refusal to sign is still a delivery")
        delivered.notices = [notice(.importantMessage, "2026-12-04 00:01")]
        #expect(try obligation(.importantMessage, delivered, at: "2026-12-05 09:00").state == .met(recordID: "n-im_initial", late: true))
    }

    @Test func anObservationPatientIsOwedNoImportantMessage() {
        let stay = InpatientStay(arrivedAt: clockTime("2026-12-01 08:00"), statusHistory: [StatusPeriod(status: .observation, starts: clockTime("2026-12-01 09:00"))])
        #expect(!clock.notices(stay, now: clockTime("2026-12-04 09:00")).contains { $0.ruleID == StayNoticeKind.importantMessage.rawValue })
    }

    // 42 CFR 405.1205(c): the follow-up copy "as far in advance of discharge as possible, but not more than 2 calendar days
    // before discharge"; not required when the initial notice was delivered within 2 calendar days of discharge.
    @Test func theFollowUpCopyCountsOnlyWithinTwoCalendarDaysOfDischarge() throws {
        let first = notice(.importantMessage, "2026-12-01 12:00")
        let early = inpatient(arrived: "2026-12-01 08:00", admitted: "2026-12-01 10:00", edd: "2026-12-08",
                              notices: [first, notice(.importantMessageFollowUp, "2026-12-05 23:59")])
        let tooEarly = try obligation(.importantMessageFollowUp, early, at: "2026-12-06 08:00")
        #expect(tooEarly.state == .open, "delivered three days before the expected discharge: it does not count")
        #expect(tooEarly.window.opensDay == day("2026-12-06"))
        let inTime = inpatient(arrived: "2026-12-01 08:00", admitted: "2026-12-01 10:00", edd: "2026-12-08",
                               notices: [first, notice(.importantMessageFollowUp, "2026-12-06 00:00")])
        if case .met = try obligation(.importantMessageFollowUp, inTime, at: "2026-12-06 08:00").state {} else { Issue.record("two days before counts") }
        let missed = inpatient(arrived: "2026-12-01 08:00", admitted: "2026-12-01 10:00", notices: [first], discharged: "2026-12-08 11:00")
        #expect(try obligation(.importantMessageFollowUp, missed, at: "2026-12-08 11:00").state == .overdue(days: 0))
    }

    @Test func noFollowUpCopyWhenTheFirstNoticeFellWithinTwoDaysOfDischarge() throws {
        let within = inpatient(arrived: "2026-12-01 08:00", admitted: "2026-12-01 10:00", edd: "2026-12-03", notices: [notice(.importantMessage, "2026-12-01 12:00")])
        if case .notApplicable = try obligation(.importantMessageFollowUp, within, at: "2026-12-02 08:00").state {} else {
            Issue.record("the first notice on 12-01 is within 2 calendar days of a 12-03 discharge")
        }
        let beyond = inpatient(arrived: "2026-12-01 08:00", admitted: "2026-12-01 10:00", edd: "2026-12-04", notices: [notice(.importantMessage, "2026-12-01 12:00")])
        #expect(try obligation(.importantMessageFollowUp, beyond, at: "2026-12-01 23:59").state == .upcoming)
        #expect(try obligation(.importantMessageFollowUp, beyond, at: "2026-12-02 00:00").state == .open, "2 calendar days before a 12-04 discharge")
    }

    // 42 CFR 489.20(y): the MOON to a beneficiary who receives observation services as an outpatient for more than 24
    // hours, "no later than 36 hours after observation services are initiated or sooner if the individual is
    // transferred, discharged, or admitted".
    @Test func theMoonIsOwedPastTwentyFourHoursOfObservationAndDueAtThirtySix() throws {
        let stay = InpatientStay(arrivedAt: clockTime("2026-12-01 07:00"), statusHistory: [StatusPeriod(status: .observation, starts: clockTime("2026-12-01 08:00"))])
        #expect(try obligation(.moon, stay, at: "2026-12-02 08:00").state == .upcoming, "24 hours exactly is not more than 24")
        #expect(try obligation(.moon, stay, at: "2026-12-02 08:01").state == .open)
        #expect(try obligation(.moon, stay, at: "2026-12-02 19:59").state == .dueSoon)
        #expect(try obligation(.moon, stay, at: "2026-12-02 20:00").state == .overdue(days: 0))
        let moon = try obligation(.moon, stay, at: "2026-12-02 09:00")
        #expect(moon.window.due == clockTime("2026-12-02 20:00"))
        #expect(moon.explanation.contains("489.20(y)"))
    }

    @Test func theMoonIsNotOwedWhenObservationEndedWithinTwentyFourHours() throws {
        let admitted = InpatientStay(arrivedAt: clockTime("2026-12-01 07:00"),
                                     statusHistory: [StatusPeriod(status: .observation, starts: clockTime("2026-12-01 08:00")),
                                                     StatusPeriod(status: .inpatient, starts: clockTime("2026-12-02 08:00"))])
        if case .notApplicable = try obligation(.moon, admitted, at: "2026-12-03 09:00").state {} else { Issue.record("24 hours of observation owes no MOON") }
        var later = admitted
        later.statusHistory[1].starts = clockTime("2026-12-02 09:00")
        #expect(try obligation(.moon, later, at: "2026-12-03 09:00").state == .overdue(days: 1), "admitted after 25 hours: the MOON was still owed")
    }

    // 42 CFR 482.30(d)(1) and Medicare Claims Processing Manual ch. 1 §50.3: the change from inpatient to outpatient is
    // made before discharge, by the UR committee with the attending physician's concurrence, with written notice no
    // later than 2 days after the determination.
    @Test func conditionCode44NeedsTheReviewerAndTheAttendingAndComesBeforeDischarge() {
        let stay = inpatient(arrived: "2026-12-01 08:00", admitted: "2026-12-01 10:00")
        let now = clockTime("2026-12-02 12:00")
        let missing = StayLifecycle.statusChangeProblems(stay, to: .observation, at: now, now: now, conditionCode44: ConditionCode44(reviewer: "Dr. O", attending: " "),
                                                         zone: ClockFixture.newYork)
        #expect(missing.keys.sorted() == ["attending"])
        #expect(StayLifecycle.statusChangeProblems(stay, to: .observation, at: now, now: now, conditionCode44: ConditionCode44(reviewer: "Dr. O", attending: "Dr. N"),
                                                   zone: ClockFixture.newYork).isEmpty)
        var discharged = stay
        discharged.dischargedAt = clockTime("2026-12-02 11:00")
        let after = StayLifecycle.statusChangeProblems(discharged, to: .observation, at: now, now: now,
                                                       conditionCode44: ConditionCode44(reviewer: "Dr. O", attending: "Dr. N"), zone: ClockFixture.newYork)
        #expect(after["status"]?.contains("Condition code 44 is only possible before discharge") == true)
    }

    @Test func theConditionCode44NoticeIsDueWithinTwoDaysAndNoLaterThanDischarge() throws {
        var stay = inpatient(arrived: "2026-12-01 08:00", admitted: "2026-12-01 10:00")
        stay.statusHistory.append(StatusPeriod(status: .observation, starts: clockTime("2026-12-02 09:00"), conditionCode44: ConditionCode44(reviewer: "Dr. O", attending: "Dr. N")))
        #expect(try obligation(.conditionCode44, stay, at: "2026-12-04 23:59").state == .dueSoon)
        #expect(try obligation(.conditionCode44, stay, at: "2026-12-05 00:00").state == .overdue(days: 1))
        stay.dischargedAt = clockTime("2026-12-02 15:00")
        #expect(try obligation(.conditionCode44, stay, at: "2026-12-02 15:00").state == .overdue(days: 0))
    }

    @Test func aNoticeDatedBeforeAdmissionOrAfterDischargeIsRefused() {
        let stay = inpatient(arrived: "2026-12-01 08:00", admitted: "2026-12-01 10:00", discharged: "2026-12-03 12:00")
        let zone = ClockFixture.newYork, now = clockTime("2026-12-04 09:00")
        #expect(StayLifecycle.noticeProblems(stay, kind: .importantMessage, deliveredAt: clockTime("2026-12-01 07:59"), now: now, zone: zone)["deliveredAt"] != nil)
        #expect(StayLifecycle.noticeProblems(stay, kind: .importantMessage, deliveredAt: clockTime("2026-12-01 09:00"), now: now, zone: zone)["deliveredAt"]?
            .contains("inpatient admission order") == true)
        #expect(StayLifecycle.noticeProblems(stay, kind: .importantMessage, deliveredAt: clockTime("2026-12-01 10:00"), now: now, zone: zone).isEmpty)
        #expect(StayLifecycle.noticeProblems(stay, kind: .importantMessageFollowUp, deliveredAt: clockTime("2026-12-03 12:01"), now: now, zone: zone)["deliveredAt"] != nil)
        #expect(StayLifecycle.noticeProblems(stay, kind: .moon, deliveredAt: clockTime("2026-12-02 10:00"), now: now, zone: zone)["kind"] != nil)
    }

    // 42 CFR 409.30(a)(1): a qualifying inpatient stay of at least 3 consecutive calendar days, not counting the date of
    // discharge; outpatient observation time does not count.
    @Test func theSnfThreeDayRuleCountsInpatientDaysOnlyAndNotTheDayOfDischarge() throws {
        var stay = InpatientStay(arrivedAt: clockTime("2026-12-01 07:00"),
                                 statusHistory: [StatusPeriod(status: .observation, starts: clockTime("2026-12-01 08:00")),
                                                 StatusPeriod(status: .inpatient, starts: clockTime("2026-12-02 22:00"))],
                                 expectedDischarge: day("2026-12-04"), plannedDisposition: .skilledNursing)
        let now = clockTime("2026-12-03 09:00")
        #expect(clock.qualifyingInpatientDays(stay, now: now) == 2)
        let short = try #require(clock.snfThreeDay(stay, now: now))
        #expect(short.level == .warning)
        #expect(short.explanation.contains("observation or outpatient time does not"))
        stay.expectedDischarge = day("2026-12-05")
        #expect(try #require(clock.snfThreeDay(stay, now: now)).level == .ok)
        stay.plannedDisposition = .homeHealth
        #expect(clock.snfThreeDay(stay, now: now) == nil)
    }

    @Test func onlyTheHospitalCaseManagerOnHerUnitSeesAStay() {
        #expect(AccessPolicy.decideStay(role: .hospitalCaseManager, onAssignedUnit: true, action: .write) == .allowed)
        #expect(AccessPolicy.decideStay(role: .hospitalCaseManager, onAssignedUnit: false, action: .read) == .hidden)
        for role in Role.allCases where role != .hospitalCaseManager {
            #expect(AccessPolicy.decideStay(role: role, onAssignedUnit: true, action: .read) == .hidden)
        }
        // The agency's charts are not hers: no relationship opens one to her.
        #expect(AccessPolicy.decide(role: .hospitalCaseManager, relationships: Set(PatientRelationship.allCases.filter { $0 != .emergencyAccess }), action: .read) == .hidden)
        #expect(!AccessPolicy.decide(role: .hospitalCaseManager, action: .viewAllCaseloads).isAllowed)
    }
}
