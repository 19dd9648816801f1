/// Plans a day: screens out what no plan could place (saying why), turns the rest into a `RoutingProblem`, runs the
/// optimizer and reads the answer back in clinicians and visits.
public struct DayPlanner: Sendable {
    public var request: DayPlanRequest

    public init(request: DayPlanRequest) { self.request = request }

    /// Clinicians with a shift on the day, and for each visit who may make it or why no one can.
    struct Screening {
        var working: [Int] = []
        var candidates: [Int: [Int]] = [:]
        var unplaceable: [Int: String] = [:]
        /// Visits no plan may move that stay with a working clinician at their time (applying a plan leaves them as they
        /// are): visit → that clinician and why it cannot move. The plan keeps them on the route, so nothing overlaps them.
        var kept: [Int: (clinician: Int, reason: String)] = [:]
    }

    func screen() -> Screening {
        var screening = Screening()
        screening.working = request.clinicians.indices.filter { request.clinicians[$0].profile.workingHours.shift(on: request.date) != nil }
        for (index, visit) in request.visits.enumerated() {
            if visit.location == nil {
                screening.unplaceable[index] = "Cannot place: \(visit.patientName)'s address has no map coordinates. Correct the address so it can be located."
                continue
            }
            if visit.window.upperBound - visit.window.lowerBound < visit.minutes {
                screening.unplaceable[index] = "Cannot place: the window \(Self.clock(visit.window.lowerBound))–\(Self.clock(visit.window.upperBound)) is shorter than the \(visit.minutes)-minute visit. Widen the window or shorten the visit."
                continue
            }
            var refusals: [String] = []
            let pool = visit.lockedClinicianID.map { id in screening.working.filter { request.clinicians[$0].profile.id == id } } ?? screening.working
            let allowed = pool.filter { clinician in
                guard let why = request.refusal(visit, by: request.clinicians[clinician]) else { return true }
                // Why the clinician who has it today may not comes first: that is what the scheduler must fix.
                if request.clinicians[clinician].profile.id == visit.currentClinicianID { refusals.insert(why, at: 0) } else { refusals.append(why) }
                return false
            }
            if allowed.isEmpty {
                screening.unplaceable[index] = visit.lockedClinicianID != nil && pool.isEmpty
                    ? "Cannot place: it is locked to a clinician who does not work that day. Unlock it or change the day."
                    : "Cannot place: " + (visit.currentClinicianID.map { id in !pool.contains { request.clinicians[$0].profile.id == id } } == true
                        ? "its clinician is not working that day, and no one who is may make it. " : "no clinician working that day may make it. ")
                    + (refusals.first ?? "No one is working; add hours for a qualified clinician.")
            } else {
                screening.candidates[index] = allowed
            }
        }
        for (index, reason) in screening.unplaceable {
            let visit = request.visits[index]
            guard visit.currentStart != nil, let current = visit.currentClinicianID,
                  let clinician = screening.working.first(where: { request.clinicians[$0].profile.id == current }) else { continue }
            screening.kept[index] = (clinician, reason)
            screening.unplaceable[index] = nil
        }
        return screening
    }

    /// `timeLimit` bounds the whole plan: building the model (travel between every pair of places, seconds on a day of
    /// 2,000 visits) comes out of it, and the search gets what is left.
    public func plan(seed: UInt64 = 1, timeLimit: Duration = .seconds(5), maxIterations: Int? = nil,
                     progress: (@Sendable (RouteOptimizer.Progress) -> Void)? = nil) -> DayPlan {
        let began = ContinuousClock.now
        let screening = screen()
        let model = DayPlanModel(request: request, screening: screening)
        let initial = model.currentRoutes()
        let left = max(.zero, timeLimit - (ContinuousClock.now - began))
        let solution = RouteOptimizer(problem: model.problem)
            .solve(.init(seed: seed, timeLimit: left, maxIterations: maxIterations, initialRoutes: initial, progress: progress))
        return model.plan(from: solution, unplaceable: screening.unplaceable)
    }

    static func clock(_ minute: Int) -> String { ClockTime(minutesSinceMidnight: minute)?.description ?? "\(minute / 60):\(minute % 60)" }
}
