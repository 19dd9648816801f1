import Foundation
import Testing
@testable import HearthCore

/// Random agency days, made from a seed so a failure can be replayed.
enum DayPlanFixture {
    static let monday = day("2026-12-07")
    static let skills = ["wound care", "IV", "pediatric"]

    static func clinician(_ k: Int, discipline: StaffDiscipline, expired: Bool = false, rng: inout SeededGenerator) -> DayPlanRequest.Clinician {
        let type: CredentialType = switch discipline {
        case .physicalTherapist: .ptLicense
        case .homeHealthAide: .aideCompetency
        default: .rnLicense
        }
        let credential = Credential(id: "c\(k)", type: type, state: type.isStateIssued ? "PA" : nil, number: "N\(k)",
                                    issued: day("2020-01-01"), expires: expired ? day("2026-12-01") : day("2028-01-01"))
        let home = GeoPoint(latitude: 39.95 + (rng.unit() - 0.5) * 0.2, longitude: -75.16 + (rng.unit() - 0.5) * 0.2)
        let profile = StaffProfile(id: "c\(k)", name: "Clinician \(k)", discipline: discipline, credentials: [credential],
                                   homeBase: home, workingHours: .weekdays("08:00", "16:30"))
        return .init(profile: profile, skills: Set(skills.filter { _ in rng.unit() < 0.5 }), maxVisits: rng.unit() < 0.3 ? 5 : nil)
    }

    /// With `breaks`, most clinicians owe a 30- or 45-minute break in a two-hour window starting between 11:00 and 12:30.
    static func request(seed: UInt64, visits count: Int, clinicians staff: Int, breaks: Bool = false) throws -> DayPlanRequest {
        var rng = SeededGenerator(seed: seed)
        let disciplines: [StaffDiscipline] = [.registeredNurse, .registeredNurse, .physicalTherapist, .homeHealthAide]
        let clinicians = (0..<staff).map { k in
            var clinician = clinician(k, discipline: disciplines[k % 4], expired: rng.unit() < 0.1, rng: &rng)
            if breaks && k % 4 != 3 {
                let from = 660 + 30 * (k % 4)
                clinician.profile.workingHours.mealBreak = .init(from: ClockTime(minutesSinceMidnight: from)!,
                                                                  until: ClockTime(minutesSinceMidnight: from + 120)!, minutes: k % 2 == 0 ? 30 : 45)
            }
            return clinician
        }
        let visits = (0..<count).map { k -> DayPlanRequest.Visit in
            let discipline: Discipline = [.skilledNursing, .skilledNursing, .physicalTherapy, .homeHealthAide][rng.below(4)]
            let opens = 480 + 15 * rng.below(24), minutes = [30, 45, 60][rng.below(3)]
            let location = rng.unit() < 0.05 ? nil : GeoPoint(latitude: 39.95 + (rng.unit() - 0.5) * 0.3, longitude: -75.16 + (rng.unit() - 0.5) * 0.3)
            return DayPlanRequest.Visit(
                id: "v\(k)", patientName: "Patient \(k)", patientState: "PA", location: location, minutes: minutes,
                window: opens...(opens + minutes + 60 + 30 * rng.below(8)), isAppointment: rng.unit() < 0.3, discipline: discipline,
                skills: rng.unit() < 0.2 ? [skills[rng.below(3)]] : [], mustDo: rng.unit() < 0.15,
                familiarClinicianIDs: rng.unit() < 0.6 ? ["c\(rng.below(staff))"] : [],
                lockedClinicianID: rng.unit() < 0.05 ? "c\(rng.below(staff))" : nil)
        }
        return DayPlanRequest(date: monday, visits: visits, clinicians: clinicians, requirements: try StaffFixture.requirements())
    }
}

/// The day planner: hard rules never broken, the same plan for the same seed, and a stable re-plan after a call-out.
@Suite struct RouteOptimizerTests {
    @Test func noPlanBreaksAHardRuleOverManyRandomDays() throws {
        for seed in UInt64(1)...30 {
            let request = try DayPlanFixture.request(seed: seed, visits: 40, clinicians: 8)
            let plan = DayPlanner(request: request).plan(seed: seed, timeLimit: .seconds(30), maxIterations: 300)
            #expect(DayPlanChecker.violations(of: plan, for: request) == [], "seed \(seed)")
            #expect(plan.routes.reduce(0) { $0 + $1.stops.count } + plan.unplaced.count == 40)
        }
    }

    @Test func noPlanBreaksAHardRuleOrMiscountsABreakOverManyRandomDays() throws {
        for seed in UInt64(31)...50 {
            let request = try DayPlanFixture.request(seed: seed, visits: 40, clinicians: 8, breaks: true)
            let plan = DayPlanner(request: request).plan(seed: seed, timeLimit: .seconds(30), maxIterations: 300)
            #expect(DayPlanChecker.violations(of: plan, for: request) == [], "seed \(seed)")
            #expect(DayPlanChecker.violations(of: plan.settled(for: request), for: request) == [], "seed \(seed), settled")
            #expect(plan.routes.contains { $0.breakStart != nil })
        }
    }

    @Test func theCheckerCatchesABrokenPlan() throws {
        let request = try DayPlanFixture.request(seed: 7, visits: 30, clinicians: 6)
        var plan = DayPlanner(request: request).plan(seed: 1, maxIterations: 100)
        let route = try #require(plan.routes.firstIndex { $0.stops.count >= 2 })
        plan.routes[route].stops[1].start = plan.routes[route].stops[0].start
        plan.unplaced.append(.init(visitID: plan.routes[route].stops[0].visitID, mustDo: false, reason: "Cannot place: test"))
        let problems = DayPlanChecker.violations(of: plan, for: request)
        #expect(problems.contains { $0.contains("before") })
        #expect(problems.contains { $0.contains("appears 2 times") })
    }

    @Test func theSameSeedGivesTheSamePlan() throws {
        let request = try DayPlanFixture.request(seed: 42, visits: 60, clinicians: 10)
        let first = DayPlanner(request: request).plan(seed: 9, timeLimit: .seconds(60), maxIterations: 500)
        let second = DayPlanner(request: request).plan(seed: 9, timeLimit: .seconds(60), maxIterations: 500)
        #expect(first == second)
        let lunches = try DayPlanFixture.request(seed: 42, visits: 60, clinicians: 10, breaks: true)
        let third = DayPlanner(request: lunches).plan(seed: 9, timeLimit: .seconds(60), maxIterations: 500)
        #expect(third == DayPlanner(request: lunches).plan(seed: 9, timeLimit: .seconds(60), maxIterations: 500))
    }

    @Test func aCallOutKeepsEveryoneElsesVisitsWhereTheyWere() throws {
        var rng = SeededGenerator(seed: 3)
        let nurses = (0..<8).map { DayPlanFixture.clinician($0, discipline: .registeredNurse, rng: &rng) }
            .map { DayPlanRequest.Clinician(profile: $0.profile, skills: Set(DayPlanFixture.skills)) }
        var request = try DayPlanFixture.request(seed: 5, visits: 48, clinicians: 8)
        request.clinicians = nurses
        request.visits = request.visits.map { var v = $0; v.discipline = .skilledNursing; v.lockedClinicianID = nil; v.location = v.location ?? nurses[0].profile.homeBase; return v }
        let before = DayPlanner(request: request).plan(seed: 1, timeLimit: .seconds(60), maxIterations: 1_500)
        let owner = before.clinicianOf
        // setup: c0 calls out sick; today's plan is the one just made
        var callOut = request
        callOut.clinicians.removeFirst()
        callOut.visits = request.visits.map { var v = $0; v.currentClinicianID = owner[v.id]; return v }
        // act
        let after = DayPlanner(request: callOut).plan(seed: 2, timeLimit: .seconds(60), maxIterations: 1_500)
        // check
        #expect(DayPlanChecker.violations(of: after, for: callOut) == [])
        let others = request.visits.filter { owner[$0.id] != nil && owner[$0.id] != "c0" }
        let kept = others.filter { after.clinicianOf[$0.id] == owner[$0.id] }.count
        #expect(Double(kept) >= 0.9 * Double(others.count), "kept \(kept) of \(others.count)")
        #expect(after.routes.allSatisfy { $0.clinicianID != "c0" })
    }

    @Test func visitsThatCannotBePlacedSayWhyAndMustDoVisitsAreNeverDroppedSilently() throws {
        var rng = SeededGenerator(seed: 1)
        var nurse = DayPlanFixture.clinician(0, discipline: .registeredNurse, rng: &rng)
        nurse.skills = []
        var therapist = DayPlanFixture.clinician(1, discipline: .physicalTherapist, rng: &rng)
        therapist.profile.workingHours = WorkingHours(shifts: [:])
        let here = nurse.profile.homeBase
        func visit(_ id: String, _ discipline: Discipline = .skilledNursing, window: ClosedRange<Int> = 480...960,
                   location: GeoPoint? = here, skills: Set<String> = []) -> DayPlanRequest.Visit {
            .init(id: id, patientName: "P", patientState: "PA", location: location, minutes: 60, window: window,
                  isAppointment: true, discipline: discipline, skills: skills, mustDo: true)
        }
        let request = DayPlanRequest(date: DayPlanFixture.monday, visits: [
            visit("fine"), visit("nowhere", location: nil), visit("short", window: 600...630), visit("social", .medicalSocialWork),
            visit("therapy", .physicalTherapy), visit("wound", skills: ["wound care"]),
        ], clinicians: [nurse, therapist], requirements: try StaffFixture.requirements())
        let plan = DayPlanner(request: request).plan(maxIterations: 50)
        let reasons = Dictionary(uniqueKeysWithValues: plan.unplaced.map { ($0.visitID, $0.reason) })
        #expect(plan.clinicianOf["fine"] == "c0")
        #expect(reasons["nowhere"]?.contains("no map coordinates") == true)
        #expect(reasons["short"]?.contains("shorter than the 60-minute visit") == true)
        #expect(reasons["social"]?.hasPrefix("Cannot place: no clinician working that day may make it") == true)
        #expect(reasons["therapy"]?.hasPrefix("Cannot place: no clinician working that day") == true)
        #expect(reasons["wound"]?.contains("lacks the skill wound care") == true)
        #expect(plan.cost.unplacedMustDo == 5)
        #expect(DayPlanChecker.violations(of: plan, for: request) == [])
    }

    @Test func aLockedVisitStaysWithItsClinicianEvenWhenAnotherIsCloser() throws {
        var rng = SeededGenerator(seed: 8)
        let near = DayPlanFixture.clinician(0, discipline: .registeredNurse, rng: &rng)
        let far = DayPlanFixture.clinician(1, discipline: .registeredNurse, rng: &rng)
        let request = DayPlanRequest(date: DayPlanFixture.monday, visits: [
            .init(id: "locked", patientName: "P", patientState: "PA", location: near.profile.homeBase, minutes: 45, window: 540...720,
                  discipline: .skilledNursing, lockedClinicianID: "c1"),
        ], clinicians: [near, far], requirements: try StaffFixture.requirements())
        let plan = DayPlanner(request: request).plan(maxIterations: 100)
        #expect(plan.clinicianOf["locked"] == "c1")
    }

    @Test func aVRPLIBInstanceIsReadAndSolvedUnderTheDIMACSConvention() throws {
        let text = """
        NAME : tiny
        TYPE : VRPTW
        DIMENSION : 4
        VEHICLES : 2
        CAPACITY : 10
        SERVICE_TIME : 1
        NODE_COORD_SECTION
        1 0 0
        2 3 4
        3 6 8
        4 -3 -4
        DEMAND_SECTION
        1 0
        2 4
        3 4
        4 4
        TIME_WINDOW_SECTION
        1 0 100
        2 0 50
        3 0 50
        4 0 50
        DEPOT_SECTION
        1
        -1
        EOF
        """
        let instance = try VRPLIBInstance(text: text)
        let solution = RouteOptimizer(problem: instance.problem).solve(.init(maxIterations: 200))
        // Capacity 10 allows two customers per vehicle: depot→2→3→depot (5+5+10) and depot→4→depot (5+5).
        #expect(solution.unassigned.isEmpty)
        #expect(abs(solution.cost - 30) < 1e-9)
        #expect(VRPLIBInstance.solutionText(solution).hasSuffix("Cost 30.0"))
    }
}
