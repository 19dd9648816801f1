import Foundation
import Testing
@testable import HearthCore

/// 42 CFR 484.80(d): "The home health aide must receive at least 12 hours of in-service training during each 12-month
/// period." Hearth counts the periods from the aide's first visit (each anniversary starts the next) and marks a period
/// short from the midnight after its last day.
@Suite struct AideInServiceTests {
    static func clock() throws -> AideInService {
        let book = try SupervisionRuleBook(contentsOf: StaffFixture.resources.appendingPathComponent("aide-supervision.json"))
        return AideInService(rule: try #require(book.inService), timeZone: ClockFixture.newYork)
    }

    static func training(_ date: String, minutes: Int, id: String? = nil) -> InServiceTraining {
        InServiceTraining(id: id ?? "t-\(date)-\(minutes)", date: day(date), minutes: minutes, topic: "Infection control")
    }

    static func current(_ trainings: [InServiceTraining], since: String = "2026-03-15", at now: String) throws -> Obligation {
        try #require(try clock().obligations(aideID: "mary", since: day(since), trainings: trainings, now: clockTime(now)).last)
    }

    @Test func theShippedRuleIsTwelveHoursInTwelveMonths() throws {
        let rule = try Self.clock().rule
        #expect(rule.minutes == 720 && rule.months == 12)
        #expect(rule.citation == "42 CFR 484.80(d)")
        #expect(rule.requirement.hasPrefix("each home health aide receives at least 12 hours of in-service training during each 12-month period"))
    }

    /// "at least 12 hours": 11.9 hours (714 minutes) is short, 12 hours meets it.
    @Test func elevenPointNineHoursIsShortAndTwelveMeetsIt() throws {
        let short = [Self.training("2026-05-01", minutes: 480), Self.training("2027-01-10", minutes: 234)]
        let enough = [Self.training("2026-05-01", minutes: 480), Self.training("2027-01-10", minutes: 240, id: "last")]
        let stillShort = try Self.current(short, at: "2027-02-01 12:00")
        #expect(stillShort.state == .open)
        #expect(stillShort.explanation.contains("11.9 h taken in the period (2 sessions); 0.1 h still to take by 2027-03-14."))
        let met = try Self.current(enough, at: "2027-02-01 12:00")
        #expect(met.state == .met(recordID: "last", late: false))
        #expect(met.explanation.contains("Met on 2027-01-10: 12 h taken in the period (2 sessions)."))
        let ended = try Self.clock().obligations(aideID: "mary", since: day("2026-03-15"), trainings: short, now: clockTime("2027-03-15 00:00"))
        #expect(ended.first?.state == .overdue(days: 1))
        #expect(ended.first?.explanation.contains("Short: 11.9 h taken in the period (2 sessions), 0.1 h missing.") == true)
    }

    /// The 12-month window's edges: begun 2026-03-15, period 1 is 2026-03-15 – 2027-03-14. Training on its last day
    /// counts; training the day after counts toward period 2 and never makes up for period 1.
    @Test func theTwelveMonthWindowEndsTheDayBeforeTheAnniversary() throws {
        let clock = try Self.clock()
        let onLastDay = [Self.training("2026-03-15", minutes: 360), Self.training("2027-03-14", minutes: 360, id: "edge")]
        let dayAfter = [Self.training("2026-03-15", minutes: 360), Self.training("2027-03-15", minutes: 360, id: "after")]
        let periods = clock.obligations(aideID: "mary", since: day("2026-03-15"), trainings: onLastDay, now: clockTime("2027-03-15 09:00"))
        #expect(periods.count == 2)
        #expect(periods[0].window.opensDay == day("2026-03-15") && periods[0].window.dueDay == day("2027-03-14"))
        #expect(periods[0].state == .met(recordID: "edge", late: false))
        #expect(periods[1].window.opensDay == day("2027-03-15") && periods[1].window.dueDay == day("2028-03-14"))
        let late = clock.obligations(aideID: "mary", since: day("2026-03-15"), trainings: dayAfter, now: clockTime("2027-03-16 09:00"))
        #expect(late[0].state == .overdue(days: 2))
        #expect(late[1].explanation.contains("6 h taken in the period (1 session)"))
        // On time through 23:59 of the last day, short from the midnight after.
        #expect(try Self.current([], at: "2027-03-14 23:59").state == .dueSoon)
        #expect(clock.obligations(aideID: "mary", since: day("2026-03-15"), trainings: [], now: clockTime("2027-03-15 00:00"))[0].state == .overdue(days: 1))
    }

    /// A period begun on 29 February runs to 27 February a year later (the anniversary falls on the 28th); training not yet taken
    /// (dated after today) does not count.
    @Test func aLeapDayStartRunsToTheTwentySeventhOfFebruaryAndFutureTrainingDoesNotCount() throws {
        let periods = try Self.clock().obligations(aideID: "mary", since: day("2028-02-29"), trainings: [Self.training("2028-12-01", minutes: 720)],
                                                   now: clockTime("2028-06-01 12:00"))
        #expect(periods.count == 1)
        #expect(periods[0].window.dueDay == day("2029-02-27"))
        #expect(periods[0].state == .open)
    }

    @Test func hoursAreWrittenToTheTenth() {
        #expect(InServiceTraining.hours(714) == "11.9 h")
        #expect(InServiceTraining.hours(720) == "12 h")
        #expect(InServiceTraining.hours(90) == "1.5 h")
    }
}
