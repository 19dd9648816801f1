/// The bridge between a day in clinicians and visits and the solver's flat problem: which problem index is which
/// visit and clinician, the travel matrix in whole minutes, and the answer read back as a `DayPlan`.
struct DayPlanModel {
    let request: DayPlanRequest
    /// Problem visit → request visit, problem vehicle → request clinician.
    let visits: [Int]
    let vehicles: [Int]
    let travel: TravelMatrix
    let problem: RoutingProblem
    /// Location of each vehicle's home base in `travel` (the last location, zero travel, when it has none).
    let home: [Int]
    /// Location of each problem visit in `travel` (the last, zero travel, for a kept visit with no coordinates).
    let location: [Int]
    /// Problem visit → why it is kept where it is (`DayPlanner.Screening.kept`).
    let kept: [Int: String]

    init(request: DayPlanRequest, screening: DayPlanner.Screening) {
        self.request = request
        visits = request.visits.indices.filter { screening.candidates[$0] != nil || screening.kept[$0] != nil }
        vehicles = screening.working
        kept = Dictionary(visits.enumerated().compactMap { j, index in screening.kept[index].map { (j, $0.reason) } }, uniquingKeysWith: { a, _ in a })
        let homes = vehicles.map { request.clinicians[$0].profile.homeBase }
        let located = visits.compactMap { request.visits[$0].location }
        let points = located + homes.compactMap { $0 }
        let real = request.travel.matrix(for: points), n = points.count + 1
        var nextPoint = 0
        location = visits.map { request.visits[$0].location == nil ? n - 1 : { nextPoint += 1; return nextPoint - 1 }() }
        var miles = [Double](repeating: 0, count: n * n), minutes = miles
        for i in 0..<points.count { for j in 0..<points.count {
            miles[i * n + j] = real.miles[i * points.count + j]
            // Whole minutes, rounded up, so every planned time is a whole minute and never optimistic.
            minutes[i * n + j] = real.minutes[i * points.count + j].rounded(.up)
        } }
        travel = TravelMatrix(count: n, miles: miles, minutes: minutes)
        var next = located.count
        home = homes.map { point in point == nil ? n - 1 : { next += 1; return next - 1 }() }
        var candidates = screening.candidates
        for (index, kept) in screening.kept { candidates[index] = [kept.clinician] }
        problem = Self.problem(request, visits: visits, vehicles: vehicles, home: home, location: location, kept: Set(kept.keys), travel: travel,
                               candidates: candidates)
    }

    private static func problem(_ request: DayPlanRequest, visits: [Int], vehicles: [Int], home: [Int], location: [Int], kept: Set<Int>,
                                travel: TravelMatrix, candidates: [Int: [Int]]) -> RoutingProblem {
        let w = request.weights
        var problem = RoutingProblem(locationCount: travel.count, distance: travel.miles, duration: travel.minutes,
                                     weights: .init(distance: 0, travelTime: w.travelMinute, lateness: w.lateMinute, overtime: w.overtimeMinute,
                                                    lateBreak: w.lateBreakMinute))
        for (k, clinician) in vehicles.enumerated() {
            let person = request.clinicians[clinician], shift = person.profile.workingHours.shift(on: request.date)!
            let end = Double(shift.end.minutesSinceMidnight), lunch = person.profile.workingHours.mealBreak
            problem.addVehicle(start: home[k], end: home[k], shiftStart: Double(shift.start.minutesSinceMidnight), shiftEnd: end,
                               hardShiftEnd: end + Double(w.maxOvertimeMinutes), maxVisits: person.maxVisits ?? .max,
                               breakDuration: Double(lunch?.minutes ?? 0), breakEarliest: Double(lunch?.from.minutesSinceMidnight ?? 0),
                               breakLatest: Double(lunch?.latestStart ?? 0))
        }
        let vehicleOfID = Dictionary(vehicles.enumerated().map { (request.clinicians[$1].profile.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (j, index) in visits.enumerated() {
            let visit = request.visits[index]
            if kept.contains(j), let start = visit.currentStart.map(Double.init), let current = visit.currentClinicianID {
                // Where and when it is today, with whom it is today: the route plans around it.
                problem.addVisit(location: location[j], service: Double(visit.minutes), ready: start, due: start, hardDue: start,
                                 dropPenalty: RoutingProblem.mustPlacePenalty, lockedVehicle: vehicleOfID[current] ?? -1)
                continue
            }
            let due = Double(visit.window.upperBound - visit.minutes)
            problem.addVisit(location: location[j], service: Double(visit.minutes), ready: Double(visit.window.lowerBound), due: due,
                             hardDue: visit.isAppointment ? due : Double(24 * 60 - visit.minutes),
                             dropPenalty: visit.mustDo ? RoutingProblem.mustPlacePenalty : w.unplacedOptional,
                             lockedVehicle: visit.lockedClinicianID.flatMap { vehicleOfID[$0] } ?? -1)
        }
        let count = vehicles.count
        problem.allowed = [Bool](repeating: false, count: visits.count * count)
        problem.assignmentCost = [Double](repeating: 0, count: visits.count * count)
        let vehicleOf = Dictionary(vehicles.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for (j, index) in visits.enumerated() {
            let visit = request.visits[index]
            for clinician in candidates[index] ?? [] { if let v = vehicleOf[clinician] { problem.allowed[j * count + v] = true } }
            for v in 0..<count {
                let id = request.clinicians[vehicles[v]].profile.id
                problem.assignmentCost[j * count + v] = (Self.isStranger(visit, id) ? w.stranger : 0)
                    + (visit.currentClinicianID.map { $0 != id } == true ? w.change : 0)
            }
        }
        return problem
    }

    static func isStranger(_ visit: DayPlanRequest.Visit, _ clinicianID: String) -> Bool {
        !visit.familiarClinicianIDs.isEmpty && !visit.familiarClinicianIDs.contains(clinicianID)
    }

    /// Today's plan as routes, ordered by window, to start the search from.
    func currentRoutes() -> [[Int]] {
        vehicles.map { clinician in
            let id = request.clinicians[clinician].profile.id
            return visits.indices.filter { request.visits[visits[$0]].currentClinicianID == id }
                .sorted { (request.visits[visits[$0]].window.lowerBound, $0) < (request.visits[visits[$1]].window.lowerBound, $1) }
        }
    }
}
