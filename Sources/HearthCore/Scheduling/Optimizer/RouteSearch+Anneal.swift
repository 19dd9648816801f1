import Foundation

extension RouteSearch {
    /// Ruin and recreate until the budget runs out, accepting a worse plan by simulated annealing.
    mutating func anneal(_ options: RouteOptimizer.Options, began: ContinuousClock.Instant) {
        commit()
        let clock = ContinuousClock()
        let limit = Double(options.timeLimit.components.seconds) + Double(options.timeLimit.components.attoseconds) * 1e-18
        let assigned = max(1, problem.visitCount - unassigned.count)
        let used = max(1, routes.count(where: { !$0.visits.isEmpty }))
        // Temperatures scaled to the average leg of the first plan (SISR's 100 → 1 on Gehring–Homberger's scale).
        let averageLeg = max(1e-9, routeCostSum / Double(assigned + used))
        let hot = 2.5 * averageLeg, cold = 0.025 * averageLeg
        var current = currentCost, lastReport = 0.0
        while true {
            let seconds = (clock.now - began).seconds
            if seconds >= limit { break }
            if let most = options.maxIterations, iterations >= most { break }
            let fraction = options.maxIterations.map { Double(iterations) / Double(max(1, $0)) } ?? seconds / max(limit, 1e-9)
            let temperature = hot * pow(cold / hot, fraction)
            ruin(options)
            recreate()
            let candidate = currentCost
            if candidate < current - temperature * log(max(rng.unit(), 1e-300)) {
                current = candidate
                commit()
                saveBest()
            } else {
                rollback()
            }
            iterations += 1
            if let progress = options.progress, seconds - lastReport >= 1 {
                lastReport = seconds
                progress(.init(iterations: iterations, seconds: seconds, bestCost: bestCost, unassigned: bestUnassigned.count))
            }
        }
    }

    /// Removes a few strings of consecutive visits from routes near a random visit (locked visits stay).
    mutating func ruin(_ options: RouteOptimizer.Options) {
        removed.removeAll(keepingCapacity: true)
        backupUnassigned.removeAll(keepingCapacity: true)
        backupUnassigned.append(contentsOf: unassigned)
        let assigned = problem.visitCount - unassigned.count
        guard assigned > 0 else { return }
        let used = max(1, routes.count(where: { !$0.visits.isEmpty }))
        let longest = min(options.longestString, Double(assigned) / Double(used))
        let mostStrings = 4 * options.averageRemoved / (1 + longest) - 1
        let strings = Int(rng.unit() * mostStrings) + 1
        var seed = rng.below(problem.visitCount), tries = 0
        while routeOf[seed] < 0 && tries < 64 { seed = rng.below(problem.visitCount); tries += 1 }
        guard routeOf[seed] >= 0 else { return }
        var ruined = 0
        for k in -1..<neighbourCount where ruined < strings {
            let visit = k < 0 ? seed : Int(neighbours[seed * neighbourCount + k])
            let vehicle = routeOf[visit]
            guard vehicle >= 0, !touched[vehicle] else { continue }
            let length = Int(rng.unit() * min(Double(routes[vehicle].visits.count), longest)) + 1
            removeString(around: visit, vehicle: vehicle, length: length)
            ruined += 1
        }
    }

    private mutating func removeString(around visit: Int, vehicle: Int, length: Int) {
        touch(vehicle)
        let count = routes[vehicle].visits.count
        let at = positionOf[visit]
        let lowest = max(0, at - length + 1), highest = min(at, count - length)
        let from = highest > lowest ? lowest + rng.below(highest - lowest + 1) : lowest
        var kept = from
        for k in from..<(from + length) {
            let other = routes[vehicle].visits[k]
            if problem.lockedVehicle[other] >= 0 { routes[vehicle].visits[kept] = other; kept += 1; continue }
            removed.append(other)
            routeOf[other] = -1
        }
        routes[vehicle].visits.removeSubrange(kept..<(from + length))
        settle(vehicle)
    }

    /// Puts the removed visits and any left unassigned back, each where it costs least, in one of SISR's orders.
    mutating func recreate() {
        removed.append(contentsOf: unassigned)
        unassigned.removeAll(keepingCapacity: true)
        switch rng.below(10) {
        case 0..<5: for k in stride(from: removed.count - 1, to: 0, by: -1) { removed.swapAt(k, rng.below(k + 1)) }
        case 5..<8: removed.sort { problem.hardDue[$0] - problem.ready[$0] < problem.hardDue[$1] - problem.ready[$1] }
        default: removed.sort { problem.ready[$0] < problem.ready[$1] }
        }
        // Must-do visits go first whatever the order.
        removed.sort { problem.dropPenalty[$0] >= RoutingProblem.mustPlacePenalty && problem.dropPenalty[$1] < RoutingProblem.mustPlacePenalty }
        for visit in removed { insertBest(visit, blink: 0.01, near: true) }
    }

    mutating func commit() {
        for vehicle in touchedList { touched[vehicle] = false; dirty[vehicle] = true }
        touchedList.removeAll(keepingCapacity: true)
    }

    mutating func rollback() {
        for vehicle in touchedList {
            for visit in routes[vehicle].visits { routeOf[visit] = -1 }
        }
        for vehicle in touchedList {
            routes[vehicle].visits.removeAll(keepingCapacity: true)
            routes[vehicle].visits.append(contentsOf: backup[vehicle])
            settle(vehicle)
            for visit in backup[vehicle] { routeOf[visit] = vehicle }
            touched[vehicle] = false
        }
        touchedList.removeAll(keepingCapacity: true)
        unassigned.removeAll(keepingCapacity: true)
        unassigned.append(contentsOf: backupUnassigned)
    }

    /// The `count` nearest visits to each visit by travel cost either way.
    static func nearest(_ problem: RoutingProblem, count wanted: Int) -> ([Int32], Int) {
        let n = problem.visitCount, count = max(0, min(wanted, n - 1))
        var flat = [Int32](repeating: 0, count: n * count)
        var order = [Int](repeating: 0, count: n)
        var key = [Double](repeating: 0, count: n)
        for visit in 0..<n {
            let here = problem.visitLocation[visit]
            for other in 0..<n {
                let there = problem.visitLocation[other]
                key[other] = other == visit ? .infinity : problem.arc(here, there) + problem.arc(there, here)
                order[other] = other
            }
            order.sort { (key[$0], $0) < (key[$1], $1) }
            for k in 0..<count { flat[visit * count + k] = Int32(order[k]) }
        }
        return (flat, count)
    }

    /// Vehicles with the same start, end, hours, limits and permissions share a profile number.
    static func profiles(_ problem: RoutingProblem) -> [Int] {
        struct Key: Hashable { var numbers: [Double]; var allowed: [Bool] }
        var seen: [Key: Int] = [:]
        let vehicles = problem.vehicleCount
        return (0..<vehicles).map { v in
            let numbers = [Double(problem.vehicleStart[v]), Double(problem.vehicleEnd[v]), problem.shiftStart[v], problem.shiftEnd[v],
                           problem.hardShiftEnd[v], problem.capacity[v], Double(min(problem.maxVisits[v], 1 << 40)),
                           problem.breakDuration[v], problem.breakEarliest[v], problem.breakLatest[v]]
            let allowed = (0..<problem.visitCount).map { problem.allowed[$0 * vehicles + v] }
            // Assignment costs differ per clinician: such vehicles are never alike.
            let key = Key(numbers: problem.assignmentCost.isEmpty ? numbers : numbers + [Double(v)], allowed: allowed)
            if let known = seen[key] { return known }
            seen[key] = seen.count
            return seen.count - 1
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
