/// What a proposed day changes from today's plan, as a supervisor weighs it before applying: the visits that move to
/// another clinician or another time, the driving saved, how many visits keep a clinician the patient knows, and who
/// would work past their hours.
public struct DayPlanComparison: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public var visitID: String
        public var fromClinicianID: String?
        public var toClinicianID: String
        public var fromStart: Int?
        public var toStart: Int
        public var changesClinician: Bool { fromClinicianID != toClinicianID }
    }

    public var changes: [Change]
    /// Driving in today's plan (each clinician's visits in time order, from and back to their home base) and in the
    /// proposal, over the same visits: those the proposal places.
    public var todayDriveMinutes: Int
    public var plannedDriveMinutes: Int
    public var driveMinutesSaved: Int { todayDriveMinutes - plannedDriveMinutes }
    /// Visits made by a clinician the patient has seen recently (or with no history to keep), today and in the proposal.
    public var todayFamiliar: Int
    public var plannedFamiliar: Int
    /// Clinician id → minutes past the end of their hours in the proposal.
    public var overHours: [String: Int]

    public init(request: DayPlanRequest, plan: DayPlan) {
        let visits = Dictionary(request.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        changes = plan.routes.flatMap { route in
            route.stops.compactMap { stop -> Change? in
                guard let visit = visits[stop.visitID], visit.currentClinicianID != route.clinicianID || visit.currentStart != stop.start else { return nil }
                return Change(visitID: stop.visitID, fromClinicianID: visit.currentClinicianID, toClinicianID: route.clinicianID,
                              fromStart: visit.currentStart, toStart: stop.start)
            }
        }
        plannedDriveMinutes = plan.cost.driveMinutes
        todayDriveMinutes = Self.todayDriving(request, leavingOut: Set(plan.unplaced.map(\.visitID)))
        todayFamiliar = request.visits.count { visit in visit.currentClinicianID.map { !Self.isStranger(visit, $0) } ?? false }
        plannedFamiliar = plan.routes.flatMap(\.stops).count { !$0.isStranger }
        overHours = Dictionary(plan.routes.filter { $0.overtimeMinutes > 0 }.map { ($0.clinicianID, $0.overtimeMinutes) }, uniquingKeysWith: max)
    }

    static func isStranger(_ visit: DayPlanRequest.Visit, _ clinicianID: String) -> Bool {
        !visit.familiarClinicianIDs.isEmpty && !visit.familiarClinicianIDs.contains(clinicianID)
    }

    /// Whole driving minutes of today's routes, each leg rounded up as the planner counts them; visits without coordinates
    /// add no leg.
    static func todayDriving(_ request: DayPlanRequest, leavingOut unplaced: Set<String> = []) -> Int {
        var total = 0
        for clinician in request.clinicians {
            let mine = request.visits.filter { $0.currentClinicianID == clinician.profile.id && $0.location != nil && !unplaced.contains($0.id) }
                .sorted { ($0.currentStart ?? 0, $0.id) < ($1.currentStart ?? 0, $1.id) }
            guard !mine.isEmpty else { continue }
            var points = mine.compactMap(\.location)
            if let home = clinician.profile.homeBase { points = [home] + points + [home] }
            let matrix = request.travel.matrix(for: points)
            for leg in 1..<max(1, points.count) { total += Int(matrix.minutes[(leg - 1) * points.count + leg].rounded(.up)) }
        }
        return total
    }
}
