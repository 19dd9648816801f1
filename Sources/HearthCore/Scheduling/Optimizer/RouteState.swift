/// One vehicle's route with what the solver caches to test an insertion in constant time: each stop's start,
/// the latest start that keeps the rest of the route within its hard limits, and the soft cost from each stop on.
struct RouteState: Sendable {
    let vehicle: Int
    var visits: [Int] = []
    var start: [Double] = []
    var latest: [Double] = []
    /// `suffixSoft[k]`: lateness from stop k on plus overtime; `suffixSoft[count]` is the overtime alone.
    var suffixSoft: [Double] = [0]
    var load = 0.0
    /// Arc costs, soft costs and assignment costs of the route.
    var cost = 0.0
    /// Whether the vehicle has a break; then `breakAt` is the stop it is taken before (`visits.count`: before the drive
    /// home; −1: not taken, the day ending before it is owed), `breakStart` when, and `breakCost` what it costs late.
    var hasBreak = false
    var breakAt = -1
    var breakStart = 0.0
    var breakCost = 0.0

    init(vehicle: Int) { self.vehicle = vehicle }
}

extension RoutingProblem {
    @inline(__always) func arc(_ from: Int, _ to: Int) -> Double { arcCost[from * locationCount + to] }
    @inline(__always) func travel(_ from: Int, _ to: Int) -> Double { duration[from * locationCount + to] }
    @inline(__always) func assignCost(_ visit: Int, _ vehicle: Int) -> Double {
        assignmentCost.isEmpty ? 0 : assignmentCost[visit * vehicleCount + vehicle]
    }

    /// Recomputes every cache of `route` after its visits changed; the route must be feasible.
    func refresh(_ route: inout RouteState) {
        let v = route.vehicle, count = route.visits.count
        route.hasBreak = breakDuration[v] > 0
        // A route with a break has its own pass (`refreshWithBreak`): this one stays as it was for routes without.
        if route.hasBreak { refreshWithBreak(&route); return }
        route.start.removeAll(keepingCapacity: true)
        route.latest.removeAll(keepingCapacity: true)
        var time = shiftStart[v], here = vehicleStart[v], cost = 0.0, load = 0.0, late = 0.0
        for visit in route.visits {
            let location = visitLocation[visit]
            let begin = max(time + travel(here, location), ready[visit])
            route.start.append(begin)
            cost += arc(here, location) + assignCost(visit, v)
            late += max(0, begin - due[visit])
            load += demand[visit]
            time = begin + service[visit]
            here = location
        }
        let back = time + travel(here, vehicleEnd[v])
        cost += arc(here, vehicleEnd[v])
        let overtime = weights.overtime * max(0, back - shiftEnd[v])
        route.latest.append(contentsOf: route.start)
        route.suffixSoft.removeAll(keepingCapacity: true)
        route.suffixSoft.append(contentsOf: repeatElement(0, count: count + 1))
        route.suffixSoft[count] = overtime
        var latest = hardShiftEnd[v], next = vehicleEnd[v]
        for k in stride(from: count - 1, through: 0, by: -1) {
            let visit = route.visits[k], location = visitLocation[visit]
            latest = min(hardDue[visit], latest - travel(location, next) - service[visit])
            route.latest[k] = latest
            route.suffixSoft[k] = route.suffixSoft[k + 1] + weights.lateness * max(0, route.start[k] - due[visit])
            next = location
        }
        route.load = load
        route.cost = count == 0 ? 0 : cost + weights.lateness * late + overtime
    }

    /// The cost of putting `visit` before position `position` of `route`, or nil when a hard rule forbids it.
    /// `soft` says whether lateness and overtime must be simulated; `bound` skips that work for a worse candidate.
    /// For a route without a break; `RouteSearch.insertion` picks `insertionCostWithBreak` for one with.
    @inline(__always)
    func insertionCost(_ visit: Int, into route: RouteState, at position: Int, soft: Bool, bound: Double) -> Double? {
        let v = route.vehicle, location = visitLocation[visit], count = route.visits.count
        let previous = position == 0 ? vehicleStart[v] : visitLocation[route.visits[position - 1]]
        let leaves = position == 0 ? shiftStart[v] : route.start[position - 1] + service[route.visits[position - 1]]
        let begin = max(leaves + travel(previous, location), ready[visit])
        if begin > hardDue[visit] { return nil }
        let next = position == count ? vehicleEnd[v] : visitLocation[route.visits[position]]
        let arrives = begin + service[visit] + travel(location, next)
        if position == count ? arrives > hardShiftEnd[v] : arrives > route.latest[position] { return nil }
        var delta = arc(previous, location) + arc(location, next) - arc(previous, next) + assignCost(visit, v)
        if !soft || delta >= bound { return delta }
        delta += weights.lateness * max(0, begin - due[visit]) - route.suffixSoft[position]
        var time = begin + service[visit], here = location
        for k in position..<count {
            let other = route.visits[k], at = visitLocation[other]
            let starts = max(time + travel(here, at), ready[other])
            if starts == route.start[k] { return delta + route.suffixSoft[k] }
            delta += weights.lateness * max(0, starts - due[other])
            time = starts + service[other]
            here = at
        }
        return delta + weights.overtime * max(0, time + travel(here, vehicleEnd[v]) - shiftEnd[v])
    }
}
