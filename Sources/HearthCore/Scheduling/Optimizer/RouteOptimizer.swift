/// The anytime solver: cheapest insertion of the tightest visits first, then ruin and recreate by string removal
/// (SISR, Christiaens & Vanden Berghe, Transportation Science 2020) under simulated annealing, until the time or
/// iteration budget runs out. Hard rules live in `insertionCost`, so no plan it returns breaks one; a visit that
/// fits nowhere stays unassigned at its drop penalty. The same seed and iteration budget give the same plan.
public struct RouteOptimizer: Sendable {
    public struct Options: Sendable {
        public var seed: UInt64
        public var timeLimit: Duration
        /// When set, the annealing follows iterations rather than the clock, so a run is reproducible.
        public var maxIterations: Int?
        /// A plan to start from (visits per vehicle, in order), kept where still feasible: re-planning stays stable.
        public var initialRoutes: [[Int]]?
        /// Average visits removed per ruin, and the longest string.
        public var averageRemoved = 10.0
        public var longestString = 10.0
        public var progress: (@Sendable (Progress) -> Void)?

        public init(seed: UInt64 = 1, timeLimit: Duration = .seconds(5), maxIterations: Int? = nil,
                    initialRoutes: [[Int]]? = nil, progress: (@Sendable (Progress) -> Void)? = nil) {
            self.seed = seed
            self.timeLimit = timeLimit
            self.maxIterations = maxIterations
            self.initialRoutes = initialRoutes
            self.progress = progress
        }
    }

    public struct Progress: Sendable {
        public var iterations: Int
        public var seconds: Double
        public var bestCost: Double
        public var unassigned: Int
    }

    public let problem: RoutingProblem

    public init(problem: RoutingProblem) { self.problem = problem }

    public func solve(_ options: Options = Options()) -> RoutingSolution {
        // The time limit covers the set-up and the first plan too, as it does for the solvers it is compared with.
        let began = ContinuousClock.now
        var search = RouteSearch(problem: problem, seed: options.seed)
        search.construct(from: options.initialRoutes)
        search.anneal(options, began: began)
        return search.bestSolution()
    }
}

/// A plan the solver returns: each vehicle's visits in order, with start times, and the visits left out.
public struct RoutingSolution: Sendable, Equatable {
    /// `routes[vehicle]`: visit indices in driving order.
    public var routes: [[Int]]
    /// Start of each visit, nil when unassigned.
    public var startTimes: [Double?]
    public var unassigned: [Int]
    public var cost: Double
    public var iterations: Int
    /// When each vehicle's break starts, nil when it has none or its day ends before one is owed.
    public var breakStarts: [Double?] = []

    /// The vehicle making each visit, or nil.
    public var vehicleOf: [Int?] {
        var owner = [Int?](repeating: nil, count: startTimes.count)
        for (vehicle, route) in routes.enumerated() { for visit in route { owner[visit] = vehicle } }
        return owner
    }
}
