import Testing
@testable import HearthCore

/// Putting a visit on the board: discipline, credential on the day in the patient's state, hours, overlaps.
@Suite struct SchedulingCheckTests {
    let check: SchedulingCheck

    init() throws {
        check = SchedulingCheck(requirements: try StaffFixture.requirements())
    }

    func slot(_ id: String = "v1", on date: String = "2026-11-02", at start: String = "09:00", minutes: Int = 60,
              patient: String = "p1", discipline: Discipline = .skilledNursing, kind: VisitKind = .routine, clinician: String = "ana") -> VisitSlot {
        VisitSlot(id: id, date: day(date), start: ClockTime(start)!, minutes: minutes, patientID: patient,
                  discipline: discipline, kind: kind, clinicianID: clinician)
    }

    @Test func aValidVisitHasNoProblems() {
        #expect(check.problems(for: slot(), clinician: StaffFixture.ana(), existing: [], patientState: "PA").isEmpty)
    }

    @Test func anAideForASkilledNursingVisitIsRefusedWithTheReason() {
        let problems = check.problems(for: slot(clinician: "mary"), clinician: StaffFixture.aide(), existing: [], patientState: "PA")
        #expect(problems.count == 1)
        #expect(problems.first?.isBlocking == true)
        #expect(problems.first?.description.contains("a home health aide cannot make a skilled nursing visit") == true)
    }

    @Test func anLPNCannotBeBookedForTheSupervisoryVisit() {
        let lpn = StaffProfile(id: "lee", name: "Lee Park", discipline: .practicalNurse,
                               credentials: [Credential(id: "l", type: .lpnLicense, state: "PA", number: "LP1", expires: day("2028-01-31"))],
                               workingHours: StaffFixture.weekdays)
        #expect(check.problems(for: slot(clinician: "lee"), clinician: lpn, existing: [], patientState: "PA").isEmpty)
        let problems = check.problems(for: slot(kind: .aideSupervision, clinician: "lee"), clinician: lpn, existing: [], patientState: "PA")
        #expect(problems.first?.description.contains("484.80(h)") == true)
    }

    @Test func aLicenseExpiringTheDayBeforeTheVisitBlocksIt() {
        let ana = StaffFixture.ana([StaffFixture.rnLicense(expires: "2026-11-01")])
        let problems = check.problems(for: slot(), clinician: ana, existing: [], patientState: "PA")
        #expect(problems.map(\.description) == ["Ana Lopez's RN license in PA expired on 2026-11-01. Record the renewed credential, or assign someone else."])
        #expect(check.problems(for: slot(on: "2026-10-30"), clinician: ana, existing: [], patientState: "PA").isEmpty)
    }

    @Test func aPatientInAnotherStateNeedsALicenseThere() {
        let problems = check.problems(for: slot(), clinician: StaffFixture.ana(), existing: [], patientState: "NJ")
        #expect(problems.first?.description.hasPrefix("Ana Lopez holds no RN license for NJ") == true)
    }

    @Test(arguments: [("08:00", 60, true), ("07:59", 60, false), ("15:30", 60, true), ("15:31", 60, false), ("16:30", 5, false)])
    func aVisitMustFitInsideTheShift(_ start: String, _ minutes: Int, _ fits: Bool) {
        let problems = check.problems(for: slot(at: start, minutes: minutes), clinician: StaffFixture.ana(), existing: [], patientState: "PA")
        #expect(problems.isEmpty == fits)
        if !fits { #expect(problems.first?.description.contains("works 08:00–16:30") == true) }
    }

    @Test func weekendsAndDaysOffAreFlagged() {
        let ana = StaffFixture.ana(hours: .weekdays("08:00", "16:30", daysOff: [day("2026-11-03")]))
        #expect(check.problems(for: slot(on: "2026-11-07"), clinician: ana, existing: [], patientState: "PA").map(\.description)
            == ["Ana Lopez does not work on Saturdays (2026-11-07). Choose a day they work or another clinician."])
        #expect(check.problems(for: slot(on: "2026-11-03"), clinician: ana, existing: [], patientState: "PA").map(\.description)
            == ["Ana Lopez is off on 2026-11-03. Choose another day or another clinician."])
    }

    @Test func doubleBookingTheClinicianIsRefused() {
        let booked = slot("v0", at: "09:30", patient: "p2")
        let problems = check.problems(for: slot(), clinician: StaffFixture.ana(), existing: [booked], patientState: "PA")
        #expect(problems.map(\.description) == ["Ana Lopez already has a visit 09:30–10:30 on 2026-11-02. Choose a time after it ends or another clinician."])
        #expect(problems.first?.isBlocking == true)
    }

    @Test func backToBackVisitsDoNotOverlap() {
        let before = slot("v0", at: "08:00", patient: "p2"), after = slot("v2", at: "10:00", patient: "p3")
        #expect(check.problems(for: slot(), clinician: StaffFixture.ana(), existing: [before, after], patientState: "PA").isEmpty)
        #expect(!check.problems(for: slot(minutes: 61), clinician: StaffFixture.ana(), existing: [before, after], patientState: "PA").isEmpty)
    }

    @Test func thePatientSeeingSomeoneElseAtTheSameTimeIsFlagged() {
        let therapy = slot("v0", at: "09:45", discipline: .physicalTherapy, clinician: "tom")
        let problems = check.problems(for: slot(), clinician: StaffFixture.ana(), existing: [therapy], patientState: "PA")
        #expect(problems.count == 1)
        #expect(problems.first?.description.hasPrefix("The patient already has a physical therapy visit 09:45–10:45") == true)
        #expect(problems.first?.isBlocking == false)
    }

    @Test func movingAVisitDoesNotCollideWithItself() {
        #expect(check.problems(for: slot(at: "09:30"), clinician: StaffFixture.ana(), existing: [slot()], patientState: "PA").isEmpty)
    }

    @Test func nonsenseLengthsAndMidnightAreRefused() {
        #expect(check.problems(for: slot(minutes: 0), clinician: StaffFixture.ana(), existing: [], patientState: "PA") == [.badLength(minutes: 0)])
        #expect(check.problems(for: slot(minutes: 241), clinician: StaffFixture.ana(), existing: [], patientState: "PA") == [.badLength(minutes: 241)])
        let late = StaffFixture.ana(hours: WorkingHours(shifts: [1: WorkingHours.Shift(start: ClockTime("18:00")!, end: ClockTime("23:59")!)!]))
        let problems = check.problems(for: slot(at: "23:30"), clinician: late, existing: [], patientState: "PA")
        #expect(problems.contains(SchedulingProblem.crossesMidnight(end: 24 * 60 + 30)))
    }
}

/// The clinician who saw the patient last comes first, then the lightest day, then the shortest drive.
@Suite struct ContinuityRankingTests {
    @Test func theLastVisitorComesFirstEvenWithABusierDay() {
        let ranked = ContinuityRanking.rank(candidates: [.init(clinicianID: "a", visitsThatDay: 1, milesAway: 2),
                                                         .init(clinicianID: "b", visitsThatDay: 5, milesAway: 20)], lastVisitBy: "b")
        #expect(ranked.map(\.clinicianID) == ["b", "a"])
    }

    @Test func thenFewestVisitsThatDayThenFewestMilesThenID() {
        let ranked = ContinuityRanking.rank(candidates: [.init(clinicianID: "d", visitsThatDay: 2, milesAway: nil),
                                                         .init(clinicianID: "c", visitsThatDay: 2, milesAway: 9),
                                                         .init(clinicianID: "a", visitsThatDay: 3, milesAway: 1),
                                                         .init(clinicianID: "b", visitsThatDay: 2, milesAway: 9),
                                                         .init(clinicianID: "e", visitsThatDay: 2, milesAway: 4)], lastVisitBy: nil)
        #expect(ranked.map(\.clinicianID) == ["e", "b", "c", "d", "a"])
    }

    @Test func aLastVisitorWhoIsNotACandidateChangesNothing() {
        let ranked = ContinuityRanking.rank(candidates: [.init(clinicianID: "b", visitsThatDay: 1), .init(clinicianID: "a", visitsThatDay: 1)],
                                            lastVisitBy: "z")
        #expect(ranked.map(\.clinicianID) == ["a", "b"])
    }
}
