import Foundation
import Testing
@testable import HearthCore

/// The other follow-up assessment owed after a significant change in condition (issue 18).
/// 42 CFR 484.55(d)(1): the comprehensive assessment is updated "as frequently as the patient's condition warrants due to a
/// major decline or improvement in the patient's health status"; CMS OASIS assessment reference sheet, RFA 05 Other F/U:
/// "Complete assessment within 2 calendar days of significant change of patient's condition"; CMS OASIS Q&A: a change in
/// days 56-60 is assessed by the recertification (RFA 4) instead.
@Suite struct RegulatoryClockSignificantChangeTests {
    let admitted: [EpisodeFacts.Event] = [.init(.referralReceived(on: day("2026-11-02"))), .init(.admitted(startOfCare: day("2026-11-03")))]
    let fall = CareEvent(id: "sc1", kind: .significantChange, on: day("2026-11-20"), detail: "fell, new hip pain")

    func facts(_ records: [ComplianceRecord] = [], changes: [CareEvent]? = nil) -> EpisodeFacts {
        var facts = EpisodeFacts(events: admitted, records: records)
        facts.careEvents = changes ?? [fall]
        return facts
    }

    @Test func theFollowUpIsDueTwoCalendarDaysAfterTheChange() throws {
        // setup: change identified Friday 2026-11-20 (day 0); due by the end of Sunday the 22nd (calendar days)
        let owed = facts()
        // act
        let open = try ClockFixture.obligation("significant-change-assessment#1", owed, at: clockTime("2026-11-22 23:59"))
        let late = try ClockFixture.obligation("significant-change-assessment#1", owed, at: clockTime("2026-11-23 00:00"))
        // check
        #expect(open.window.opensDay == day("2026-11-20") && open.window.dueDay == day("2026-11-22"))
        #expect(open.state == .dueSoon)
        #expect(late.state == .overdue(days: 1))
        #expect(open.explanation.contains("because the significant change in condition identified on 2026-11-20 (fell, new hip pain)"))
    }

    @Test func aComprehensiveFollowUpOnDayTwoMeetsItAndOnDayThreeIsLate() throws {
        let onTime = facts([signedAssessment("fu", "follow_up", "2026-11-22")])
        let dayThree = facts([signedAssessment("fu", "follow_up", "2026-11-23")])
        #expect(try ClockFixture.obligation("significant-change-assessment#1", onTime, at: clockTime("2026-11-24")).state == .met(recordID: "fu", late: false))
        #expect(try ClockFixture.obligation("significant-change-assessment#1", dayThree, at: clockTime("2026-11-24")).state == .met(recordID: "fu", late: true))
    }

    @Test func aOneItemScaleFiledAsFollowUpDoesNotMeetIt() throws {
        // 484.55(d): each follow-up is an update of the comprehensive assessment, content 484.55(c)
        let scale = facts([signedAssessment("pain", "follow_up", "2026-11-21", comprehensive: false)])
        #expect(try ClockFixture.obligation("significant-change-assessment#1", scale, at: clockTime("2026-11-24")).state == .overdue(days: 2))
    }

    @Test func anAssessmentBeforeTheChangeDoesNotMeetIt() throws {
        let before = facts([signedAssessment("fu", "follow_up", "2026-11-19")])
        #expect(try ClockFixture.obligation("significant-change-assessment#1", before, at: clockTime("2026-11-20 18:00")).state == .open)
    }

    @Test func aChangeInTheRecertificationWindowIsMetByTheRecertification() throws {
        // period 1 is 2026-11-03 to 2027-01-01; days 56-60 run 2026-12-28 to 2027-01-01
        let late = CareEvent(id: "sc2", kind: .significantChange, on: day("2026-12-29"), detail: "improved, walking alone")
        let recert = facts([signedAssessment("rc", "recertification", "2026-12-30")], changes: [late])
        #expect(try ClockFixture.obligation("significant-change-assessment#1", recert, at: clockTime("2027-01-02")).state.kind == .met)
    }

    @Test func eachChangeOwesItsOwnAssessment() throws {
        let second = CareEvent(id: "sc2", kind: .significantChange, on: day("2026-11-27"), detail: "wound infected")
        let two = facts([signedAssessment("fu", "follow_up", "2026-11-21")], changes: [fall, second])
        #expect(try ClockFixture.obligation("significant-change-assessment#1", two, at: clockTime("2026-11-27 18:00")).state.kind == .met)
        #expect(try ClockFixture.obligation("significant-change-assessment#2", two, at: clockTime("2026-11-27 18:00")).state == .open)
    }

    @Test func aChangeIsRecordedWithWhatChangedAndNotInTheFuture() {
        var blank = fall
        blank.detail = " "
        #expect(blank.problem(today: day("2026-11-20"), episodeStart: day("2026-11-02"))?.field == "detail")
        #expect(fall.problem(today: day("2026-11-19"), episodeStart: day("2026-11-02"))?.field == "on")
        #expect(fall.problem(today: day("2026-11-20"), episodeStart: day("2026-11-21"))?.field == "on")
        #expect(fall.problem(today: day("2026-11-20"), episodeStart: day("2026-11-02")) == nil)
        // a planned discharge may be in the future
        let plan = CareEvent(id: "p", kind: .plannedDischarge, on: day("2026-12-10"), detail: "goals met")
        #expect(plan.problem(today: day("2026-11-20"), episodeStart: day("2026-11-02")) == nil)
    }
}
