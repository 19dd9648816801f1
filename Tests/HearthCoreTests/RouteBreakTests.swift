import Testing
@testable import HearthCore

/// A clinician's break in the day planner: taken where it fits, in a wait if there is one, late (and counted) when the
/// visits leave no room, never at the cost of an appointment; and the search's quick insertion cost agrees with a route
/// driven again from scratch.
@Suite struct RouteBreakTests {
    /// One nurse at home (every visit at her home base, so no driving) working 08:00–16:30 with a break.
    static func day(_ visits: [(id: String, window: ClosedRange<Int>, minutes: Int)], lunch: WorkingHours.Break?) throws -> DayPlanRequest {
        var rng = SeededGenerator(seed: 1)
        var nurse = DayPlanFixture.clinician(0, discipline: .registeredNurse, rng: &rng)
        nurse.skills = []
        nurse.maxVisits = nil
        nurse.profile.workingHours.mealBreak = lunch
        let here = nurse.profile.homeBase
        return DayPlanRequest(date: DayPlanFixture.monday, visits: visits.map {
            .init(id: $0.id, patientName: "P", patientState: "PA", location: here, minutes: $0.minutes, window: $0.window,
                  isAppointment: true, discipline: .skilledNursing, mustDo: true)
        }, clinicians: [nurse], requirements: try StaffFixture.requirements())
    }

    static func lunch(_ from: String, _ until: String, _ minutes: Int) -> WorkingHours.Break? {
        WorkingHours.Break(from: ClockTime(from)!, until: ClockTime(until)!, minutes: minutes)
    }

    @Test func aBreakExactlyFillingItsWindowIsTakenThere() throws {
        // setup: visits end at 12:00 and start at 12:30; the break is 30 minutes between 12:00 and 12:30
        let request = try Self.day([("a", 660...720, 60), ("b", 750...810, 60), ("c", 900...960, 60)], lunch: Self.lunch("12:00", "12:30", 30))
        // act
        let plan = DayPlanner(request: request).plan(maxIterations: 50)
        // check
        let route = try #require(plan.routes.first)
        #expect(route.stops.map(\.start) == [660, 750, 900])
        #expect(route.breakStart == 720 && route.breakMinutes == 30 && route.breakLateMinutes == 0)
        #expect(route.breakBeforeStop == 1)
        #expect(plan.cost.lateBreaks == 0 && !plan.cost.explanation.contains("break"))
        #expect(DayPlanChecker.violations(of: plan, for: request) == [])
    }

    @Test func aBreakWithNoRoomGoesLateAndIsCountedRatherThanCostAnAppointment() throws {
        // setup: a three-hour appointment 11:00–14:00 fills the break's whole window (12:00–13:00), and another follows
        let request = try Self.day([("long", 660...840, 180), ("after", 840...900, 60)], lunch: Self.lunch("12:00", "13:00", 30))
        // act
        let plan = DayPlanner(request: request).plan(maxIterations: 50)
        // check: both appointments kept; the break comes after them, before the drive home, 150 minutes past 12:30
        let route = try #require(plan.routes.first)
        #expect(plan.unplaced.isEmpty)
        #expect(route.stops.map(\.start) == [660, 840])
        #expect(route.breakStart == 900 && route.breakLateMinutes == 150 && route.breakBeforeStop == 2)
        #expect(route.homeAt == 930)
        #expect(plan.cost.lateBreaks == 1 && plan.cost.breakLateMinutes == 150)
        #expect(plan.cost.explanation.contains("1 break missed its window (150 min late)"))
        #expect(DayPlanChecker.violations(of: plan, for: request) == [])
    }

    @Test func aBreakIsTakenInTheWaitForALaterWindowAndDelaysNothing() throws {
        // setup: 09:00–10:00, then nothing until a 13:00 appointment; the break is 30 minutes between 11:30 and 13:30
        let visits: [(id: String, window: ClosedRange<Int>, minutes: Int)] = [("morning", 540...600, 60), ("afternoon", 780...840, 60)]
        let with = try Self.day(visits, lunch: Self.lunch("11:30", "13:30", 30))
        let without = try Self.day(visits, lunch: nil)
        // act
        let plan = DayPlanner(request: with).plan(maxIterations: 50)
        let plain = DayPlanner(request: without).plan(maxIterations: 50)
        // check
        let route = try #require(plan.routes.first)
        #expect(route.stops.map(\.start) == [540, 780])
        #expect(route.breakStart == 690 && route.breakLateMinutes == 0 && route.breakBeforeStop == 1)
        #expect(plan.cost.total == plain.cost.total && route.homeAt == plain.routes.first?.homeAt)
        #expect(DayPlanChecker.violations(of: plan, for: with) == [])
    }

    @Test func aDayEndingBeforeTheWindowClosesOwesNoBreak() throws {
        let request = try Self.day([("early", 480...540, 60)], lunch: Self.lunch("11:30", "13:30", 30))
        let plan = DayPlanner(request: request).plan(maxIterations: 20)
        #expect(plan.routes.first?.breakStart == nil)
        #expect(DayPlanChecker.violations(of: plan, for: request) == [])
    }

    @Test func settlingTowardTodaysTimesDoesNotRunADayWithoutABreakPastItsWindow() throws {
        // setup: today the visit is at 12:40; planned at 08:00 it ends the day by 09:00, owing no break (11:30–13:30)
        var request = try Self.day([("usual", 480...840, 60)], lunch: Self.lunch("11:30", "13:30", 30))
        request.visits[0].currentStart = 760
        request.visits[0].currentClinicianID = "c0"
        // act
        let plan = DayPlanner(request: request).plan(maxIterations: 20).settled(for: request)
        // check: moved back toward 12:40 only as far as a day still ending by 13:30 allows
        #expect(plan.routes.first?.stops.first?.start == 750 && plan.routes.first?.breakStart == nil)
        #expect(DayPlanChecker.violations(of: plan, for: request) == [])
    }

    @Test func theCheckerCatchesABreakOverAVisitAndAMissingOne() throws {
        let request = try Self.day([("a", 660...720, 60), ("b", 750...810, 60), ("c", 900...960, 60)], lunch: Self.lunch("12:00", "12:30", 30))
        var plan = DayPlanner(request: request).plan(maxIterations: 50)
        plan.routes[0].breakStart = 700
        #expect(DayPlanChecker.violations(of: plan, for: request).contains { $0.contains("overlaps a visit") })
        plan.routes[0].breakStart = nil
        #expect(DayPlanChecker.violations(of: plan, for: request).contains { $0.contains("with no break") })
    }

    @Test func aBreakLongerThanItsWindowIsRefused() {
        #expect(Self.lunch("12:00", "12:20", 30) == nil)
        #expect(Self.lunch("12:00", "12:30", 30)?.latestStart == 720)
        #expect(Self.lunch("12:00", "13:00", 0) == nil)
    }

    /// The search's insertion cost, simulated from the insertion on, equals the route's cost driven again whole.
    @Test(arguments: [UInt64(1), 2, 3])
    func theQuickInsertionCostMatchesTheRouteDrivenAgain(seed: UInt64) {
        // setup: random windows, some soft, a 30-minute break between 300 and 500 on a horizon of 1,000
        var problem = RouteSearchTests.instance(seed: seed, customers: 60, width: 60.0...300.0)
        problem.weights = .init(distance: 1, travelTime: 0, lateness: 2, overtime: 3, lateBreak: 3)
        var rng = SeededGenerator(seed: seed)
        for visit in 0..<problem.visitCount where rng.unit() < 0.5 {
            problem.hardDue[visit] = problem.due[visit] + 100
        }
        for vehicle in 0..<problem.vehicleCount {
            problem.breakDuration[vehicle] = 30
            problem.breakEarliest[vehicle] = 300
            problem.breakLatest[vehicle] = 470
            problem.shiftEnd[vehicle] = 800
        }
        var search = RouteSearch(problem: problem, seed: seed)
        search.construct(from: nil)
        // act and check
        var compared = 0
        for route in search.routes where !route.visits.isEmpty {
            for _ in 0..<5 {
                let visit = rng.below(problem.visitCount)
                guard !route.visits.contains(visit) else { continue }
                for position in 0...route.visits.count {
                    guard let delta = problem.insertionCostWithBreak(visit, into: route, at: position, soft: true, bound: .infinity) else { continue }
                    var longer = RouteState(vehicle: route.vehicle)
                    longer.visits = route.visits
                    longer.visits.insert(visit, at: position)
                    problem.refresh(&longer)
                    #expect(abs(longer.cost - route.cost - delta) < 1e-6, "seed \(seed) visit \(visit) at \(position)")
                    #expect(zip(longer.visits, longer.start).allSatisfy { $1 <= problem.hardDue[$0] })
                    compared += 1
                }
            }
        }
        #expect(compared > 20)
    }
}
