import Testing
@testable import HearthCore

/// The solver on plain VRPTW instances (no clinician costs), where a reinsertion looks only beside the nearest visits.
@Suite struct RouteSearchTests {
    /// A random instance in the Gehring–Homberger mould: customers on a square, one depot, windows wide or tight.
    static func instance(seed: UInt64, customers: Int, width: ClosedRange<Double>) -> RoutingProblem {
        var rng = SeededGenerator(seed: seed)
        let points = (0...customers).map { _ in (x: rng.unit() * 100, y: rng.unit() * 100) }
        let n = points.count
        var matrix = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n where i != j {
            let dx = points[i].x - points[j].x, dy = points[i].y - points[j].y
            matrix[i * n + j] = (10 * (dx * dx + dy * dy).squareRoot()).rounded(.down) / 10
        } }
        var problem = RoutingProblem(locationCount: n, distance: matrix, duration: matrix, weights: .init(distance: 1, travelTime: 0, lateness: 0, overtime: 0))
        let horizon = 1_000.0
        for location in 1..<n {
            let earliest = matrix[location]
            let ready = earliest + rng.unit() * (horizon - 2 * earliest - 10 - width.upperBound)
            let due = ready + width.lowerBound + rng.unit() * (width.upperBound - width.lowerBound)
            problem.addVisit(location: location, service: 10, ready: ready, due: due, hardDue: due,
                             demand: Double(1 + rng.below(10)), dropPenalty: RoutingProblem.mustPlacePenalty)
        }
        for _ in 0..<customers / 2 {
            problem.addVehicle(start: 0, end: 0, shiftStart: 0, shiftEnd: horizon, hardShiftEnd: horizon, capacity: 60)
        }
        problem.allowAll()
        return problem
    }

    /// Re-drives every route from scratch: each customer once, windows, capacity, back by closing; nil when a rule breaks.
    static func distance(of solution: RoutingSolution, in problem: RoutingProblem) -> Double? {
        let placed = solution.routes.flatMap { $0 }
        guard placed.sorted() == Array(0..<problem.visitCount) else { return nil }
        var total = 0.0
        for (vehicle, route) in solution.routes.enumerated() where !route.isEmpty {
            var time = problem.shiftStart[vehicle], here = problem.vehicleStart[vehicle], load = 0.0
            for visit in route {
                let location = problem.visitLocation[visit]
                time = max(time + problem.duration[here * problem.locationCount + location], problem.ready[visit])
                guard time <= problem.hardDue[visit] else { return nil }
                total += problem.distance[here * problem.locationCount + location]
                time += problem.service[visit]
                load += problem.demand[visit]
                here = location
            }
            total += problem.distance[here * problem.locationCount + problem.vehicleEnd[vehicle]]
            guard load <= problem.capacity[vehicle],
                  time + problem.duration[here * problem.locationCount + problem.vehicleEnd[vehicle]] <= problem.hardShiftEnd[vehicle]
            else { return nil }
        }
        return total
    }

    @Test(arguments: [10.0...40.0, 200.0...600.0])
    func everyPlanKeepsEveryWindowAndCostsWhatItsRoutesDrive(width: ClosedRange<Double>) throws {
        for seed in UInt64(1)...3 {
            // setup
            let problem = Self.instance(seed: seed, customers: 150, width: width)
            // act
            let solution = RouteOptimizer(problem: problem).solve(.init(seed: seed, timeLimit: .seconds(60), maxIterations: 1_500))
            // check
            let driven = try #require(Self.distance(of: solution, in: problem), "seed \(seed)")
            #expect(abs(driven - solution.cost) < 1e-6, "seed \(seed)")
        }
    }

    @Test func theSameSeedGivesTheSameRoutes() {
        let problem = Self.instance(seed: 11, customers: 150, width: 200.0...600.0)
        let first = RouteOptimizer(problem: problem).solve(.init(seed: 4, timeLimit: .seconds(60), maxIterations: 1_500))
        let second = RouteOptimizer(problem: problem).solve(.init(seed: 4, timeLimit: .seconds(60), maxIterations: 1_500))
        #expect(first == second)
    }

    @Test func eachVisitsRouteAndPlaceInItAreKnownAfterEverySearch() {
        // setup
        let problem = Self.instance(seed: 3, customers: 120, width: 100.0...400.0)
        var search = RouteSearch(problem: problem, seed: 3)
        search.construct(from: nil)
        // act
        search.anneal(.init(seed: 3, timeLimit: .seconds(60), maxIterations: 1_000), began: .now)
        // check
        for (vehicle, route) in search.routes.enumerated() {
            for (k, visit) in route.visits.enumerated() {
                #expect(search.routeOf[visit] == vehicle && search.positionOf[visit] == k, "visit \(visit)")
            }
        }
    }
}
