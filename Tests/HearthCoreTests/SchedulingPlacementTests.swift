import Foundation
import Testing
@testable import HearthCore

/// Where a generated visit goes: on a day and at an hour the clinician works, never before now in the agency's zone,
/// clear of their other visits, within its plan week (issue 17: visits were booked on weekends and earlier today).
@Suite struct VisitPlacementTests {
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let nurse = StaffProfile(id: "ana", name: "Ana Lopez", discipline: .registeredNurse, workingHours: .weekdays("08:00", "17:00"))

    /// The instant a wall-clock time in New York falls on.
    static func at(_ day: String, _ time: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = newYork
        let date = CalendarDate(day)!, clock = ClockTime(time)!
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: clock.hour, minute: clock.minute))!
    }

    /// Seven days from `first`.
    static func week(from first: String) -> [CalendarDate] { (0..<7).map { day(first).adding(days: $0) } }

    static func visit(_ date: String, _ start: String, minutes: Int = 60, clinician: String = "ana") -> VisitSlot {
        VisitSlot(id: "\(date)-\(start)", date: day(date), start: ClockTime(start)!, minutes: minutes, patientID: "other",
                  discipline: .skilledNursing, clinicianID: clinician)
    }

    func booked(now: Date, planned: String, week: [CalendarDate], busy: [VisitSlot] = [], closed: Set<CalendarDate> = [],
                clinician: StaffProfile = nurse) -> Result<VisitPlacement.Booking, VisitPlacement.Refusal> {
        let placement = VisitPlacement(now: now, timeZone: Self.newYork, closedDays: closed)
        return placement.book(on: placement.candidateDays(planned: day(planned), week: week), clinician: clinician, busy: busy)
    }

    @Test func aFridayVisitAfterHoursGoesToMondayMorningNotTheWeekend() {
        // setup: Friday 2026-11-06 at 16:45; the plan week runs Friday to Thursday
        let now = Self.at("2026-11-06", "16:45")
        // act
        let result = booked(now: now, planned: "2026-11-06", week: Self.week(from: "2026-11-06"))
        // check
        #expect(result == .success(.init(date: day("2026-11-09"), start: ClockTime("08:00")!)))
    }

    @Test func whenTodaysHoursAreOverTheVisitIsTomorrowAtTheShiftsStart() {
        let result = booked(now: Self.at("2026-11-03", "16:45"), planned: "2026-11-03", week: Self.week(from: "2026-11-02"))
        #expect(result == .success(.init(date: day("2026-11-04"), start: ClockTime("08:00")!)))
    }

    @Test func aVisitStartingAMinuteAgoIsRefusedAndTheNextQuarterHourIsOffered() {
        let now = Self.at("2026-11-03", "10:00")
        let placement = VisitPlacement(now: now, timeZone: Self.newYork)
        #expect(!placement.isAhead(day("2026-11-03"), ClockTime("09:59")!))
        #expect(placement.isAhead(day("2026-11-03"), ClockTime("10:00")!))
        #expect(!placement.isAhead(day("2026-11-02"), ClockTime("16:00")!))
        // Half a minute past ten, ten o'clock has begun: with no lead time the next start is 10:15.
        let later = VisitPlacement(now: now.addingTimeInterval(30), timeZone: Self.newYork, leadMinutes: 0)
        #expect(later.earliestStart(on: day("2026-11-03"), hours: Self.nurse.workingHours, busy: []) == ClockTime("10:15"))
    }

    @Test func aVisitBookedTodayIsAtLeastAnHourAheadSoTheClinicianCanGetThere() {
        // At 10:00 sharp the first start is 11:00; half a minute later, 11:15 (a visit generated at 13:14 was booked for 13:15).
        let now = Self.at("2026-11-03", "10:00")
        #expect(VisitPlacement(now: now, timeZone: Self.newYork).earliestStart(on: day("2026-11-03"), hours: Self.nurse.workingHours, busy: []) == ClockTime("11:00"))
        #expect(VisitPlacement(now: now.addingTimeInterval(30), timeZone: Self.newYork)
            .earliestStart(on: day("2026-11-03"), hours: Self.nurse.workingHours, busy: []) == ClockTime("11:15"))
        // At 15:59:30 an hour-long visit no longer fits before 17:00 today: tomorrow at the shift's start.
        #expect(booked(now: Self.at("2026-11-03", "15:59").addingTimeInterval(30), planned: "2026-11-03", week: Self.week(from: "2026-11-02"))
            == .success(.init(date: day("2026-11-04"), start: ClockTime("08:00")!)))
        #expect(booked(now: Self.at("2026-11-03", "15:00"), planned: "2026-11-03", week: Self.week(from: "2026-11-02"))
            == .success(.init(date: day("2026-11-03"), start: ClockTime("16:00")!)))
    }

    @Test func anAgencyHolidayMovesTheVisitToTheNextWorkingDay() {
        // Thanksgiving, Thursday 2026-11-26
        let result = booked(now: Self.at("2026-11-23", "07:00"), planned: "2026-11-26", week: Self.week(from: "2026-11-23"), closed: [day("2026-11-26")])
        #expect(result == .success(.init(date: day("2026-11-27"), start: ClockTime("08:00")!)))
    }

    @Test func onTheDaysClocksChangeNowIsReadOffTheAgencysWallClock() {
        let everyDay = StaffProfile(id: "ana", name: "Ana Lopez", discipline: .registeredNurse,
                                    workingHours: WorkingHours(shifts: Dictionary(uniqueKeysWithValues: (1...7).map {
                                        ($0, WorkingHours.Shift(start: ClockTime("07:00")!, end: ClockTime("17:00")!)!)
                                    })))
        // 12:30 UTC is 08:30 in New York on the Sunday clocks spring forward (EDT) and 07:30 the day before (EST); an hour on, 09:30.
        let spring = VisitPlacement(now: Date(timeIntervalSince1970: 1_772_973_000), timeZone: Self.newYork) // 2026-03-08T12:30:00Z
        #expect(spring.today == day("2026-03-08"))
        #expect(spring.earliestStart(on: day("2026-03-08"), hours: everyDay.workingHours, busy: []) == ClockTime("09:30"))
        // 13:30 UTC is 08:30 in New York on the Sunday clocks fall back (EST).
        let fall = VisitPlacement(now: Date(timeIntervalSince1970: 1_793_539_800), timeZone: Self.newYork) // 2026-11-01T13:30:00Z
        #expect(fall.today == day("2026-11-01"))
        #expect(fall.earliestStart(on: day("2026-11-01"), hours: everyDay.workingHours, busy: []) == ClockTime("09:30"))
    }

    @Test func theClinicianIsNotDoubleBooked() {
        let busy = [Self.visit("2026-11-04", "08:00"), Self.visit("2026-11-04", "09:10", minutes: 45), Self.visit("2026-11-04", "10:00", clinician: "someone")]
        let placement = VisitPlacement(now: Self.at("2026-11-02", "07:00"), timeZone: Self.newYork)
        // 08:00–09:00 and 09:10–09:55 are taken: the next quarter hour after both is 10:00.
        #expect(placement.earliestStart(on: day("2026-11-04"), hours: Self.nurse.workingHours, busy: busy.filter { $0.clinicianID == "ana" }) == ClockTime("10:00"))
    }

    @Test func aWeekWithNoHoursLeftSaysWhy() {
        let monday = Self.week(from: "2026-11-02")
        // Every remaining hour of Thursday and Friday is booked.
        let full = (8..<17).flatMap { hour in ["2026-11-05", "2026-11-06"].map { Self.visit($0, String(format: "%02d:00", hour)) } }
        #expect(booked(now: Self.at("2026-11-05", "07:00"), planned: "2026-11-05", week: monday, busy: full) == .failure(.fullyBooked(name: "Ana Lopez")))
        // Saturday morning: the clinician works none of the days left.
        #expect(booked(now: Self.at("2026-11-07", "09:00"), planned: "2026-11-07", week: monday) == .failure(.notWorking(name: "Ana Lopez")))
        // The week is over.
        #expect(booked(now: Self.at("2026-11-10", "09:00"), planned: "2026-11-04", week: monday) == .failure(.weekOver))
        // Sunday evening, the last day of the week, for a clinician who works every day: today's hours are over.
        let everyDay = StaffProfile(id: "ana", name: "Ana Lopez", discipline: .registeredNurse, workingHours: WorkingHours(shifts: Dictionary(
            uniqueKeysWithValues: (1...7).map { ($0, WorkingHours.Shift(start: ClockTime("08:00")!, end: ClockTime("17:00")!)!) })))
        #expect(booked(now: Self.at("2026-11-08", "16:45"), planned: "2026-11-08", week: monday, clinician: everyDay) == .failure(.weekOver))
    }

    @Test func theDaysTriedAreThePlannedDayThenLaterThenEarlierWithDaysTheDisciplineHasLast() {
        let placement = VisitPlacement(now: Self.at("2026-11-03", "07:00"), timeZone: Self.newYork)
        let days = placement.candidateDays(planned: day("2026-11-04"), week: Self.week(from: "2026-11-02"), taken: [day("2026-11-05")])
        #expect(days.map(\.description) == ["2026-11-04", "2026-11-06", "2026-11-07", "2026-11-08", "2026-11-03", "2026-11-05"])
    }
}

/// Scheduling the plan again counts what is already on the calendar (issue 17: regenerating deleted hand-booked visits).
@Suite struct VisitPlanReconciliationTests {
    let generator = VisitPlanGenerator(periodStart: day("2026-11-02"))

    @Test func aHandBookedVisitStandsForTheNearestOrderedVisitOfItsWeek() throws {
        // setup: SN 2w2 plans Mon 11-02, Thu 11-05, Mon 11-09, Thu 11-12
        let plan = try generator.plan(for: .skilledNursing, frequency: VisitFrequency(parsing: "2w2"))
        // act: booked by hand on Tuesday of week 1, made on Thursday of week 2
        let result = generator.reconcile(plan, with: [BookedVisit(id: "hand", date: day("2026-11-03"), replaceable: false),
                                                      BookedVisit(id: "made", date: day("2026-11-12"), replaceable: false)])
        // check
        #expect(result.toBook.map(\.date.description) == ["2026-11-05", "2026-11-09"])
        #expect(result.surplus.isEmpty)
    }

    @Test func anEarlierBookingTheOrderNoLongerAsksForIsSurplusButAHandBookedOneNeverIs() throws {
        let plan = try generator.plan(for: .skilledNursing, frequency: VisitFrequency(parsing: "1w1"))
        let result = generator.reconcile(plan, with: [BookedVisit(id: "generated", date: day("2026-11-04"), replaceable: true),
                                                      BookedVisit(id: "hand", date: day("2026-11-06"), replaceable: false),
                                                      BookedVisit(id: "later", date: day("2026-11-20"), replaceable: true)])
        #expect(result.toBook.isEmpty)
        #expect(result.surplus == ["generated", "later"])
    }

    @Test func weeksAreCountedFromThePlansFirstDay() {
        let interim = VisitPlanGenerator(periodStart: day("2026-11-02"), startDay: 4)
        #expect(interim.week(of: day("2026-11-05")) == 1 && interim.week(of: day("2026-11-11")) == 1 && interim.week(of: day("2026-11-12")) == 2)
        #expect(interim.week(of: day("2026-11-04")) == nil && interim.week(of: day("2027-01-01")) == nil)
        #expect(interim.days(ofWeek: 2).map(\.description).first == "2026-11-12")
    }
}
