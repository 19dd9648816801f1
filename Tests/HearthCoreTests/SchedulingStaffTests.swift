import Foundation
import Testing
@testable import HearthCore

/// Shared set-up for the scheduling tests: the shipped credential requirements and a few clinicians.
enum StaffFixture {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/Scheduling")

    static func requirements() throws -> StateCredentialRequirements {
        try StateCredentialRequirements(contentsOf: resources.appendingPathComponent("state-credential-requirements.json"))
    }

    static let weekdays = WorkingHours.weekdays("08:00", "16:30")

    static func rnLicense(_ state: String = "PA", expires: String = "2027-10-31", id: String? = nil) -> Credential {
        Credential(id: id ?? "rn-\(state)", type: .rnLicense, state: state, number: "RN\(state)123", issued: day("2020-01-15"), expires: day(expires))
    }

    static func ana(_ credentials: [Credential] = [rnLicense()], hours: WorkingHours = weekdays) -> StaffProfile {
        StaffProfile(id: "ana", name: "Ana Lopez", discipline: .registeredNurse, credentials: credentials, workingHours: hours)
    }

    static func aide(_ credentials: [Credential] = [Credential(id: "comp", type: .aideCompetency, number: "C-1", issued: day("2024-05-01"))]) -> StaffProfile {
        StaffProfile(id: "mary", name: "Mary Jones", discipline: .homeHealthAide, credentials: credentials, workingHours: weekdays)
    }
}

/// Which clinician may make which visit: discipline, kind of visit and aide supervision [42 CFR 484.55; 484.80(h)].
@Suite struct StaffDisciplineTests {
    @Test func eachStaffDisciplineVisitsForItsPlanOfCareDiscipline() {
        #expect(StaffDiscipline.staff(for: .skilledNursing) == [.registeredNurse, .practicalNurse])
        #expect(StaffDiscipline.staff(for: .physicalTherapy) == [.physicalTherapist, .physicalTherapistAssistant])
        #expect(StaffDiscipline.staff(for: .occupationalTherapy) == [.occupationalTherapist, .occupationalTherapyAssistant])
        #expect(StaffDiscipline.staff(for: .speechLanguagePathology) == [.speechLanguagePathologist])
        #expect(StaffDiscipline.staff(for: .medicalSocialWork) == [.socialWorker])
        #expect(StaffDiscipline.staff(for: .homeHealthAide) == [.homeHealthAide])
    }

    @Test func rosterCodesAndTheirOtherNamesAreRead() {
        #expect(StaffDiscipline(code: "lvn") == .practicalNurse)
        #expect(StaffDiscipline(code: " LCSW ") == .socialWorker)
        #expect(StaffDiscipline(code: "OTA") == .occupationalTherapyAssistant)
        #expect(StaffDiscipline(code: "RN") == .registeredNurse)
        #expect(StaffDiscipline(code: "CNA") == nil)
    }

    /// 42 CFR 484.55(a)–(b): comprehensive assessments by an RN (or a therapist for a therapy-only patient).
    @Test func anLPNMakesRoutineNursingVisitsButNotAssessmentsOrSupervision() {
        #expect(StaffDiscipline.practicalNurse.refusal(for: .skilledNursing, kind: .routine) == nil)
        #expect(StaffDiscipline.practicalNurse.refusal(for: .skilledNursing, kind: .assessment)?.contains("484.55") == true)
        #expect(StaffDiscipline.practicalNurse.refusal(for: .skilledNursing, kind: .aideSupervision)?.contains("484.80(h)") == true)
        #expect(StaffDiscipline.registeredNurse.refusal(for: .skilledNursing, kind: .assessment) == nil)
    }

    @Test func assistantsMakeRoutineTherapyVisitsButNotEvaluations() {
        #expect(StaffDiscipline.physicalTherapistAssistant.refusal(for: .physicalTherapy, kind: .routine) == nil)
        #expect(StaffDiscipline.physicalTherapistAssistant.refusal(for: .physicalTherapy, kind: .evaluation) != nil)
        #expect(StaffDiscipline.occupationalTherapyAssistant.refusal(for: .occupationalTherapy, kind: .evaluation) != nil)
        #expect(StaffDiscipline.physicalTherapist.refusal(for: .physicalTherapy, kind: .evaluation) == nil)
        #expect(StaffDiscipline.socialWorker.refusal(for: .medicalSocialWork, kind: .evaluation) == nil)
    }

    @Test func anAideCannotMakeASkilledNursingVisit() {
        let why = StaffDiscipline.homeHealthAide.refusal(for: .skilledNursing, kind: .routine)
        #expect(why == "a home health aide cannot make a skilled nursing visit")
        #expect(StaffDiscipline.occupationalTherapist.refusal(for: .physicalTherapy, kind: .routine) == "an occupational therapist cannot make a physical therapy visit")
    }

    /// 42 CFR 484.80(h)(1)(i): an RN or, for a therapy-only patient, the therapist; (h)(2)(i): the RN for an aide-only patient.
    @Test func whoMaySuperviseTheAideDependsOnThePatientsServices() {
        let nursing: Set<Discipline> = [.skilledNursing, .physicalTherapy, .homeHealthAide]
        let therapyOnly: Set<Discipline> = [.physicalTherapy, .homeHealthAide]
        let aideOnly: Set<Discipline> = [.homeHealthAide, .medicalSocialWork]
        #expect(StaffDiscipline.registeredNurse.maySuperviseAides(forPatientReceiving: nursing))
        #expect(!StaffDiscipline.physicalTherapist.maySuperviseAides(forPatientReceiving: nursing))
        #expect(StaffDiscipline.physicalTherapist.maySuperviseAides(forPatientReceiving: therapyOnly))
        #expect(!StaffDiscipline.occupationalTherapist.maySuperviseAides(forPatientReceiving: therapyOnly))
        #expect(!StaffDiscipline.physicalTherapistAssistant.maySuperviseAides(forPatientReceiving: therapyOnly))
        #expect(StaffDiscipline.registeredNurse.maySuperviseAides(forPatientReceiving: aideOnly))
        #expect(!StaffDiscipline.practicalNurse.maySuperviseAides(forPatientReceiving: aideOnly))
        #expect(!StaffDiscipline.registeredNurse.maySuperviseAides(forPatientReceiving: [.skilledNursing]))
    }
}

/// Licenses and certifications: valid, in the 60/30/7-day alert bands, expired.
@Suite struct CredentialStatusTests {
    let license = Credential(id: "c", type: .rnLicense, state: "PA", number: "RN1", issued: day("2024-11-01"), expires: day("2026-10-31"))

    @Test(arguments: [
        ("2026-08-31", CredentialStatus.valid(daysLeft: 61)),
        ("2026-09-01", .expiring(daysLeft: 60, alert: .sixtyDays)),
        ("2026-09-30", .expiring(daysLeft: 31, alert: .sixtyDays)),
        ("2026-10-01", .expiring(daysLeft: 30, alert: .thirtyDays)),
        ("2026-10-23", .expiring(daysLeft: 8, alert: .thirtyDays)),
        ("2026-10-24", .expiring(daysLeft: 7, alert: .sevenDays)),
        ("2026-10-31", .expiring(daysLeft: 0, alert: .sevenDays)),
        ("2026-11-01", .expired(since: day("2026-10-31"))),
        ("2024-10-31", .notYetValid(from: day("2024-11-01"))),
    ])
    func statusAtEachBoundary(_ on: String, _ expected: CredentialStatus) {
        #expect(license.status(on: day(on)) == expected)
    }

    @Test func aCredentialWithoutExpiryStaysValid() {
        let cpr = Credential(id: "x", type: .ccmCertification, number: "CCM-9")
        #expect(cpr.status(on: day("2040-01-01")) == .valid(daysLeft: nil))
    }

    @Test func aStateLicenseNeedsItsStateAndANationalCertificationNone() {
        #expect(Credential(id: "a", type: .rnLicense, number: "1").problems["state"] != nil)
        #expect(Credential(id: "a", type: .rnLicense, state: "ZZ", number: "1").problems["state"] != nil)
        #expect(Credential(id: "a", type: .ccmCertification, state: "PA", number: "1").problems["state"] != nil)
        #expect(Credential(id: "a", type: .rnLicense, state: "pa", number: "1").problems.isEmpty)
        #expect(Credential(id: "a", type: .rnLicense, state: "PA", number: "").problems["number"] != nil)
        #expect(Credential(id: "a", type: .cpr, number: "1", issued: day("2026-01-02"), expires: day("2026-01-01")).problems["expires"] != nil)
    }
}

/// Per-state requirements are configuration; assignment refuses a missing, wrong-state or lapsed credential with the reason.
@Suite struct StateCredentialRequirementTests {
    @Test func shippedRequirementsLoadAndMarkTheSampleRule() throws {
        let requirements = try StaffFixture.requirements()
        #expect(requirements.rules(for: .discipline(.registeredNurse), in: "PA").first?.groups == [[.rnLicense]])
        #expect(requirements.rules(for: .discipline(.socialWorker), in: "PA").first?.groups == [[.lmswLicense, .lcswLicense]])
        #expect(requirements.rules(for: .discipline(.homeHealthAide), in: "NJ").map(\.groups) == [[[.aideCompetency]], [[.stateAideCertification]]])
        let sample = try #require(requirements.rules(for: .caseManager, in: "OH").first)
        #expect(sample.isSample && sample.source.contains("SAMPLE"))
        #expect(requirements.states.values.flatMap(\.values).filter(\.isSample).count == 1)
    }

    @Test func anRNLicensedInTheStateOnTheDayIsAccepted() throws {
        let refusal = try StaffFixture.requirements().assignmentProblem(staff: StaffFixture.ana(), discipline: .skilledNursing,
                                                                        visitDate: day("2026-11-02"), patientState: "PA")
        #expect(refusal == nil)
    }

    @Test func anExpiredLicenseIsRefusedWithItsDate() throws {
        let ana = StaffFixture.ana([StaffFixture.rnLicense(expires: "2026-10-31")])
        let requirements = try StaffFixture.requirements()
        #expect(requirements.assignmentProblem(staff: ana, discipline: .skilledNursing, visitDate: day("2026-10-31"), patientState: "PA") == nil)
        let refusal = try #require(requirements.assignmentProblem(staff: ana, discipline: .skilledNursing, visitDate: day("2026-11-01"), patientState: "PA"))
        #expect(refusal.description == "Ana Lopez's RN license in PA expired on 2026-10-31. Record the renewed credential, or assign someone else.")
    }

    @Test func aLicenseFromAnotherStateDoesNotCount() throws {
        let refusal = try #require(try StaffFixture.requirements().assignmentProblem(
            staff: StaffFixture.ana(), discipline: .skilledNursing, visitDate: day("2026-11-02"), patientState: "NJ"))
        #expect(refusal.description.hasPrefix("Ana Lopez holds no RN license for NJ."))
    }

    @Test func aRenewedLicenseCoversTheLapsedOne() throws {
        let ana = StaffFixture.ana([StaffFixture.rnLicense(expires: "2026-10-31", id: "old"), StaffFixture.rnLicense(expires: "2028-10-31", id: "new")])
        #expect(try StaffFixture.requirements().assignmentProblem(staff: ana, discipline: .skilledNursing, visitDate: day("2026-12-01"), patientState: "PA") == nil)
    }

    @Test func anAideForASkilledNursingVisitIsRefusedWithWhomToAssign() throws {
        let refusal = try #require(try StaffFixture.requirements().assignmentProblem(
            staff: StaffFixture.aide(), discipline: .skilledNursing, visitDate: day("2026-11-02"), patientState: "PA"))
        #expect(refusal.description == "Mary Jones cannot be assigned: a home health aide cannot make a skilled nursing visit. Assign RN or LPN/LVN instead.")
    }

    @Test func aNewJerseyAideAlsoNeedsTheStateCertification() throws {
        let requirements = try StaffFixture.requirements()
        #expect(requirements.assignmentProblem(staff: StaffFixture.aide(), discipline: .homeHealthAide, visitDate: day("2026-11-02"), patientState: "PA") == nil)
        let refusal = try #require(requirements.assignmentProblem(staff: StaffFixture.aide(), discipline: .homeHealthAide,
                                                                  visitDate: day("2026-11-02"), patientState: "NJ"))
        #expect(refusal.description.hasPrefix("Mary Jones holds no home health aide certification for NJ (New Jersey certifies"))
        var certified = StaffFixture.aide()
        certified.credentials.append(Credential(id: "chha", type: .stateAideCertification, state: "NJ", number: "CHHA-77", expires: day("2027-06-30")))
        #expect(requirements.assignmentProblem(staff: certified, discipline: .homeHealthAide, visitDate: day("2026-11-02"), patientState: "NJ") == nil)
    }

    @Test func theSampleStateWantsACCMForCaseManagersOnly() throws {
        let requirements = try StaffFixture.requirements()
        let ana = StaffFixture.ana([StaffFixture.rnLicense("OH")])
        #expect(requirements.assignmentProblem(staff: ana, discipline: .skilledNursing, visitDate: day("2026-11-02"), patientState: "OH") == nil)
        let refusal = try #require(requirements.caseManagerProblem(staff: ana, on: day("2026-11-02"), patientState: "OH"))
        #expect(refusal.description.hasPrefix("Ana Lopez holds no CCM certification, which case managers need ("))
        #expect(refusal.description.contains("sample rule"))
        var certified = ana
        certified.credentials.append(Credential(id: "ccm", type: .ccmCertification, number: "CCM-1", expires: day("2029-01-31")))
        #expect(requirements.caseManagerProblem(staff: certified, on: day("2026-11-02"), patientState: "OH") == nil)
        #expect(requirements.caseManagerProblem(staff: StaffFixture.aide(), on: day("2026-11-02"), patientState: "PA") != nil)
    }

    @Test func aBadRequirementsFileIsRefusedNamingTheEntry() {
        let json = { (body: String) in Data(#"{"version": 1, "everywhere": {"source": "s", "requirements": {}}, "states": \#(body)}"#.utf8) }
        #expect(throws: CredentialRequirementsError.unknownState("XX")) {
            try StateCredentialRequirements(json: json(#"{"XX": {"source": "s", "requirements": {}}}"#))
        }
        #expect(throws: CredentialRequirementsError.unknownRole(place: "NJ", value: "CNA")) {
            try StateCredentialRequirements(json: json(#"{"NJ": {"source": "s", "requirements": {"CNA": ["cpr"]}}}"#))
        }
        #expect(throws: CredentialRequirementsError.unknownCredential(place: "NJ", value: "rn")) {
            try StateCredentialRequirements(json: json(#"{"NJ": {"source": "s", "requirements": {"RN": ["rn"]}}}"#))
        }
    }
}

/// Clock times and working hours.
@Suite struct WorkingHoursTests {
    @Test func clockTimesParseFromTheForm() {
        #expect(ClockTime("08:30") == ClockTime(hour: 8, minute: 30))
        #expect(ClockTime("8:05")?.description == "08:05")
        #expect(ClockTime("23:59") != nil)
        for bad in ["24:00", "12:60", "830", "8:5", "", "-1:00", "08:30:00", "٠٨:٣٠"] { #expect(ClockTime(bad) == nil, "\(bad)") }
        #expect(ClockTime("08:00")! < ClockTime("16:30")!)
    }

    @Test func aShiftMustEndAfterItStarts() {
        #expect(WorkingHours.Shift(start: ClockTime("16:00")!, end: ClockTime("08:00")!) == nil)
        #expect(WorkingHours.Shift(start: ClockTime("08:00")!, end: ClockTime("08:00")!) == nil)
    }

    @Test func weekdaysOffAndDaysOffHaveNoShift() {
        let hours = WorkingHours.weekdays("08:00", "16:30", daysOff: [day("2026-11-04")])
        #expect(hours.shift(on: day("2026-11-02"))?.description == "08:00–16:30")
        #expect(hours.shift(on: day("2026-11-04")) == nil)
        #expect(hours.shift(on: day("2026-11-07")) == nil)
    }
}
