/// A day's routing problem in flat arrays, the form the solver works on: visits with time windows, vehicles
/// (clinicians) with a start, an end and hours, one travel matrix over locations. Times are in minutes (or the
/// benchmark's units); `allowed` and `assignmentCost` are visit-major (`visit * vehicleCount + vehicle`).
public struct RoutingProblem: Sendable {
    /// What each soft term of the objective costs per unit.
    public struct Weights: Sendable, Equatable {
        public var distance: Double
        public var travelTime: Double
        /// Per minute a visit starts after its preferred window.
        public var lateness: Double
        /// Per minute a clinician gets home after their shift ends.
        public var overtime: Double
        /// Per minute a break starts after the latest start its window allows.
        public var lateBreak: Double

        public init(distance: Double = 0, travelTime: Double = 1, lateness: Double = 2, overtime: Double = 3, lateBreak: Double = 3) {
            self.distance = distance
            self.travelTime = travelTime
            self.lateness = lateness
            self.overtime = overtime
            self.lateBreak = lateBreak
        }
    }

    public var weights: Weights
    public let locationCount: Int
    /// `locationCount²` entries, row-major: the travel between two locations.
    public let distance: [Double]
    public let duration: [Double]
    /// `weights.distance × distance + weights.travelTime × duration`, precomputed once.
    public let arcCost: [Double]

    public var visitLocation: [Int] = []
    public var service: [Double] = []
    /// Earliest start.
    public var ready: [Double] = []
    /// Latest start without lateness.
    public var due: [Double] = []
    /// Latest start at all (a hard rule).
    public var hardDue: [Double] = []
    public var demand: [Double] = []
    /// What leaving the visit unplanned costs; must-do visits carry `mustPlacePenalty`.
    public var dropPenalty: [Double] = []
    /// The vehicle the visit is locked to by hand, or −1.
    public var lockedVehicle: [Int] = []

    public var vehicleStart: [Int] = []
    public var vehicleEnd: [Int] = []
    public var shiftStart: [Double] = []
    /// Hours end: coming home later is overtime.
    public var shiftEnd: [Double] = []
    /// Coming home later than this is not allowed.
    public var hardShiftEnd: [Double] = []
    public var capacity: [Double] = []
    public var maxVisits: [Int] = []
    /// The vehicle's break: its length (0 for none), the earliest start and the latest start without cost
    /// (see `RoutingProblem.arrive` for where a route takes it).
    public var breakDuration: [Double] = []
    public var breakEarliest: [Double] = []
    public var breakLatest: [Double] = []

    /// Whether the vehicle may make the visit (discipline, skills, credential on the day, lock).
    public var allowed: [Bool] = []
    /// Extra cost of the vehicle making the visit (a stranger to the patient, a change from the plan); empty for none.
    public var assignmentCost: [Double] = []

    /// A must-do visit left unplaced costs this much, so the solver drops one only when nothing else works.
    public static let mustPlacePenalty = 1_000_000.0

    public var visitCount: Int { visitLocation.count }
    public var vehicleCount: Int { vehicleStart.count }

    public init(locationCount: Int, distance: [Double], duration: [Double], weights: Weights) {
        precondition(distance.count == locationCount * locationCount && duration.count == distance.count)
        self.locationCount = locationCount
        self.distance = distance
        self.duration = duration
        self.weights = weights
        arcCost = zip(distance, duration).map { weights.distance * $0 + weights.travelTime * $1 }
    }

    public mutating func addVisit(location: Int, service: Double, ready: Double, due: Double, hardDue: Double,
                                  demand: Double = 0, dropPenalty: Double, lockedVehicle: Int = -1) {
        visitLocation.append(location)
        self.service.append(service)
        self.ready.append(ready)
        self.due.append(due)
        self.hardDue.append(hardDue)
        self.demand.append(demand)
        self.dropPenalty.append(dropPenalty)
        self.lockedVehicle.append(lockedVehicle)
    }

    public mutating func addVehicle(start: Int, end: Int, shiftStart: Double, shiftEnd: Double, hardShiftEnd: Double,
                                    capacity: Double = .infinity, maxVisits: Int = .max, breakDuration: Double = 0,
                                    breakEarliest: Double = 0, breakLatest: Double = 0) {
        vehicleStart.append(start)
        vehicleEnd.append(end)
        self.shiftStart.append(shiftStart)
        self.shiftEnd.append(shiftEnd)
        self.hardShiftEnd.append(hardShiftEnd)
        self.capacity.append(capacity)
        self.maxVisits.append(maxVisits)
        self.breakDuration.append(max(0, breakDuration))
        self.breakEarliest.append(breakEarliest)
        self.breakLatest.append(breakLatest)
    }

    /// Lets every vehicle make every visit, except where a visit is locked to one; call once visits and vehicles are in.
    public mutating func allowAll() {
        allowed = [Bool](repeating: true, count: visitCount * vehicleCount)
        for visit in 0..<visitCount where lockedVehicle[visit] >= 0 {
            for vehicle in 0..<vehicleCount { allowed[visit * vehicleCount + vehicle] = vehicle == lockedVehicle[visit] }
        }
    }

    /// True when lateness or overtime can cost anything, so insertions must simulate the rest of the route.
    var hasSoftTime: Bool {
        (weights.lateness > 0 && zip(due, hardDue).contains { $0 < $1 })
            || (weights.overtime > 0 && zip(shiftEnd, hardShiftEnd).contains { $0 < $1 })
            || (weights.lateBreak > 0 && breakDuration.contains { $0 > 0 })
    }
}
