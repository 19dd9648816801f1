import Testing
@testable import HearthCore

/// Visits generated from the plan's frequencies over a certification period that starts on Monday 2026-11-02
/// (day 60 is 2026-12-31): week by week as the notation reads, totals as ordered, PRN left unscheduled.
@Suite struct VisitPlanGeneratorTests {
    let generator = VisitPlanGenerator(periodStart: day("2026-11-02"))

    func dates(_ frequency: String, _ generator: VisitPlanGenerator? = nil, discipline: Discipline = .skilledNursing) throws -> [String] {
        try (generator ?? self.generator).plan(for: discipline, frequency: VisitFrequency(parsing: frequency)).visits.map(\.date.description)
    }

    @Test func twoAWeekForFourThenOneAWeekForFiveFillsThePeriod() throws {
        // setup
        let frequency = try VisitFrequency(parsing: "2w4, 1w5")
        // act
        let plan = try generator.plan(for: .skilledNursing, frequency: frequency)
        // check: Monday and Thursday for 4 weeks, then Mondays, the last in week 9 (days 57–60)
        #expect(plan.visits.map(\.date.description) == ["2026-11-02", "2026-11-05", "2026-11-09", "2026-11-12", "2026-11-16", "2026-11-19",
                                                         "2026-11-23", "2026-11-26", "2026-11-30", "2026-12-07", "2026-12-14", "2026-12-21", "2026-12-28"])
        #expect(plan.visits.count == plan.orderedTotal)
        #expect(plan.visits.last?.week == 9 && plan.visits.last?.dayOfPeriod == 57)
        #expect(plan.visits.map(\.segment).filter { $0 == "1w5" }.count == 5)
    }

    @Test func oneAWeekForFiveIsOnTheWeeksFirstDay() throws {
        #expect(try dates("1w5") == ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"])
    }

    @Test func threeAWeekIsMondayWednesdayFridayForAWeekStartingMonday() throws {
        let visits = try dates("3w1, 2w2, 1w6")
        #expect(visits.prefix(7) == ["2026-11-02", "2026-11-04", "2026-11-06", "2026-11-09", "2026-11-12", "2026-11-16", "2026-11-19"])
        #expect(visits.count == 13)
        #expect(visits.last == "2026-12-28")
    }

    @Test func dailyVisitsComeEveryDayThenTheNextSegmentStartsOnTheWeekBoundary() throws {
        let visits = try dates("1d7, 2w3")
        #expect(visits == ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-07", "2026-11-08",
                           "2026-11-09", "2026-11-12", "2026-11-16", "2026-11-19", "2026-11-23", "2026-11-26"])
    }

    @Test func twoVisitsADayAreTwoVisitsOnEachDay() throws {
        #expect(try dates("2d3") == ["2026-11-02", "2026-11-02", "2026-11-03", "2026-11-03", "2026-11-04", "2026-11-04"])
    }

    /// The upper end of a range is the ordered frequency [42 CFR 409.43(c); MBPM ch. 7 §30.2.2].
    @Test func aRangeSchedulesItsUpperEnd() throws {
        let plan = try generator.plan(for: .physicalTherapy, frequency: VisitFrequency(parsing: "2-3w4"))
        #expect(plan.visits.count == 12)
        #expect(plan.orderedTotal == 12)
        #expect(plan.visits.filter { $0.week == 1 }.map(\.date.description) == ["2026-11-02", "2026-11-04", "2026-11-06"])
    }

    @Test func aPlanStartingMidPeriodCountsWeeksFromItsOwnFirstDay() throws {
        // setup: an interim order starting on day 20 (Saturday 2026-11-21) has 6 weeks left, the last of 6 days
        let generator = VisitPlanGenerator(periodStart: day("2026-11-02"), startDay: 20)
        // act
        let plan = try generator.plan(for: .occupationalTherapy, frequency: VisitFrequency(parsing: "2w6"))
        // check
        #expect(plan.visits.first?.date == day("2026-11-21") && plan.visits.first?.dayOfPeriod == 20)
        #expect(plan.visits.map(\.date.description).prefix(4) == ["2026-11-21", "2026-11-24", "2026-11-28", "2026-12-01"])
        #expect(plan.visits.count == 12)
        #expect(plan.visits.allSatisfy { $0.date <= day("2026-12-31") })
        #expect(throws: FrequencyPeriodError.self) { try generator.plan(for: .occupationalTherapy, frequency: VisitFrequency(parsing: "2w7")) }
    }

    @Test func theShortLastWeekSpreadsItsVisitsOverItsFourDays() throws {
        let visits = try dates("2w9")
        #expect(visits.suffix(2) == ["2026-12-28", "2026-12-30"])
        #expect(visits.count == 18)
    }

    @Test func aFrequencyLongerThanThePeriodIsRefusedWithTheFix() throws {
        let error = #expect(throws: FrequencyPeriodError.self) { try dates("1w10") }
        #expect(error?.description.contains("recertification") == true)
    }

    @Test func declinedWeekendsMoveAVisitToTheNearestOpenDay() throws {
        // setup: a week that starts on Wednesday; the patient declined Saturdays and Sundays
        let generator = VisitPlanGenerator(periodStart: day("2026-11-04"), skippedWeekdays: [6, 7])
        // act / check: Wednesday, Friday, then Monday instead of Sunday
        #expect(try dates("3w1", generator) == ["2026-11-04", "2026-11-06", "2026-11-09"])
        #expect(try dates("1w9", generator).allSatisfy { day($0).isoWeekday <= 5 })
    }

    @Test func noRoutineVisitOnAnAgencyHoliday() throws {
        // setup: the week of Christmas 2026 (Friday 12-25), weekends declined; a plan starting Monday 12-21
        let generator = VisitPlanGenerator(periodStart: day("2026-12-21"), skippedWeekdays: [6, 7], closedDays: [day("2026-12-25")])
        // act / check: 5 a week fits in four open days by doubling one, never on Christmas Day
        let week = try dates("5w1", generator)
        #expect(week.count == 5 && !week.contains("2026-12-25"))
        #expect(try dates("2w1", generator) == ["2026-12-21", "2026-12-24"])
    }

    @Test func moreVisitsThanOpenDaysDoubleUpRatherThanGoMissing() throws {
        let generator = VisitPlanGenerator(periodStart: day("2026-11-02"), skippedWeekdays: [3, 4, 5, 6, 7])
        #expect(try dates("3w1", generator) == ["2026-11-02", "2026-11-02", "2026-11-03"])
    }

    @Test func aWeekWithNoOpenDayReportsItsVisitsAsUnplaced() throws {
        let generator = VisitPlanGenerator(periodStart: day("2026-11-02"), skippedWeekdays: Set(1...7))
        let plan = try generator.plan(for: .skilledNursing, frequency: VisitFrequency(parsing: "2w2"))
        #expect(plan.visits.isEmpty)
        #expect(plan.unplaced.map(\.week) == [1, 2] && plan.unplaced.map(\.count) == [2, 2])
    }

    @Test func declinedDaysDoNotRemoveDailyVisits() throws {
        let generator = VisitPlanGenerator(periodStart: day("2026-11-02"), skippedWeekdays: [7])
        #expect(try dates("1d7", generator).count == 7)
    }

    @Test func prnVisitsAreAvailableButNotScheduled() throws {
        let plan = try generator.plan(for: .skilledNursing, frequency: VisitFrequency(parsing: "2w4, 3prn"))
        #expect(plan.visits.count == 8)
        #expect(plan.prnAvailable == 3)
        #expect(try generator.plan(for: .skilledNursing, frequency: VisitFrequency(parsing: "3prn")).visits.isEmpty)
    }

    @Test(arguments: ["2w4, 1w5", "1w5", "3w1, 2w2, 1w6", "1d7, 2w3", "2-3w4", "5w1, 4w2, 3w2, 2w2, 1w2", "7w2, 3w7", "1d10, 2w3", "10w1"])
    func placedVisitsAlwaysAddUpToTheOrderedTotalInsideThePeriod(_ text: String) throws {
        for skipped in [Set<Int>(), [6, 7], [1, 3, 5]] {
            let plan = try VisitPlanGenerator(periodStart: day("2026-11-02"), skippedWeekdays: skipped)
                .plan(for: .skilledNursing, frequency: VisitFrequency(parsing: text))
            #expect(plan.visits.count + plan.unplaced.map(\.count).reduce(0, +) == plan.orderedTotal)
            #expect(plan.visits.allSatisfy { day("2026-11-02") <= $0.date && $0.date <= day("2026-12-31") })
            #expect(plan.visits.map(\.date) == plan.visits.map(\.date).sorted())
            for (index, ordered) in plan.frequency.visitsByWeek.enumerated() {
                #expect(plan.visits.filter { $0.week == index + 1 }.count == ordered.max)
            }
        }
    }

    @Test func everyDisciplineOfAPlanIsGeneratedInOrder() throws {
        let plans = try generator.plans(for: [(.skilledNursing, VisitFrequency(parsing: "2w4, 1w5")),
                                              (.homeHealthAide, VisitFrequency(parsing: "3w9"))])
        #expect(plans.map(\.discipline) == [.skilledNursing, .homeHealthAide])
        #expect(plans.map(\.visits.count) == [13, 27])
    }
}
