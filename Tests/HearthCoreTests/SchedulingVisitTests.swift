import Foundation
import Testing
@testable import HearthCore

/// Electronic visit verification: server-time check-in and check-out, with a location or a reason for none
/// [21st Century Cures Act §12006].
@Suite struct VisitTimesTests {
    let home = DeviceLocation(point: GeoPoint(latitude: 40.2732, longitude: -76.8867)!, accuracyMeters: 12)

    @Test func checkInAndOutGiveTheTimeInTheHome() throws {
        var times = VisitTimes()
        try times.checkIn(at: clockTime("2026-11-02 09:02"), location: home)
        try times.checkOut(at: clockTime("2026-11-02 09:49"), location: nil, noLocationReason: "phone battery died")
        #expect(times.minutes == 47)
        #expect(times.checkOut?.noLocationReason == "phone battery died")
        #expect(times.checkIn?.location == home)
    }

    @Test func aMissingLocationNeedsAReason() {
        var times = VisitTimes()
        #expect(throws: VisitTimesError.locationReasonRequired) { try times.checkIn(at: clockTime("2026-11-02 09:00"), location: nil) }
        #expect(throws: VisitTimesError.locationReasonRequired) {
            try times.checkIn(at: clockTime("2026-11-02 09:00"), location: nil, noLocationReason: "   ")
        }
        #expect(times.checkIn == nil)
    }

    @Test func checkOutWithoutCheckInIsRefused() {
        var times = VisitTimes()
        #expect(throws: VisitTimesError.notCheckedIn) { try times.checkOut(at: clockTime("2026-11-02 10:00"), location: home) }
        #expect(times == VisitTimes())
    }

    @Test func checkOutBeforeCheckInIsRefusedAndNothingChanges() throws {
        var times = VisitTimes()
        try times.checkIn(at: clockTime("2026-11-02 09:00"), location: home)
        let before = times
        let error = #expect(throws: VisitTimesError.self) { try times.checkOut(at: clockTime("2026-11-02 08:59"), location: home) }
        #expect(error?.description.hasPrefix("The check-out time is before the check-in time.") == true)
        #expect(times == before)
        try times.checkOut(at: clockTime("2026-11-02 09:00"), location: home)
        #expect(times.minutes == 0)
    }

    @Test func checkingInOrOutTwiceIsRefused() throws {
        var times = VisitTimes()
        try times.checkIn(at: clockTime("2026-11-02 09:00"), location: home)
        #expect(throws: VisitTimesError.alreadyCheckedIn(at: clockTime("2026-11-02 09:00"))) {
            try times.checkIn(at: clockTime("2026-11-02 09:05"), location: home)
        }
        try times.checkOut(at: clockTime("2026-11-02 10:00"), location: home)
        #expect(throws: VisitTimesError.alreadyCheckedOut(at: clockTime("2026-11-02 10:00"))) {
            try times.checkOut(at: clockTime("2026-11-02 10:05"), location: home)
        }
    }
}

/// A visit note is signed once, after check-out; unsigned more than 24 hours after check-out it goes on the supervisor's list.
@Suite struct VisitNoteStateTests {
    func checkedOut(at time: String = "2026-11-02 10:00") throws -> VisitTimes {
        var times = VisitTimes()
        try times.checkIn(at: clockTime("2026-11-02 09:00"), location: nil, noLocationReason: "location off")
        try times.checkOut(at: clockTime(time), location: nil, noLocationReason: "location off")
        return times
    }

    @Test func aDraftIsSignedOnceAndASecondSignatureIsRefused() throws {
        var note = VisitNoteState.draft
        try note.sign(by: "Ana Lopez, RN", at: clockTime("2026-11-02 10:15"), times: checkedOut())
        #expect(note == .signed(by: "Ana Lopez, RN", at: clockTime("2026-11-02 10:15")))
        let error = #expect(throws: VisitNoteError.self) { try note.sign(by: "Ana Lopez, RN", at: clockTime("2026-11-02 11:00"), times: checkedOut()) }
        #expect(error?.description == "This note is already signed by Ana Lopez, RN and locked. Add an addendum to change it.")
        #expect(note == .signed(by: "Ana Lopez, RN", at: clockTime("2026-11-02 10:15")))
    }

    /// A visit under five minutes from check-in to check-out (agency policy) is signed only with the reason: the EVV
    /// record of "the time the service begins and ends" [42 U.S.C. 1396b(l)(5)(A)] must say why it is so short
    /// (issue 17: a 0-minute visit was signed). 4:59 needs a reason; 5:00 does not.
    @Test func aVisitUnderFiveMinutesIsSignedOnlyWithTheReason() throws {
        var note = VisitNoteState.draft
        let short = try checkedOut(at: "2026-11-02 09:04")
        let error = #expect(throws: VisitNoteError.self) { try note.sign(by: "Ana", at: clockTime("2026-11-02 09:10"), times: short) }
        #expect(error == .shortVisitUnexplained(minutes: 4))
        #expect(throws: VisitNoteError.self) { try note.sign(by: "Ana", at: clockTime("2026-11-02 09:10"), times: short, shortVisitReason: "  ") }
        try note.sign(by: "Ana", at: clockTime("2026-11-02 09:10"), times: short, shortVisitReason: "Checked in as I left")
        #expect(note.isSigned)
        var almost = VisitTimes()
        try almost.checkIn(at: clockTime("2026-11-02 09:00"), location: nil, noLocationReason: "location off")
        try almost.checkOut(at: clockTime("2026-11-02 09:04").addingTimeInterval(59), location: nil, noLocationReason: "location off")
        #expect(VisitNoteState.isShort(almost))
        #expect(!VisitNoteState.isShort(try checkedOut(at: "2026-11-02 09:05")))
    }

    /// EVV records "the time the service begins and ends" [42 U.S.C. 1396b(l)(5)(A)]: a note is signed after check-out,
    /// so the locked note always has both (issue 17: a note could be signed before check-out).
    @Test func aNoteIsSignedAfterCheckOut() throws {
        var note = VisitNoteState.draft
        #expect(throws: VisitNoteError.notCheckedIn) { try note.sign(by: "Ana", at: clockTime("2026-11-02 09:30"), times: VisitTimes()) }
        #expect(throws: VisitNoteError.signerRequired) { try note.sign(by: " ", at: clockTime("2026-11-02 10:30"), times: checkedOut()) }
        var open = VisitTimes()
        try open.checkIn(at: clockTime("2026-11-02 09:00"), location: nil, noLocationReason: "no signal")
        #expect(throws: VisitNoteError.notCheckedOut) { try note.sign(by: "Ana", at: clockTime("2026-11-02 09:40"), times: open) }
        try open.checkOut(at: clockTime("2026-11-02 09:45"), location: nil, noLocationReason: "no signal")
        #expect(throws: VisitNoteError.signedBeforeVisitTimes) { try note.sign(by: "Ana", at: clockTime("2026-11-02 09:44"), times: open) }
        #expect(note == .draft)
        try note.sign(by: "Ana", at: clockTime("2026-11-02 09:45"), times: open)
        #expect(note.isSigned)
    }

    @Test(arguments: [("2026-11-03 10:00", false), ("2026-11-03 10:01", true), ("2026-11-02 22:00", false)])
    func unsignedAfterTwentyFourHoursIsLate(_ now: String, _ late: Bool) {
        #expect(VisitNoteState.draft.isLateUnsigned(checkedOutAt: clockTime("2026-11-02 10:00"), now: clockTime(now)) == late)
    }

    @Test func aSignedNoteOrOneNotCheckedOutIsNeverLate() {
        #expect(!VisitNoteState.signed(by: "A", at: clockTime("2026-11-04 10:00")).isLateUnsigned(checkedOutAt: clockTime("2026-11-02 10:00"), now: clockTime("2026-11-09 10:00")))
        #expect(!VisitNoteState.draft.isLateUnsigned(checkedOutAt: nil, now: clockTime("2026-11-09 10:00")))
    }

    /// 24 elapsed hours, not the wall clock: across the end of daylight saving (2026-11-01 in New York) the deadline is 09:00.
    @Test func theDeadlineIsElapsedHoursAcrossAClockChange() {
        let out = clockTime("2026-10-31 10:00")
        #expect(!VisitNoteState.draft.isLateUnsigned(checkedOutAt: out, now: clockTime("2026-11-01 09:00")))
        #expect(VisitNoteState.draft.isLateUnsigned(checkedOutAt: out, now: clockTime("2026-11-01 09:01")))
    }
}

/// Missed visits record why, whether the physician was told, and the make-up visit [42 CFR 484.60(c)(1)].
@Suite struct MissedVisitTests {
    @Test func anExplainedMissedVisitCanBeRecorded() {
        let missed = MissedVisit(visitID: "v1", discipline: .skilledNursing, date: day("2026-11-05"), reason: .patientHospitalized,
                                 physicianNotified: false, rescheduledTo: day("2026-11-06"))
        #expect(missed.problems.isEmpty)
        #expect(missed.needsPhysicianNotice)
    }

    @Test func otherNeedsAnExplanationAndAMakeUpComesAfter() {
        let missed = MissedVisit(visitID: "v1", discipline: .physicalTherapy, date: day("2026-11-05"), reason: .other, explanation: " ",
                                 physicianNotified: true, rescheduledTo: day("2026-11-04"))
        #expect(missed.problems["explanation"] == "Say why the visit was missed.")
        #expect(missed.problems["rescheduledTo"]?.contains("2026-11-05") == true)
        #expect(MissedVisit(visitID: "v", discipline: .physicalTherapy, date: day("2026-11-05"), reason: .weather, physicianNotified: true,
                            rescheduledTo: day("2026-11-05")).problems.isEmpty)
    }
}

/// Each week of the frequency: ordered against made, missed and scheduled; a missed visit counts against it.
@Suite struct FrequencyComplianceTests {
    let frequency = try! VisitFrequency(parsing: "2w2, 1w1")

    @Test func weeksCountMadeMissedAndScheduledVisits() {
        let visits: [(date: CalendarDate, outcome: VisitOutcome)] = [
            (day("2026-11-02"), .made), (day("2026-11-05"), .missed),
            (day("2026-11-09"), .made), (day("2026-11-12"), .made),
            (day("2026-11-16"), .scheduled),
        ]
        let weeks = FrequencyCompliance.weeks(frequency: frequency, planStart: day("2026-11-02"), visits: visits)
        #expect(weeks.map(\.made) == [1, 2, 0])
        #expect(weeks.map(\.missed) == [1, 0, 0])
        #expect(weeks.map(\.scheduled) == [0, 0, 1])
        #expect(weeks[0].status(today: day("2026-11-09")) == .short(by: 1))
        #expect(weeks[0].status(today: day("2026-11-08")) == .inProgress(toGo: 1))
        #expect(weeks[1].status(today: day("2026-11-20")) == .met)
        #expect(weeks[2].status(today: day("2026-11-15")) == .upcoming)
        #expect(weeks[2].status(today: day("2026-11-16")) == .inProgress(toGo: 1))
    }

    @Test func visitsOverTheOrderAreFlaggedAtOnce() {
        let visits: [(date: CalendarDate, outcome: VisitOutcome)] = [(day("2026-11-02"), .made), (day("2026-11-03"), .made), (day("2026-11-04"), .made)]
        let weeks = FrequencyCompliance.weeks(frequency: frequency, planStart: day("2026-11-02"), visits: visits)
        #expect(weeks[0].status(today: day("2026-11-04")) == .over(by: 1))
    }

    @Test func aRangeIsMetAtItsLowerEndAndOverAboveItsUpper() throws {
        let range = try VisitFrequency(parsing: "2-3w1")
        let two: [(date: CalendarDate, outcome: VisitOutcome)] = [(day("2026-11-02"), .made), (day("2026-11-04"), .made)]
        #expect(FrequencyCompliance.weeks(frequency: range, planStart: day("2026-11-02"), visits: two)[0].status(today: day("2026-11-10")) == .met)
        let four = two + [(day("2026-11-05"), .made), (day("2026-11-06"), .made)]
        #expect(FrequencyCompliance.weeks(frequency: range, planStart: day("2026-11-02"), visits: four)[0].status(today: day("2026-11-10")) == .over(by: 1))
    }

    @Test func theLastWeekEndsWithThePeriodAndVisitsOutsideTheWeeksAreListed() throws {
        let nine = try VisitFrequency(parsing: "1w9")
        let weeks = FrequencyCompliance.weeks(frequency: nine, planStart: day("2026-11-02"), periodEnd: day("2026-12-31"), visits: [])
        #expect(weeks.last?.first == day("2026-12-28") && weeks.last?.last == day("2026-12-31"))
        let outside = FrequencyCompliance.visitsOutsideWeeks(frequency: frequency, planStart: day("2026-11-02"),
                                                             visits: [(day("2026-11-01"), .made), (day("2026-11-22"), .made), (day("2026-11-23"), .made),
                                                                      (day("2026-11-24"), .missed)])
        #expect(outside == [day("2026-11-01"), day("2026-11-23")])
    }
}
