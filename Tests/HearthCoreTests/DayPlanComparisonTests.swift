import Foundation
import Testing
@testable import HearthCore

/// What a plan changes from today's, and the care team as a hard rule of the day planner.
@Suite struct DayPlanComparisonTests {
    func nurses() -> (near: DayPlanRequest.Clinician, far: DayPlanRequest.Clinician) {
        var rng = SeededGenerator(seed: 4)
        var near = DayPlanFixture.clinician(0, discipline: .registeredNurse, rng: &rng)
        var far = DayPlanFixture.clinician(1, discipline: .registeredNurse, rng: &rng)
        near.profile.homeBase = GeoPoint(latitude: 39.95, longitude: -75.16)
        far.profile.homeBase = GeoPoint(latitude: 40.45, longitude: -75.70)
        return (near, far)
    }

    func visit(_ id: String, team: Set<String>?, current: String = "c1", at start: Int = 540, flex: Int = 120) -> DayPlanRequest.Visit {
        .init(id: id, patientName: "Patient \(id)", patientState: "PA", location: GeoPoint(latitude: 39.96, longitude: -75.17), minutes: 45,
              window: (start - flex)...(start + 45 + flex), discipline: .skilledNursing, currentClinicianID: current, currentStart: start, careTeamIDs: team)
    }

    @Test func aVisitGoesOnlyToSomeoneOnThePatientsCareTeam() throws {
        // The visit puts the patient's name and address on the clinician's day: minimum necessary, 45 CFR 164.502(b).
        let (near, far) = nurses()
        let request = DayPlanRequest(date: DayPlanFixture.monday, visits: [visit("team", team: ["c1"]), visit("nobody", team: [])],
                                     clinicians: [near, far], requirements: try StaffFixture.requirements())
        let plan = DayPlanner(request: request).plan(maxIterations: 200)
        #expect(plan.clinicianOf["team"] == "c1", "the near nurse is not on the care team")
        #expect(plan.unplaced.first { $0.visitID == "nobody" }?.reason.contains("is not on Patient nobody's care team") == true)
        #expect(DayPlanChecker.violations(of: plan, for: request) == [])
    }

    @Test func theComparisonCountsTheVisitsThatMoveAndTheDrivingSaved() throws {
        let (near, far) = nurses()
        let request = DayPlanRequest(date: DayPlanFixture.monday, visits: [visit("a", team: nil), visit("b", team: nil, at: 660)],
                                     clinicians: [near, far], requirements: try StaffFixture.requirements())
        let plan = DayPlanner(request: request).plan(maxIterations: 500)
        let comparison = DayPlanComparison(request: request, plan: plan)
        #expect(plan.clinicianOf == ["a": "c0", "b": "c0"])
        #expect(comparison.changes.count == 2 && comparison.changes.allSatisfy { $0.changesClinician && $0.fromClinicianID == "c1" })
        #expect(comparison.driveMinutesSaved > 60)
        #expect(comparison.overHours.isEmpty)
        #expect(comparison.todayFamiliar == 2 && comparison.plannedFamiliar == 2, "no history: no one is a stranger")
    }

    @Test func aDayAlreadyWellPlannedKeepsItsTimes() throws {
        // Today: the near nurse at 09:00 and 11:00, next door to each other. The search would start both as early as it
        // can; settled, the plan keeps the patients' usual times and changes nothing.
        let (near, far) = nurses()
        let request = DayPlanRequest(date: DayPlanFixture.monday, visits: [visit("a", team: nil, current: "c0", flex: 30), visit("b", team: nil, current: "c0", at: 660, flex: 30)],
                                     clinicians: [near, far], requirements: try StaffFixture.requirements())
        let raw = DayPlanner(request: request).plan(maxIterations: 300)
        let plan = raw.settled(for: request)
        #expect(raw.routes.first?.stops.first?.start ?? 0 < 540, "the search starts the day early")
        #expect(plan.routes.flatMap(\.stops).map(\.start) == [540, 660])
        #expect(DayPlanComparison(request: request, plan: plan).changes.isEmpty)
        #expect(DayPlanChecker.violations(of: plan, for: request) == [])
    }

    @Test func aVisitThePlanCannotMoveStaysOnItsCliniciansDayAndNothingIsPlannedOverIt() throws {
        // "nowhere" has no map coordinates, so no plan may move it; applying the plan leaves it with the near nurse at 09:00.
        // "a" would best go at 09:00 with the near nurse too: the plan must fit it around, or the nurse is booked twice.
        let (near, far) = nurses()
        var nowhere = visit("nowhere", team: nil, current: "c0")
        nowhere.location = nil
        let request = DayPlanRequest(date: DayPlanFixture.monday, visits: [nowhere, visit("a", team: nil, current: "c1")],
                                     clinicians: [near, far], requirements: try StaffFixture.requirements())
        let plan = DayPlanner(request: request).plan(maxIterations: 500).settled(for: request)
        let kept = try #require(plan.routes.first { $0.clinicianID == "c0" }?.stops.first { $0.visitID == "nowhere" })
        #expect(kept.start == 540 && kept.keptBecause?.contains("no map coordinates") == true)
        #expect(plan.unplaced.isEmpty)
        let a = try #require(plan.routes.flatMap(\.stops).first { $0.visitID == "a" })
        #expect(plan.clinicianOf["a"] != "c0" || a.start >= 585 || a.start + 45 <= 540, "a overlaps the visit that stays: \(a.start)")
        #expect(!DayPlanComparison(request: request, plan: plan).changes.contains { $0.visitID == "nowhere" })
        #expect(DayPlanChecker.violations(of: plan, for: request) == [])

        // A plan that put "a" over it (a visit left out stays where it is) breaks the rule, and the checker says so.
        var overlapping = plan
        overlapping.routes = [.init(clinicianID: "c0", stops: [.init(visitID: "a", start: 540, minutes: 45, driveMinutes: 5, driveMiles: 1, lateMinutes: 0,
                                                                     isStranger: false)], homeAt: 600, overtimeMinutes: 0, homeDriveMinutes: 5, miles: 2)]
        overlapping.unplaced = [.init(visitID: "nowhere", mustDo: false, reason: "Cannot place: no map coordinates.")]
        #expect(DayPlanChecker.violations(of: overlapping, for: request).contains { $0.contains("a overlaps nowhere") })
    }
}
