/// A clinician's break (lunch) inside the route's time propagation. The formulation is the usual one for breaks in
/// routing with time windows (a break with a time window and a duration, taken between two visits, and free to fill
/// waiting time; Kok, Meyer, Kopfer & Schutten, "A dynamic programming heuristic for the vehicle routing problem with
/// time windows and European Community social legislation", Transportation Science 44(4), 2010; VROOM and jsprit model
/// breaks the same way). The rule, applied at each arrival while the break is still owed:
/// - it is taken on arrival, before the visit, when it fits whole in the wait for the visit's window (it delays nothing);
/// - it is taken there too when putting it off until after this visit would start it past its latest start, unless
///   that makes the visit miss its window (then the break goes late: a break never costs a patient their appointment);
/// - otherwise it waits for a later stop. A day that runs past the window's close without one takes it before the drive
///   home; a day that ends by the window's close owes none.
/// A break starting past its latest start is a soft cost (`Weights.lateBreak` a minute), not a hard rule: no federal rule
/// sets a meal break and the states that do differ (California Labor Code §512: 30 minutes before the end of the fifth
/// hour), so the agency's window is a policy; as a hard rule one long must-do visit across lunch would make the day
/// unplannable. The plan says each late break, and the checker recounts them.
extension RoutingProblem {
    /// The start of a visit reached at `arrival` by vehicle `v`, and the break's start when it is taken before it (−1: not).
    @inline(__always)
    func arrive(_ v: Int, at arrival: Double, before visit: Int) -> (begin: Double, breakStart: Double) {
        let length = breakDuration[v], starts = max(arrival, breakEarliest[v])
        if starts + length <= ready[visit] && starts <= breakLatest[v] { return (ready[visit], starts) }
        let begin = max(arrival, ready[visit])
        if begin + service[visit] > breakLatest[v] {
            let after = max(starts + length, ready[visit])
            if after <= hardDue[visit] { return (after, starts) }
        }
        return (begin, -1)
    }

    /// When a break not yet taken starts before the drive home from a stop left at `leaving` (home at `back` without it),
    /// or nil when the day ends by the window's close.
    @inline(__always)
    func breakBeforeHome(_ v: Int, leaving: Double, back: Double) -> Double? {
        back > breakLatest[v] + breakDuration[v] ? max(leaving, breakEarliest[v]) : nil
    }

    /// `refresh` for a vehicle with a break: the same caches, the break placed by `arrive` and `breakBeforeHome`.
    func refreshWithBreak(_ route: inout RouteState) {
        let v = route.vehicle, count = route.visits.count
        route.start.removeAll(keepingCapacity: true)
        route.latest.removeAll(keepingCapacity: true)
        route.breakAt = -1
        route.breakCost = 0
        var time = shiftStart[v], here = vehicleStart[v], cost = 0.0, load = 0.0, late = 0.0
        for (k, visit) in route.visits.enumerated() {
            let location = visitLocation[visit]
            var begin = max(time + travel(here, location), ready[visit])
            if route.hasBreak && route.breakAt < 0 {
                let taken = arrive(v, at: time + travel(here, location), before: visit)
                if taken.breakStart >= 0 { (route.breakAt, route.breakStart, begin) = (k, taken.breakStart, taken.begin) }
            }
            route.start.append(begin)
            cost += arc(here, location) + assignCost(visit, v)
            late += max(0, begin - due[visit])
            load += demand[visit]
            time = begin + service[visit]
            here = location
        }
        var back = time + travel(here, vehicleEnd[v])
        if route.hasBreak && route.breakAt < 0 && count > 0, let breakStart = breakBeforeHome(v, leaving: time, back: back) {
            (route.breakAt, route.breakStart) = (count, breakStart)
            back = breakStart + breakDuration[v] + travel(here, vehicleEnd[v])
        }
        if route.breakAt >= 0 { route.breakCost = weights.lateBreak * max(0, route.breakStart - breakLatest[v]) }
        cost += arc(here, vehicleEnd[v])
        let overtime = weights.overtime * max(0, back - shiftEnd[v])
        route.latest.append(contentsOf: route.start)
        route.suffixSoft.removeAll(keepingCapacity: true)
        route.suffixSoft.append(contentsOf: repeatElement(0, count: count + 1))
        route.suffixSoft[count] = overtime + (route.breakAt == count ? route.breakCost : 0)
        var latest = hardShiftEnd[v], next = vehicleEnd[v]
        for k in stride(from: count - 1, through: 0, by: -1) {
            let visit = route.visits[k], location = visitLocation[visit]
            latest = min(hardDue[visit], latest - travel(location, next) - service[visit])
            route.latest[k] = latest
            route.suffixSoft[k] = route.suffixSoft[k + 1] + weights.lateness * max(0, route.start[k] - due[visit])
                + (route.breakAt == k ? route.breakCost : 0)
            next = location
        }
        route.load = load
        route.cost = count == 0 ? 0 : cost + weights.lateness * late + overtime + route.breakCost
    }

    /// `insertionCost` for a vehicle with a break: the break can move, so the route is simulated from the insertion on,
    /// hard limits included, until it runs as before (same start, break taken or not alike). Kept out of line so that
    /// `insertionCost`, inlined in the search's hottest loop, stays as small as it was for routes without a break.
    @inline(never)
    func insertionCostWithBreak(_ visit: Int, into route: RouteState, at position: Int, soft: Bool, bound: Double) -> Double? {
        let v = route.vehicle, location = visitLocation[visit], count = route.visits.count
        let previous = position == 0 ? vehicleStart[v] : visitLocation[route.visits[position - 1]]
        let leaves = position == 0 ? shiftStart[v] : route.start[position - 1] + service[route.visits[position - 1]]
        let next = position == count ? vehicleEnd[v] : visitLocation[route.visits[position]]
        let delta = arc(previous, location) + arc(location, next) - arc(previous, next) + assignCost(visit, v)
        // Not chosen whatever its soft cost (which only grows): no need to know whether it holds.
        if soft && delta >= bound { return delta }
        var taken = route.breakAt >= 0 && route.breakAt < position
        var time = leaves, here = previous, added = 0.0
        for k in (position - 1)..<count {
            let stop = k < position ? visit : route.visits[k], at = visitLocation[stop]
            let arrival = time + travel(here, at)
            var begin = max(arrival, ready[stop])
            if !taken {
                let rule = arrive(v, at: arrival, before: stop)
                if rule.breakStart >= 0 {
                    taken = true
                    begin = rule.begin
                    added += weights.lateBreak * max(0, rule.breakStart - breakLatest[v])
                }
            }
            if begin > hardDue[stop] { return nil }
            if k >= position && begin == route.start[k] && taken == (route.breakAt >= 0 && route.breakAt <= k) {
                // Runs as before from here: the rest costs what it did, less the old break if it was taken just here.
                return delta + added - route.suffixSoft[position] + route.suffixSoft[k] - (route.breakAt == k ? route.breakCost : 0)
            }
            added += weights.lateness * max(0, begin - due[stop])
            time = begin + service[stop]
            here = at
        }
        var back = time + travel(here, vehicleEnd[v])
        if !taken, let starts = breakBeforeHome(v, leaving: time, back: back) {
            added += weights.lateBreak * max(0, starts - breakLatest[v])
            back = starts + breakDuration[v] + travel(here, vehicleEnd[v])
        }
        if back > hardShiftEnd[v] { return nil }
        return delta + added + weights.overtime * max(0, back - shiftEnd[v]) - route.suffixSoft[position]
    }
}
