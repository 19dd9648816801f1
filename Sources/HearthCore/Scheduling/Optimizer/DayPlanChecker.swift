/// Checks a plan against the day it was made for, from the request alone (not the solver's model): every visit
/// accounted for once, every hard rule kept. The tests run it over many random days; the CLI runs it before applying.
public enum DayPlanChecker {
    /// Each broken rule in a sentence; empty when the plan may be applied.
    public static func violations(of plan: DayPlan, for request: DayPlanRequest) -> [String] {
        var problems: [String] = []
        let visits = Dictionary(request.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let clinicians = Dictionary(request.clinicians.map { ($0.profile.id, $0) }, uniquingKeysWith: { a, _ in a })
        var seen: [String: Int] = [:]
        for id in plan.routes.flatMap({ $0.stops.map(\.visitID) }) + plan.unplaced.map(\.visitID) { seen[id, default: 0] += 1 }
        for visit in request.visits where seen[visit.id] != 1 {
            problems.append("Visit \(visit.id) appears \(seen[visit.id] ?? 0) times in the plan (should be once).")
        }
        for id in seen.keys where visits[id] == nil { problems.append("The plan names a visit \(id) that is not in the day.") }
        for unplaced in plan.unplaced where !unplaced.reason.hasPrefix("Cannot place: ") {
            problems.append("Visit \(unplaced.visitID) is left out without a reason.")
        }
        for route in plan.routes {
            guard let clinician = clinicians[route.clinicianID] else {
                problems.append("The plan names a clinician \(route.clinicianID) who is not in the day."); continue
            }
            problems += check(route, clinician, visits, request) + breakProblems(route, clinician, request)
        }
        problems += overlaps(of: plan, visits)
        let late = plan.routes.filter { $0.breakLateMinutes > 0 }
        if plan.cost.lateBreaks != late.count || plan.cost.breakLateMinutes != late.reduce(0, { $0 + $1.breakLateMinutes }) {
            problems.append("The plan counts \(plan.cost.lateBreaks) late breaks (\(plan.cost.breakLateMinutes) min); its routes have \(late.count).")
        }
        return problems
    }

    /// The clinician's break: owed when the day runs past its window, as long as it should be, not before its window,
    /// clear of every visit and drive, and its lateness counted as it is.
    private static func breakProblems(_ route: DayPlan.Route, _ clinician: DayPlanRequest.Clinician, _ request: DayPlanRequest) -> [String] {
        let name = clinician.profile.name
        guard let owed = clinician.profile.workingHours.mealBreak, !route.stops.isEmpty else {
            return route.breakStart == nil ? [] : ["\(name) has a break planned but none owed."]
        }
        guard let start = route.breakStart else {
            return route.homeAt > owed.until.minutesSinceMidnight ? ["\(name) works past \(owed.until) with no break."] : []
        }
        var problems: [String] = []
        if route.breakMinutes != owed.minutes { problems.append("\(name)'s break is \(route.breakMinutes) min, not \(owed.minutes).") }
        if start < owed.from.minutesSinceMidnight { problems.append("\(name)'s break starts at \(start), before its window opens.") }
        if route.breakLateMinutes != max(0, start - owed.latestStart) { problems.append("\(name)'s late break is counted wrong.") }
        // Between the end of one stop (or the start of the day) and the next (or home), with the drive as well.
        let ends = start + route.breakMinutes
        func clear(from free: Int, drive: Int, until next: Int) -> Bool {
            start >= free && ends <= next && (free + drive <= start || ends + drive <= next)
        }
        var free = clinician.profile.workingHours.shift(on: request.date)?.start.minutesSinceMidnight ?? 0
        for stop in route.stops {
            if start < stop.start {
                if !clear(from: free, drive: stop.driveMinutes, until: stop.start) {
                    problems.append("\(name)'s break at \(start) overlaps a visit or the drive to \(stop.visitID).")
                }
                return problems
            }
            free = stop.start + stop.minutes
        }
        if !clear(from: free, drive: route.homeDriveMinutes, until: route.homeAt) {
            problems.append("\(name)'s break at \(start) overlaps the last visit or the drive home.")
        }
        return problems
    }

    /// A visit left out stays with its clinician at its time: nothing planned for that clinician may overlap it.
    private static func overlaps(of plan: DayPlan, _ visits: [String: DayPlanRequest.Visit]) -> [String] {
        let routes = Dictionary(plan.routes.map { ($0.clinicianID, $0) }, uniquingKeysWith: { a, _ in a })
        return plan.unplaced.flatMap { unplaced -> [String] in
            guard let visit = visits[unplaced.visitID], let start = visit.currentStart, let owner = visit.currentClinicianID,
                  let route = routes[owner] else { return [] }
            return route.stops.filter { $0.visitID != visit.id && $0.start < start + visit.minutes && start < $0.start + $0.minutes }
                .map { "\($0.visitID) overlaps \(visit.id), which is left out and stays with \(owner) at its time." }
        }
    }

    private static func check(_ route: DayPlan.Route, _ clinician: DayPlanRequest.Clinician, _ visits: [String: DayPlanRequest.Visit],
                              _ request: DayPlanRequest) -> [String] {
        let name = clinician.profile.name
        guard let shift = clinician.profile.workingHours.shift(on: request.date) else { return ["\(name) does not work on \(request.date)."] }
        var problems: [String] = []
        if let most = clinician.maxVisits, route.stops.count > most { problems.append("\(name) has \(route.stops.count) visits, over \(most).") }
        var here = clinician.profile.homeBase, free = shift.start.minutesSinceMidnight
        for stop in route.stops {
            guard let visit = visits[stop.visitID] else { continue }
            if stop.keptBecause != nil {
                // Kept as it is today: with its clinician, at its time; where it has no coordinates, no drive is counted.
                if visit.currentClinicianID != clinician.profile.id || visit.currentStart != stop.start {
                    problems.append("\(visit.id) is kept as it is but planned with \(name) at \(stop.start).")
                }
                let drive = visit.location.flatMap { to in here.map { minutes(from: $0, to: to, request) } } ?? 0
                if stop.start < free + drive { problems.append("\(visit.id) starts at \(stop.start), before \(name) can arrive (\(free + drive)).") }
                free = stop.start + visit.minutes
                here = visit.location
                continue
            }
            if let why = request.refusal(visit, by: clinician) { problems.append("\(visit.id): \(why)") }
            if let locked = visit.lockedClinicianID, locked != clinician.profile.id { problems.append("\(visit.id) is locked to \(locked), planned for \(name).") }
            guard let location = visit.location else { problems.append("\(visit.id) has no coordinates but is planned."); continue }
            let drive = here.map { minutes(from: $0, to: location, request) } ?? 0
            if stop.start < free + drive { problems.append("\(visit.id) starts at \(stop.start), before \(name) can arrive (\(free + drive)).") }
            if stop.start < visit.window.lowerBound { problems.append("\(visit.id) starts before its window opens.") }
            if visit.isAppointment && stop.start + visit.minutes > visit.window.upperBound { problems.append("\(visit.id) runs past its appointment window.") }
            if stop.minutes != visit.minutes { problems.append("\(visit.id) is planned for \(stop.minutes) minutes, not \(visit.minutes).") }
            free = stop.start + visit.minutes
            here = location
        }
        var back = free
        if let here, let home = clinician.profile.homeBase { back += minutes(from: here, to: home, request) }
        if route.homeAt < back { problems.append("\(name) is planned home at \(route.homeAt), before the drive ends (\(back)).") }
        if back > shift.end.minutesSinceMidnight + request.weights.maxOvertimeMinutes {
            problems.append("\(name) gets home at \(back), past the most overtime allowed.")
        }
        return problems
    }

    /// Whole driving minutes, rounded up, as the planner counts them.
    private static func minutes(from: GeoPoint, to: GeoPoint, _ request: DayPlanRequest) -> Int {
        Int(request.travel.matrix(for: [from, to]).minutes[1].rounded(.up))
    }
}
