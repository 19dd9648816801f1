import Testing
@testable import HearthCore

/// Agency frequency notation as case managers and physicians write it on plans of care.
@Suite struct VisitFrequencyParsingTests {
    struct Good: Sendable, CustomStringConvertible {
        var text: String
        var normalized: String
        var weeks: Int
        var scheduled: VisitCount
        var prnCap: Int?
        var description: String { text }
    }

    static let good: [Good] = [
        .init(text: "2w4, 1w5", normalized: "2w4, 1w5", weeks: 9, scheduled: VisitCount(13), prnCap: nil),
        .init(text: "2w4, 1w5, 3prn", normalized: "2w4, 1w5, 3prn", weeks: 9, scheduled: VisitCount(13), prnCap: 3),
        .init(text: "3W2,2W3", normalized: "3w2, 2w3", weeks: 5, scheduled: VisitCount(12), prnCap: nil),
        .init(text: "3w2, 2w3, 1w4", normalized: "3w2, 2w3, 1w4", weeks: 9, scheduled: VisitCount(16), prnCap: nil),
        .init(text: "1w9", normalized: "1w9", weeks: 9, scheduled: VisitCount(9), prnCap: nil),
        .init(text: "1d7", normalized: "1d7", weeks: 1, scheduled: VisitCount(7), prnCap: nil),
        .init(text: "1d7, 3w2, 2w6", normalized: "1d7, 3w2, 2w6", weeks: 9, scheduled: VisitCount(25), prnCap: nil),
        .init(text: "2d3", normalized: "2d3", weeks: 1, scheduled: VisitCount(6), prnCap: nil),
        .init(text: "1d10, 2w3", normalized: "1d10, 2w3", weeks: 5, scheduled: VisitCount(16), prnCap: nil),
        .init(text: "2-3w4", normalized: "2-3w4", weeks: 4, scheduled: VisitCount(min: 8, max: 12), prnCap: nil),
        .init(text: "2-3w4, 1-2w5", normalized: "2-3w4, 1-2w5", weeks: 9, scheduled: VisitCount(min: 13, max: 22), prnCap: nil),
        .init(text: "0-1w4", normalized: "0-1w4", weeks: 4, scheduled: VisitCount(min: 0, max: 4), prnCap: nil),
        .init(text: "3prn", normalized: "3prn", weeks: 0, scheduled: VisitCount(0), prnCap: 3),
        .init(text: "3 PRN", normalized: "3prn", weeks: 0, scheduled: VisitCount(0), prnCap: 3),
        .init(text: "2 PRN, 1w4", normalized: "2prn, 1w4", weeks: 4, scheduled: VisitCount(4), prnCap: 2),
        .init(text: " 2 w 4 , 1 w 5 ", normalized: "2w4, 1w5", weeks: 9, scheduled: VisitCount(13), prnCap: nil),
        .init(text: "5w1, 4w2, 3w2, 2w2, 1w2", normalized: "5w1, 4w2, 3w2, 2w2, 1w2", weeks: 9, scheduled: VisitCount(25), prnCap: nil),
        .init(text: "1w1, 2w2, 1w6, 2prn", normalized: "1w1, 2w2, 1w6, 2prn", weeks: 9, scheduled: VisitCount(11), prnCap: 2),
        .init(text: "7w2, 3w7", normalized: "7w2, 3w7", weeks: 9, scheduled: VisitCount(35), prnCap: nil),
        .init(text: "1W1,2W4,1W4,3PRN", normalized: "1w1, 2w4, 1w4, 3prn", weeks: 9, scheduled: VisitCount(13), prnCap: 3),
        .init(text: "1-2w2", normalized: "1-2w2", weeks: 2, scheduled: VisitCount(min: 2, max: 4), prnCap: nil),
        .init(text: "10w1", normalized: "10w1", weeks: 1, scheduled: VisitCount(10), prnCap: nil),
    ]

    @Test(arguments: good)
    func readsRealWorldFrequencies(_ example: Good) throws {
        // act
        let frequency = try VisitFrequency(parsing: example.text)
        // check
        #expect(frequency.description == example.normalized)
        #expect(frequency.totalWeeks == example.weeks)
        #expect(frequency.scheduledVisits == example.scheduled)
        #expect(frequency.prnCap == example.prnCap)
        #expect(frequency.visitsByWeek.count == example.weeks)
        #expect(frequency.visitsByWeek.reduce(VisitCount.zero, +) == example.scheduled)
        #expect(try VisitFrequency(parsing: frequency.description) == frequency)
    }

    struct Bad: Sendable, CustomStringConvertible {
        var text: String
        var error: FrequencyParseError
        var description: String { text }
    }

    static let bad: [Bad] = [
        .init(text: "", error: .empty),
        .init(text: "   ", error: .empty),
        .init(text: "2w4, w4", error: .expectedVisits(at: 5, found: "w4")),
        .init(text: "SN 2w4", error: .disciplineInFrequency(at: 0, code: "SN")),
        .init(text: "pt 3w3", error: .disciplineInFrequency(at: 0, code: "pt")),
        .init(text: "2w4, 1w5, PRN", error: .prnWithoutCap(at: 10)),
        .init(text: "2x4", error: .expectedUnit(at: 1, found: "x4")),
        .init(text: "2", error: .expectedUnit(at: 1, found: "")),
        .init(text: "2w", error: .expectedLength(at: 2, unit: "w", found: "")),
        .init(text: "2w, 1w5", error: .expectedLength(at: 2, unit: "w", found: ",")),
        .init(text: "1d", error: .expectedLength(at: 2, unit: "d", found: "")),
        .init(text: "2w4 1w5", error: .expectedComma(at: 4, found: "1w5")),
        .init(text: "2w4,", error: .emptySegment(at: 4)),
        .init(text: "2w4,,1w5", error: .emptySegment(at: 4)),
        .init(text: ", 2w4", error: .emptySegment(at: 0)),
        .init(text: "1m2", error: .monthlyNotSupported(at: 1)),
        .init(text: "0w4", error: .zeroVisits(at: 0, segment: "0w4")),
        .init(text: "2w0", error: .zeroLength(at: 2, segment: "2w0")),
        .init(text: "1d0", error: .zeroLength(at: 2, segment: "1d0")),
        .init(text: "0prn", error: .zeroVisits(at: 0, segment: "0prn")),
        .init(text: "3-2w4", error: .backwardsRange(at: 0, low: 3, high: 2)),
        .init(text: "2-w4", error: .expectedVisits(at: 2, found: "w4")),
        .init(text: "1-2prn", error: .rangeInPRN(at: 0)),
        .init(text: "2w4, 3prn, 2prn", error: .secondPRN(at: 11)),
        .init(text: "100w1", error: .numberTooLarge(at: 0, number: "100")),
        .init(text: "2w4, 1w5 x", error: .expectedComma(at: 9, found: "x")),
        .init(text: "2 wk 4", error: .expectedUnit(at: 2, found: "wk 4")),
        .init(text: "1 0w2", error: .expectedUnit(at: 2, found: "0w2")),
        .init(text: "2w4; 1w5", error: .expectedComma(at: 3, found: "; 1w5")),
        .init(text: "２w4", error: .expectedVisits(at: 0, found: "２w4")),
        .init(text: "QD x 7", error: .expectedVisits(at: 0, found: "QD x 7")),
    ]

    @Test(arguments: bad)
    func refusesWhatItCannotReadWithThePosition(_ example: Bad) {
        #expect(throws: example.error) { try VisitFrequency(parsing: example.text) }
    }

    @Test func messageQuotesWhatWasTypedAtThePosition() {
        let error = FrequencyParseError.expectedVisits(at: 5, found: "w4")
        #expect(error.description.hasPrefix("Expected a number of visits at position 5: 'w4'"))
        #expect(error.position == 5)
        #expect(FrequencyParseError.expectedUnit(at: 1, found: "").description.contains("end of text"))
        #expect(FrequencyParseError.prnWithoutCap(at: 10).description.contains("409.43(b)"))
    }
}

@Suite struct VisitFrequencyScheduleTests {
    @Test func visitsPerWeekFollowTheSegmentsInOrder() throws {
        let frequency = try VisitFrequency(parsing: "3w2, 2w3, 1w4, 2prn")
        #expect(frequency.visitsByWeek.map(\.max) == [3, 3, 2, 2, 2, 1, 1, 1, 1])
        #expect(frequency.visits(inWeek: 1) == VisitCount(3))
        #expect(frequency.visits(inWeek: 9) == VisitCount(1))
        #expect(frequency.visits(inWeek: 10) == .zero)
        #expect(frequency.maximumVisits == 18)
        #expect(frequency.hasPRN)
    }

    @Test func aDailySegmentTakesWholeWeeksAndTheNextStartsOnAWeekBoundary() throws {
        let frequency = try VisitFrequency(parsing: "1d10, 2w3")
        #expect(frequency.visitsByWeek.map(\.max) == [7, 3, 2, 2, 2])
    }

    @Test func rangesKeepMinimumAndMaximumPerWeek() throws {
        let frequency = try VisitFrequency(parsing: "2-3w2, 1w1")
        #expect(frequency.visitsByWeek == [VisitCount(min: 2, max: 3), VisitCount(min: 2, max: 3), VisitCount(1)])
        #expect(frequency.scheduledVisits.description == "5-7")
    }

    @Test(arguments: ["2w4, 1w5", "1w9", "3w2, 2w3, 1w4, 3prn", "1d7, 2w8", "1d60", "2w8, 1d4"])
    func fitsTheSixtyDayPeriod(_ text: String) throws {
        try VisitFrequency(parsing: text).checkFits()
    }

    @Test func aTenthWeekRunsPastThePeriod() throws {
        let frequency = try VisitFrequency(parsing: "2w4, 1w6")
        let error = try #require(frequency.problem())
        #expect(error == .runsPastPeriod(frequency: "2w4, 1w6", weeks: 10, availableWeeks: 9, lastWeekDays: 4))
        // Issue 17 (minor): it read "the certification period has 1 from the plan's start".
        #expect(error.description.contains("runs 10 weeks, but only 9 weeks of the certification period remain from the day it starts (the last of them only 4 days long)"))
    }

    @Test func dailyVisitsPastDaySixtyAreRefused() throws {
        // Week 9 holds only days 57–60, so 1d5 there ends on day 61.
        let frequency = try VisitFrequency(parsing: "2w8, 1d5")
        #expect(frequency.problem() == .dailyPastPeriod(segment: "1d5", lastDay: 61, periodDays: 60, daysLeft: 4))
        #expect(try VisitFrequency(parsing: "1d61").problem() != nil)
    }

    @Test func anInterimOrderStartingLaterHasFewerWeeks() throws {
        // From day 15 the weeks begin on days 15, 22, … 57: 7 weeks, the last 4 days long.
        #expect(VisitFrequency.weeks(from: 15) == 7)
        #expect(try VisitFrequency(parsing: "2w7").problem(startingOnDay: 15) == nil)
        #expect(try VisitFrequency(parsing: "2w8").problem(startingOnDay: 15)
            == .runsPastPeriod(frequency: "2w8", weeks: 8, availableWeeks: 7, lastWeekDays: 4))
        #expect(try VisitFrequency(parsing: "1w1").problem(startingOnDay: 61) == .startOutsidePeriod(day: 61, periodDays: 60))
        #expect(VisitFrequency.weeks(from: 60) == 1)
    }
}
