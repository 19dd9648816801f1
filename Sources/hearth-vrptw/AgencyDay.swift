import Foundation
import HearthCore

/// A generated agency day (bench/agency-day/generate.py) read into a `DayPlanRequest`, planned by `DayPlanner`, and
/// written back as JSON: each clinician's visits in order with their starts, what was left out, and the plan's cost.
struct AgencyDay: Decodable {
    struct Clinician: Decodable {
        var id: String
        var name: String
        var discipline: String
        var home: [Double]
        var shift: [Int]
        var skills: [String]
        /// A break owed: `from` and `until` (minutes after midnight) and its length; absent for none.
        var lunch: Lunch?
    }

    struct Lunch: Decodable {
        var from: Int
        var until: Int
        var minutes: Int
    }

    struct Visit: Decodable {
        var id: String
        var location: [Double]
        var minutes: Int
        var window: [Int]
        var appointment: Bool
        var discipline: String
        var kind: String
        var skills: [String]
        var mustDo: Bool
        var familiar: [String]
        var locked: String?
    }

    struct Travel: Decodable {
        var roadFactor: Double
        var averageSpeedMph: Double
    }

    var date: String
    var state: String
    var travel: Travel
    var clinicians: [Clinician]
    var visits: [Visit]

    enum Problem: Error, CustomStringConvertible {
        case bad(String)
        var description: String { switch self { case .bad(let why): why } }
    }

    /// The day as the planner takes it; every clinician holds the license their discipline needs in the day's state.
    func request(requirements: StateCredentialRequirements, stranger: Double?) throws -> DayPlanRequest {
        guard let day = CalendarDate(date) else { throw Problem.bad("bad date \(date)") }
        let license: [StaffDiscipline: CredentialType] = [.registeredNurse: .rnLicense, .practicalNurse: .lpnLicense, .physicalTherapist: .ptLicense,
                                                          .occupationalTherapist: .otLicense, .homeHealthAide: .aideCompetency]
        let staff = try clinicians.map { c -> DayPlanRequest.Clinician in
            guard let discipline = StaffDiscipline(code: c.discipline), let type = license[discipline] else { throw Problem.bad("bad discipline \(c.discipline)") }
            guard let start = ClockTime(minutesSinceMidnight: c.shift[0]), let end = ClockTime(minutesSinceMidnight: c.shift[1]),
                  let shift = WorkingHours.Shift(start: start, end: end) else { throw Problem.bad("bad shift for \(c.id)") }
            let credential = Credential(id: "\(c.id)-license", type: type, state: type.isStateIssued ? state : nil, number: "N-\(c.id)",
                                        issued: CalendarDate("2020-01-01")!, expires: CalendarDate("2028-01-01"))
            let profile = StaffProfile(id: c.id, name: c.name, discipline: discipline, credentials: [credential],
                                       homeBase: GeoPoint(latitude: c.home[0], longitude: c.home[1]),
                                       workingHours: WorkingHours(shifts: [day.isoWeekday: shift], mealBreak: try c.lunch.map { lunch in
                                           guard let from = ClockTime(minutesSinceMidnight: lunch.from), let until = ClockTime(minutesSinceMidnight: lunch.until),
                                                 let owed = WorkingHours.Break(from: from, until: until, minutes: lunch.minutes) else { throw Problem.bad("bad break for \(c.id)") }
                                           return owed
                                       }))
            return DayPlanRequest.Clinician(profile: profile, skills: Set(c.skills))
        }
        let planned = try visits.map { v -> DayPlanRequest.Visit in
            guard let discipline = Discipline(code: v.discipline), let kind = VisitKind(rawValue: v.kind) else { throw Problem.bad("bad visit \(v.id)") }
            return DayPlanRequest.Visit(id: v.id, patientName: "Patient \(v.id)", patientState: state,
                                        location: GeoPoint(latitude: v.location[0], longitude: v.location[1]), minutes: v.minutes,
                                        window: v.window[0]...v.window[1], isAppointment: v.appointment, discipline: discipline, kind: kind,
                                        skills: Set(v.skills), mustDo: v.mustDo, familiarClinicianIDs: v.familiar, lockedClinicianID: v.locked)
        }
        var weights = DayPlanRequest.Weights()
        if let stranger { weights.stranger = stranger }
        return DayPlanRequest(date: day, visits: planned, clinicians: staff, requirements: requirements, weights: weights,
                              travel: GreatCircleTravel(roadFactor: travel.roadFactor, averageSpeedMph: travel.averageSpeedMph))
    }

    /// What the benchmark's evaluator reads: routes in order, starts, the left-out visits, and the planner's own account.
    struct Answer: Encodable {
        struct Stop: Encodable { var visit: String; var start: Int }
        struct Route: Encodable { var clinician: String; var stops: [Stop]; var homeAt: Int; var breakStart: Int? }
        struct Unplaced: Encodable { var visit: String; var mustDo: Bool; var reason: String }
        struct Cost: Encodable {
            var driveMinutes: Int, lateMinutes: Int, overtimeMinutes: Int, lateBreaks: Int, breakLateMinutes: Int, strangerVisits: Int
            var unplacedOptional: Int, unplacedMustDo: Int
            var total: Double
        }
        var routes: [Route]
        var unplaced: [Unplaced]
        var cost: Cost
        var iterations: Int
        /// Broken rules found by HearthCore's own `DayPlanChecker` (the evaluator checks again, independently).
        var checkerViolations: [String]
        var seconds: Double

        init(_ plan: DayPlan, violations: [String], seconds: Double) {
            routes = plan.routes.map { Route(clinician: $0.clinicianID, stops: $0.stops.map { Stop(visit: $0.visitID, start: $0.start) }, homeAt: $0.homeAt,
                                           breakStart: $0.breakStart) }
            unplaced = plan.unplaced.map { Unplaced(visit: $0.visitID, mustDo: $0.mustDo, reason: $0.reason) }
            let c = plan.cost
            cost = Cost(driveMinutes: c.driveMinutes, lateMinutes: c.lateMinutes, overtimeMinutes: c.overtimeMinutes, lateBreaks: c.lateBreaks,
                        breakLateMinutes: c.breakLateMinutes, strangerVisits: c.strangerVisits,
                        unplacedOptional: c.unplacedOptional, unplacedMustDo: c.unplacedMustDo, total: c.total)
            iterations = plan.iterations
            checkerViolations = violations
            self.seconds = seconds
        }
    }

    /// hearth-vrptw --agency-day DAY.json [--seconds S] [--seed N] [--iterations N] [--stranger W] [--requirements FILE]
    static func run(path: String, seconds: Double, seed: UInt64, iterations: Int?, stranger: Double?, requirementsPath: String) throws {
        let began = ContinuousClock.now
        let day = try JSONDecoder().decode(AgencyDay.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        let requirements = try StateCredentialRequirements(contentsOf: URL(fileURLWithPath: requirementsPath))
        let request = try day.request(requirements: requirements, stranger: stranger)
        let budget = Duration.milliseconds(Int(seconds * 1000)) - (ContinuousClock.now - began)
        let planning = ContinuousClock.now
        let plan = DayPlanner(request: request).plan(seed: seed, timeLimit: budget, maxIterations: iterations)
        let planned = ContinuousClock.now
        let took = (planned - began) / .seconds(1)
        let answer = Answer(plan, violations: DayPlanChecker.violations(of: plan, for: request), seconds: took)
        FileHandle.standardError.write(Data(String(format: "read %.2f s, planned in %.2f s (budget %.2f s), checked in %.2f s\n",
                                                   (planning - began) / .seconds(1), (planned - planning) / .seconds(1), budget / .seconds(1),
                                                   (ContinuousClock.now - planned) / .seconds(1)).utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        FileHandle.standardOutput.write(try encoder.encode(answer) + Data("\n".utf8))
        FileHandle.standardError.write(Data("\(plan.cost.explanation); \(plan.iterations) iterations; \(String(format: "%.2f", took)) s\n".utf8))
    }
}
