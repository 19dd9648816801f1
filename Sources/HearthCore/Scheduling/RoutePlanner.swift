/// A stop on a clinician's day: a visit with its time (when booked) and the patient's address coordinates.
public struct RouteStop: Sendable, Hashable, Identifiable {
    public var id: String
    /// Nil for a visit not yet given a time.
    public var start: ClockTime?
    public var minutes: Int
    public var location: GeoPoint?

    public init(id: String, start: ClockTime?, minutes: Int, location: GeoPoint?) {
        self.id = id
        self.start = start
        self.minutes = minutes
        self.location = location
    }
}

/// The drive to a stop: the estimate, nil when either end has no coordinates, and how late it makes the clinician.
public struct RouteLeg: Sendable, Equatable {
    /// The stop driven from; nil for the clinician's home base.
    public var fromID: String?
    public var toID: String
    public var estimate: TravelLeg?
    /// Minutes the clinician would arrive after the visit's start time, leaving when the previous visit ends; 0 when on time.
    public var minutesLate: Int
}

/// A clinician's day in driving order with the leg before each stop.
public struct DayRoute: Sendable, Equatable {
    public var stops: [RouteStop]
    /// `legs[i]` leads to `stops[i]`.
    public var legs: [RouteLeg]

    public var totalMiles: Double { legs.compactMap(\.estimate).reduce(0) { $0 + $1.roadMiles } }
    public var totalMinutes: Int { legs.compactMap(\.estimate).reduce(0) { $0 + $1.minutes } }
}

/// Puts a day's visits in route order. Booked visits keep their times, so they go in time order; visits without a
/// time follow, each the nearest to the stop before (a suggestion the clinician may change).
public enum RoutePlanner {
    public static func order(visits: [RouteStop], from home: GeoPoint?) -> DayRoute {
        let booked = visits.filter { $0.start != nil }.sorted { ($0.start!, $0.id) < ($1.start!, $1.id) }
        let open = visits.filter { $0.start == nil }
        let stops = booked + nearestNeighbour(open, from: booked.last(where: { $0.location != nil })?.location ?? home)
        var legs: [RouteLeg] = []
        for (index, stop) in stops.enumerated() {
            let previous = index == 0 ? nil : stops[index - 1]
            let origin = previous == nil ? home : previous?.location
            let estimate = origin.flatMap { from in stop.location.map { Travel.leg(from: from, to: $0) } }
            legs.append(RouteLeg(fromID: previous?.id, toID: stop.id, estimate: estimate,
                                 minutesLate: lateness(after: previous, travel: estimate?.minutes ?? 0, to: stop)))
        }
        return DayRoute(stops: stops, legs: legs)
    }

    /// Stops ordered by always driving to the closest one next; stops without coordinates go last, by id.
    public static func nearestNeighbour(_ stops: [RouteStop], from start: GeoPoint?) -> [RouteStop] {
        var left = stops.filter { $0.location != nil }.sorted { $0.id < $1.id }
        var ordered: [RouteStop] = []
        var here = start
        while !left.isEmpty {
            let next = here.map { here in
                left.indices.min { left[$0].location!.kilometres(to: here) < left[$1].location!.kilometres(to: here) }!
            } ?? 0
            here = left[next].location
            ordered.append(left.remove(at: next))
        }
        return ordered + stops.filter { $0.location == nil }.sorted { $0.id < $1.id }
    }

    private static func lateness(after previous: RouteStop?, travel: Int, to stop: RouteStop) -> Int {
        guard let previous, let leaves = previous.start, let starts = stop.start else { return 0 }
        return max(0, leaves.minutesSinceMidnight + previous.minutes + travel - starts.minutesSinceMidnight)
    }
}
