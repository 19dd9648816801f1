extension DayPlan {
    /// The same routes with each visit moved back toward its time in today's plan as far as the route allows: the
    /// search starts every visit as early as it can, so without this a plan would move every patient's visit earlier
    /// for nothing. A visit only ever moves later than planned (arrival still holds), never past the end of its window
    /// or into the next visit's drive, and the last visit never so late that the clinician gets home after their hours.
    /// The break stays where the plan put it: the visits before it end in time to drive to it; a day without one still
    /// ends by the close of its window.
    public func settled(for request: DayPlanRequest) -> DayPlan {
        let visits = Dictionary(request.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let clinicians = Dictionary(request.clinicians.map { ($0.profile.id, $0) }, uniquingKeysWith: { a, _ in a })
        var plan = self
        for index in plan.routes.indices {
            var route = plan.routes[index]
            guard let hours = clinicians[route.clinicianID]?.profile.workingHours, let shift = hours.shift(on: request.date), !route.stops.isEmpty else { continue }
            // The latest minute the current stop may end: the next stop's start less the drive there (home, for the last).
            var latestEnd = shift.end.minutesSinceMidnight - route.homeDriveMinutes
            let breakBefore = route.breakBeforeStop
            if let breakStart = route.breakStart, breakBefore == route.stops.count { latestEnd = min(latestEnd, breakStart) }
            // A day planned to end before its break's window closes owes no break: settling must not make it run past.
            if route.breakStart == nil, let owed = hours.mealBreak { latestEnd = min(latestEnd, owed.until.minutesSinceMidnight - route.homeDriveMinutes) }
            for s in route.stops.indices.reversed() {
                let stop = route.stops[s]
                var start = stop.start
                if let visit = visits[stop.visitID], let wanted = visit.currentStart {
                    let latest = min(latestEnd, visit.window.upperBound) - stop.minutes
                    start = max(stop.start, min(wanted, latest))
                }
                route.stops[s].start = start
                latestEnd = start - stop.driveMinutes
                if let breakStart = route.breakStart, breakBefore == s { latestEnd = min(latestEnd, breakStart - stop.driveMinutes) }
            }
            let last = route.stops[route.stops.count - 1]
            route.homeAt = max(route.homeAt, last.start + last.minutes + route.homeDriveMinutes)
            route.overtimeMinutes = max(0, route.homeAt - shift.end.minutesSinceMidnight)
            plan.routes[index] = route
        }
        return plan
    }
}
