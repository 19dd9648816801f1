/// The solver's working state: routes with their caches, who holds each visit, and reusable scratch space so the
/// search loop does not allocate once it has warmed up.
struct RouteSearch {
    let problem: RoutingProblem
    let soft: Bool
    var rng: SeededGenerator
    var routes: [RouteState]
    /// The vehicle holding each visit, or −1, and the visit's index in that vehicle's route.
    var routeOf: [Int]
    var positionOf: [Int]
    var unassigned: [Int] = []
    var routeCostSum = 0.0
    /// The nearest visits to each visit, `neighbourCount` per visit.
    let neighbours: [Int32]
    let neighbourCount: Int
    /// Whether a reinsertion may look only beside the visit's nearest visits (see `insertNearNeighbours`).
    let granular: Bool
    /// Whether any vehicle has a break: without, the search never looks at `RouteState.hasBreak`.
    let breaks: Bool
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
        positionOf = routeOf
        (neighbours, neighbourCount) = Self.nearest(problem, count: 60)
        // A visit's cost to a clinician can outweigh the driving, so the best route may hold none of its neighbours.
        granular = problem.assignmentCost.isEmpty
        breaks = problem.breakDuration.contains { $0 > 0 }
        profileOf = Self.profiles(problem)
        profileStamp = [Int](repeating: -1, count: (profileOf.max() ?? 0) + 1)
        touched = [Bool](repeating: false, count: vehicles)
        backup = [[Int]](repeating: [], count: vehicles)
        best = [[Int]](repeating: [], count: vehicles)
        dirty = [Bool](repeating: true, count: vehicles)
        for vehicle in 0..<vehicles { settle(vehicle) }
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
                       insertion(visit, vehicle: vehicle, at: at, soft: false, bound: 0) != nil {
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
        for visit in order { insertBest(visit, blink: 0, near: false) }
        saveBest()
    }

    @inline(__always) func fitsLoad(_ visit: Int, _ route: RouteState) -> Bool {
        route.load + problem.demand[visit] <= problem.capacity[route.vehicle] && route.visits.count < problem.maxVisits[route.vehicle]
    }

    /// Inserts `visit` where it costs least (skipping each position with probability `blink`), or leaves it unassigned.
    /// With `near`, it first tries only the places beside its nearest visits, and looks everywhere when none is open.
    mutating func insertBest(_ visit: Int, blink: Double, near: Bool) {
        if near && granular && insertNearNeighbours(visit, blink: blink) { return }
        stamp += 1
        var best = Insertion()
        let base = visit * problem.vehicleCount
        for vehicle in 0..<routes.count where problem.allowed[base + vehicle] {
            let count = routes[vehicle].visits.count
            if count == 0 {
                if profileStamp[profileOf[vehicle]] == stamp { continue }
                profileStamp[profileOf[vehicle]] = stamp
            }
            guard fitsLoad(visit, routes[vehicle]) else { continue }
            for position in 0...count { consider(visit, vehicle: vehicle, at: position, blink: blink, best: &best) }
        }
        if best.vehicle < 0 { unassigned.append(visit); return }
        place(visit, vehicle: best.vehicle, at: best.position)
    }

    /// Granular insertion (the neighbour lists of Toth & Vigo's granular tabu search, as in HGS and PyVRP): only the
    /// places just before or after one of the visit's nearest visits. A full scan weighs every place of every route,
    /// about as many as there are visits; on long routes with wide windows (Gehring–Homberger R2) nearly all of them
    /// are open, so it cost four in five of the search's time. False when no such place is open.
    mutating func insertNearNeighbours(_ visit: Int, blink: Double) -> Bool {
        var best = Insertion()
        let base = visit * problem.vehicleCount, first = visit * neighbourCount
        for k in first..<(first + neighbourCount) {
            let other = Int(neighbours[k]), vehicle = routeOf[other]
            guard vehicle >= 0, problem.allowed[base + vehicle], fitsLoad(visit, routes[vehicle]) else { continue }
            let at = positionOf[other]
            consider(visit, vehicle: vehicle, at: at, blink: blink, best: &best)
            consider(visit, vehicle: vehicle, at: at + 1, blink: blink, best: &best)
        }
        guard best.vehicle >= 0 else { return false }
        place(visit, vehicle: best.vehicle, at: best.position)
        return true
    }

    /// The cheapest place found so far.
    struct Insertion {
        var delta = Double.infinity, vehicle = -1, position = -1
    }

    @inline(__always) mutating func consider(_ visit: Int, vehicle: Int, at position: Int, blink: Double, best: inout Insertion) {
        if blink > 0, rng.unit() < blink { return }
        if let delta = insertion(visit, vehicle: vehicle, at: position, soft: soft, bound: best.delta),
           delta < best.delta {
            best = Insertion(delta: delta, vehicle: vehicle, position: position)
        }
    }

    /// The cost of the insertion, by the break's rule for a route with one.
    @inline(__always) func insertion(_ visit: Int, vehicle: Int, at position: Int, soft: Bool, bound: Double) -> Double? {
        if breaks && routes[vehicle].hasBreak {
            return problem.insertionCostWithBreak(visit, into: routes[vehicle], at: position, soft: soft, bound: bound)
        }
        return problem.insertionCost(visit, into: routes[vehicle], at: position, soft: soft, bound: bound)
    }

    mutating func place(_ visit: Int, vehicle: Int, at position: Int) {
        touch(vehicle)
        routes[vehicle].visits.insert(visit, at: position)
        routeOf[visit] = vehicle
        settle(vehicle)
    }

    /// Recomputes the route's caches, the plan's cost and its visits' positions after the route's visits changed.
    mutating func settle(_ vehicle: Int) {
        routeCostSum -= routes[vehicle].cost
        problem.refresh(&routes[vehicle])
        routeCostSum += routes[vehicle].cost
        for (k, visit) in routes[vehicle].visits.enumerated() { positionOf[visit] = k }
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
        var breaks = [Double?](repeating: nil, count: problem.vehicleCount)
        for (vehicle, visits) in best.enumerated() {
            var route = RouteState(vehicle: vehicle)
            route.visits = visits
            problem.refresh(&route)
            for (k, visit) in visits.enumerated() { starts[visit] = route.start[k] }
            if route.breakAt >= 0 { breaks[vehicle] = route.breakStart }
        }
        return RoutingSolution(routes: best, startTimes: starts, unassigned: bestUnassigned.sorted(), cost: bestCost, iterations: iterations,
                               breakStarts: breaks)
    }
}
