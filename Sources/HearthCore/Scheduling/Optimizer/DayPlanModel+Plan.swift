extension DayPlanModel {
    /// Reads the solver's answer back as routes by clinician, with every term of the cost counted.
    func plan(from solution: RoutingSolution, unplaceable: [Int: String]) -> DayPlan {
        var cost = DayPlan.Cost()
        var routes: [DayPlan.Route] = []
        for (v, visitsInOrder) in solution.routes.enumerated() where !visitsInOrder.isEmpty {
            let clinician = request.clinicians[vehicles[v]].profile
            var here = home[v], stops: [DayPlan.Stop] = [], miles = 0.0, time = Int(problem.shiftStart[v])
            for j in visitsInOrder {
                let visit = request.visits[visits[j]], at = location[j]
                let drive = Int(travel.minutes[here * travel.count + at]), leg = travel.miles[here * travel.count + at]
                let start = Int(solution.startTimes[j] ?? 0)
                let late = kept[j] == nil ? max(0, start + visit.minutes - visit.window.upperBound) : 0
                let stranger = kept[j] == nil && DayPlanModel.isStranger(visit, clinician.id)
                stops.append(.init(visitID: visit.id, start: start, minutes: visit.minutes, driveMinutes: drive, driveMiles: leg,
                                   lateMinutes: late, isStranger: stranger, keptBecause: kept[j]))
                cost.lateMinutes += late
                cost.strangerVisits += stranger ? 1 : 0
                cost.changedVisits += visit.currentClinicianID.map { $0 != clinician.id } == true ? 1 : 0
                miles += leg
                time = start + visit.minutes
                here = at
            }
            let homeDrive = Int(travel.minutes[here * travel.count + home[v]])
            miles += travel.miles[here * travel.count + home[v]]
            let breakStart = solution.breakStarts.isEmpty ? nil : solution.breakStarts[v].map { Int($0) }
            let breakMinutes = Int(problem.breakDuration[v])
            // A break after the last visit is taken before the drive home.
            if let breakStart, breakStart >= time { time = breakStart + breakMinutes }
            let overtime = max(0, time + homeDrive - Int(problem.shiftEnd[v]))
            let breakLate = breakStart.map { max(0, $0 - Int(problem.breakLatest[v])) } ?? 0
            let route = DayPlan.Route(clinicianID: clinician.id, stops: stops, homeAt: time + homeDrive, overtimeMinutes: overtime,
                                      homeDriveMinutes: homeDrive, miles: miles, breakStart: breakStart, breakMinutes: breakStart == nil ? 0 : breakMinutes,
                                      breakLateMinutes: breakLate)
            cost.driveMinutes += route.driveMinutes
            cost.miles += miles
            cost.overtimeMinutes += overtime
            cost.lateBreaks += breakLate > 0 ? 1 : 0
            cost.breakLateMinutes += breakLate
            routes.append(route)
        }
        var unplaced = unplaceable.keys.sorted().map { index in
            DayPlan.Unplaced(visitID: request.visits[index].id, mustDo: request.visits[index].mustDo, reason: unplaceable[index]!)
        }
        for j in solution.unassigned {
            let visit = request.visits[visits[j]]
            if let reason = kept[j] { // it overlaps another visit that may not move either: it stays as it is all the same
                unplaced.append(.init(visitID: visit.id, mustDo: visit.mustDo, reason: reason))
                continue
            }
            let names = (0..<problem.vehicleCount).filter { problem.allowed[j * problem.vehicleCount + $0] }
                .map { request.clinicians[vehicles[$0]].profile.name }
            unplaced.append(.init(visitID: visit.id, mustDo: visit.mustDo, reason: "Cannot place: no one who may make it (\(names.prefix(3).joined(separator: ", "))"
                + "\(names.count > 3 ? " and \(names.count - 3) more" : "")) can fit it inside its window and their hours without a long detour or running late; it stays as it is. "
                + "Widen the window, add hours, or move another of their visits."))
        }
        cost.unplacedMustDo = unplaced.count { $0.mustDo }
        cost.unplacedOptional = unplaced.count - cost.unplacedMustDo
        let w = request.weights
        cost.total = w.travelMinute * Double(cost.driveMinutes) + w.lateMinute * Double(cost.lateMinutes)
            + w.overtimeMinute * Double(cost.overtimeMinutes) + w.lateBreakMinute * Double(cost.breakLateMinutes) + w.stranger * Double(cost.strangerVisits)
            + w.change * Double(cost.changedVisits) + w.unplacedOptional * Double(cost.unplacedOptional)
        return DayPlan(date: request.date, routes: routes, unplaced: unplaced, cost: cost, iterations: solution.iterations)
    }
}
