/// The solver's working state: routes with their caches, who holds each visit, and reusable scratch space so the
/// search loop does not allocate once it has warmed up.
struct RouteSearch {
    let problem: RoutingProblem
    let soft: Bool
    var rng: SeededGenerator
    var routes: [RouteState]
    /// The vehicle holding each visit, or −1.
    var routeOf: [Int]
    var unassigned: [Int] = []
    var routeCostSum = 0.0
    /// The nearest visits to each visit, `neighbourCount` per visit.
    let neighbours: [Int32]
    let neighbourCount: Int
    /// Vehicles alike in every respect share a profile: one empty route per profile is enough to try.
    let profileOf: [Int]
    var profileStamp: [Int]
    var stamp = 0
    // Undo buffers for the move under trial.
    var touched: [Bool]
    var touchedList: [Int] = []
    var backup: [[Int]]
    var backupUnassigned: [Int] = []
    var removed: [Int] = []
    // The best plan so far; `dirty` routes changed since it was copied.
    var best: [[Int]]
    var bestUnassigned: [Int] = []
    var bestCost = Double.infinity
    var dirty: [Bool]
    var iterations = 0

    init(problem: RoutingProblem, seed: UInt64) {
        self.problem = problem
        soft = problem.hasSoftTime
        rng = SeededGenerator(seed: seed)
        let vehicles = problem.vehicleCount
        routes = (0..<vehicles).map { RouteState(vehicle: $0) }
        routeOf = [Int](repeating: -1, count: problem.visitCount)
        (neighbours, neighbourCount) = Self.nearest(problem, count: 60)
        profileOf = Self.profiles(problem)
        profileStamp = [Int](repeating: -1, count: (profileOf.max() ?? 0) + 1)
        touched = [Bool](repeating: false, count: vehicles)
        backup = [[Int]](repeating: [], count: vehicles)
        best = [[Int]](repeating: [], count: vehicles)
        dirty = [Bool](repeating: true, count: vehicles)
        for vehicle in 0..<vehicles { problem.refresh(&routes[vehicle]) }
    }

    var currentCost: Double { routeCostSum + unassigned.reduce(0) { $0 + problem.dropPenalty[$1] } }

    /// Starts from `initial` where it still holds, then inserts every other visit, locked and must-do visits first,
    /// then the tightest windows.
    mutating func construct(from initial: [[Int]]?) {
        if let initial {
            for (vehicle, visits) in initial.enumerated() where vehicle < routes.count {
                for visit in visits where visit < routeOf.count && routeOf[visit] < 0 {
                    let at = routes[vehicle].visits.count
                    if problem.allowed[visit * problem.vehicleCount + vehicle], fitsLoad(visit, routes[vehicle]),
                       problem.insertionCost(visit, into: routes[vehicle], at: at, soft: false, bound: 0) != nil {
                        place(visit, vehicle: vehicle, at: at)
                    }
                }
            }
        }
        var order = (0..<problem.visitCount).filter { routeOf[$0] < 0 }
        order.sort { lhs, rhs in
            let a = (problem.lockedVehicle[lhs] < 0 ? 1 : 0, -problem.dropPenalty[lhs], problem.hardDue[lhs] - problem.ready[lhs], lhs)
            let b = (problem.lockedVehicle[rhs] < 0 ? 1 : 0, -problem.dropPenalty[rhs], problem.hardDue[rhs] - problem.ready[rhs], rhs)
            return a < b
        }
        for visit in order { insertBest(visit, blink: 0) }
        saveBest()
    }

    @inline(__always) func fitsLoad(_ visit: Int, _ route: RouteState) -> Bool {
        route.load + problem.demand[visit] <= problem.capacity[route.vehicle] && route.visits.count < problem.maxVisits[route.vehicle]
    }

    /// Inserts `visit` where it costs least (skipping each position with probability `blink`), or leaves it unassigned.
    mutating func insertBest(_ visit: Int, blink: Double) {
        stamp += 1
        var bestDelta = Double.infinity, bestVehicle = -1, bestPosition = -1
        let base = visit * problem.vehicleCount
        for vehicle in 0..<routes.count where problem.allowed[base + vehicle] {
            let count = routes[vehicle].visits.count
            if count == 0 {
                if profileStamp[profileOf[vehicle]] == stamp { continue }
                profileStamp[profileOf[vehicle]] = stamp
            }
            guard fitsLoad(visit, routes[vehicle]) else { continue }
            for position in 0...count {
                if blink > 0, rng.unit() < blink { continue }
                if let delta = problem.insertionCost(visit, into: routes[vehicle], at: position, soft: soft, bound: bestDelta),
                   delta < bestDelta {
                    bestDelta = delta; bestVehicle = vehicle; bestPosition = position
                }
            }
        }
        if bestVehicle < 0 { unassigned.append(visit); return }
        place(visit, vehicle: bestVehicle, at: bestPosition)
    }

    mutating func place(_ visit: Int, vehicle: Int, at position: Int) {
        touch(vehicle)
        routeCostSum -= routes[vehicle].cost
        routes[vehicle].visits.insert(visit, at: position)
        problem.refresh(&routes[vehicle])
        routeCostSum += routes[vehicle].cost
        routeOf[visit] = vehicle
    }

    /// Keeps a copy of the route as it was before the move under trial first changes it.
    mutating func touch(_ vehicle: Int) {
        guard !touched[vehicle] else { return }
        touched[vehicle] = true
        touchedList.append(vehicle)
        backup[vehicle].removeAll(keepingCapacity: true)
        backup[vehicle].append(contentsOf: routes[vehicle].visits)
    }

    mutating func saveBest() {
        let cost = currentCost
        guard cost < bestCost else { return }
        bestCost = cost
        for vehicle in 0..<routes.count where dirty[vehicle] {
            best[vehicle].removeAll(keepingCapacity: true)
            best[vehicle].append(contentsOf: routes[vehicle].visits)
            dirty[vehicle] = false
        }
        bestUnassigned.removeAll(keepingCapacity: true)
        bestUnassigned.append(contentsOf: unassigned)
    }

    func bestSolution() -> RoutingSolution {
        var starts = [Double?](repeating: nil, count: problem.visitCount)
        for (vehicle, visits) in best.enumerated() {
            var route = RouteState(vehicle: vehicle)
            route.visits = visits
            problem.refresh(&route)
            for (k, visit) in visits.enumerated() { starts[visit] = route.start[k] }
        }
        return RoutingSolution(routes: best, startTimes: starts, unassigned: bestUnassigned.sorted(), cost: bestCost, iterations: iterations)
    }
}
