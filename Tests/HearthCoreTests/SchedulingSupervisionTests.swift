import Foundation
import Testing
@testable import HearthCore

enum SupervisionFixture {
    static func supervision() throws -> AideSupervision {
        AideSupervision(rules: try SupervisionRuleBook(contentsOf: StaffFixture.resources.appendingPathComponent("aide-supervision.json")),
                        timeZone: ClockFixture.newYork)
    }

    static func visit(_ date: String, by supervisor: StaffDiscipline = .registeredNurse, aide: String = "mary",
                      onSite: Bool = true, aidePresent: Bool = false) -> SupervisoryVisit {
        SupervisoryVisit(id: "sv-\(date)", date: day(date), supervisor: supervisor, aideID: aide, onSite: onSite, aidePresent: aidePresent)
    }

    static let skilled: Set<Discipline> = [.skilledNursing, .homeHealthAide]
    static let therapyOnly: Set<Discipline> = [.physicalTherapy, .homeHealthAide]
    static let aideOnly: Set<Discipline> = [.homeHealthAide]

    /// The patient's current supervision deadline at noon on `today`; aide services began 2026-11-02.
    static func due(_ services: Set<Discipline> = skilled, visits: [SupervisoryVisit] = [], ended: String? = nil,
                    today: String) throws -> SupervisionDue {
        let obligations = try supervision().patientObligations(receiving: services, aideVisits: [day("2026-11-05"), day("2026-11-02")],
                                                               aideServicesEnded: ended.map(day), supervisoryVisits: visits,
                                                               now: clockTime("\(today) 12:00"))
        return try #require(AideSupervision.due(obligations))
    }
}

/// Aide supervision [42 CFR 484.80(h)] as a repeating clock: every 14 days for a skilled patient, every 60 days with
/// the aide present for an aide-only patient, and a yearly on-site observation of each aide.
@Suite struct AideSupervisionTests {
    @Test func shippedRulesLoadWithTheirCitations() throws {
        let rules = try SupervisionFixture.supervision().rules
        #expect(rules.rules.map(\.id) == ["aide-supervision-skilled", "aide-supervision-aide-only", "aide-annual-observation",
                                          "aide-semiannual-observation"])
        #expect(rules.rule(for: .skilledPatient)?.citation == "42 CFR 484.80(h)(1)(i)")
        #expect(rules.rule(for: .aideOnlyPatient)?.citation == "42 CFR 484.80(h)(2)(i)")
        #expect(rules.rule(for: .aide)?.citation == "42 CFR 484.80(h)(1)(iii)")
    }

    @Test func thePatientsServicesChooseTheRule() {
        #expect(AideSupervision.scope(forPatientReceiving: [.skilledNursing, .homeHealthAide]) == .skilledPatient)
        #expect(AideSupervision.scope(forPatientReceiving: [.speechLanguagePathology, .homeHealthAide]) == .skilledPatient)
        #expect(AideSupervision.scope(forPatientReceiving: [.medicalSocialWork, .homeHealthAide]) == .aideOnlyPatient)
        #expect(AideSupervision.scope(forPatientReceiving: [.skilledNursing]) == nil)
    }

    /// 42 CFR 484.80(h): the supervisor is a registered nurse or the therapist of the patient's therapy; the visit's
    /// discipline names which, and an LPN's, social worker's or aide's discipline names no supervisor.
    @Test func theVisitsDisciplineNamesTheSupervisor() {
        #expect(StaffDiscipline.aideSupervisor(visitingFor: .skilledNursing) == .registeredNurse)
        #expect(StaffDiscipline.aideSupervisor(visitingFor: .physicalTherapy) == .physicalTherapist)
        #expect(StaffDiscipline.aideSupervisor(visitingFor: .occupationalTherapy) == .occupationalTherapist)
        #expect(StaffDiscipline.aideSupervisor(visitingFor: .speechLanguagePathology) == .speechLanguagePathologist)
        #expect(StaffDiscipline.aideSupervisor(visitingFor: .medicalSocialWork) == nil)
        #expect(StaffDiscipline.aideSupervisor(visitingFor: .homeHealthAide) == nil)
    }

    /// 42 CFR 484.80(h)(1)(i): no less frequently than every 14 days; day 0 is the first aide visit (2026-11-02).
    @Test func theFourteenthDayIsOnTimeAndTheFifteenthOverdue() throws {
        let due = try SupervisionFixture.due(today: "2026-11-16")
        #expect(due.nextDue == day("2026-11-16"))
        #expect(due.state == .dueSoon)
        #expect(due.citation == "42 CFR 484.80(h)(1)(i)")
        #expect(try SupervisionFixture.due(today: "2026-11-17").state == .overdue(days: 1))
        #expect(try SupervisionFixture.due(today: "2026-11-10").state == .open)
        let met = try SupervisionFixture.due(visits: [SupervisionFixture.visit("2026-11-16")], today: "2026-11-17")
        #expect(met.nextDue == day("2026-11-30"))
        #expect(try SupervisionFixture.supervision().patientObligations(
            receiving: SupervisionFixture.skilled, aideVisits: [day("2026-11-02")], supervisoryVisits: [SupervisionFixture.visit("2026-11-16")],
            now: clockTime("2026-11-17 12:00")).first?.state == .met(recordID: "sv-2026-11-16", late: false))
    }

    @Test func eachSupervisoryVisitMovesTheNextDueDate() throws {
        let visits = [SupervisionFixture.visit("2026-11-12"), SupervisionFixture.visit("2026-11-20")]
        #expect(try SupervisionFixture.due(visits: [visits[0]], today: "2026-11-13").nextDue == day("2026-11-26"))
        #expect(try SupervisionFixture.due(visits: visits, today: "2026-11-21").nextDue == day("2026-12-04"))
    }

    @Test func aLateVisitIsMetLateAndRestartsTheClockFromItsDay() throws {
        let obligations = try SupervisionFixture.supervision().patientObligations(
            receiving: SupervisionFixture.skilled, aideVisits: [day("2026-11-02")], supervisoryVisits: [SupervisionFixture.visit("2026-11-17")],
            now: clockTime("2026-11-18 12:00"))
        #expect(obligations.map(\.state) == [.met(recordID: "sv-2026-11-17", late: true), .open])
        #expect(obligations.last?.window.dueDay == day("2026-12-01"))
        #expect(obligations.map(\.key) == ["aide-supervision-skilled#1", "aide-supervision-skilled#2"])
        #expect(obligations.first?.explanation.contains("Met late by the RN visit on 2026-11-17") == true)
    }

    @Test func onlyVisitsByAQualifiedSupervisorCount() throws {
        let lpn = SupervisionFixture.visit("2026-11-11", by: .practicalNurse)
        let therapist = SupervisionFixture.visit("2026-11-12", by: .physicalTherapist)
        #expect(try SupervisionFixture.due(visits: [lpn, therapist], today: "2026-11-13").nextDue == day("2026-11-16"))
        #expect(try SupervisionFixture.due(SupervisionFixture.therapyOnly, visits: [lpn, therapist], today: "2026-11-13").nextDue == day("2026-11-26"))
    }

    /// 42 CFR 484.80(h)(1) as amended by the CY 2022 home health final rule (86 FR 62240): the supervisory assessment is
    /// "completed onsite ... or by using interactive telecommunications systems ... not to exceed 1 virtual supervisory
    /// assessment per patient in a 60-day episode" (issue 18, finding 11).
    @Test func oneVirtualSupervisoryVisitIn60DaysCountsForASkilledPatient() throws {
        let video = SupervisionFixture.visit("2026-11-10", onSite: false)
        let secondVideo = SupervisionFixture.visit("2026-11-20", onSite: false)
        #expect(try SupervisionFixture.due(visits: [video], today: "2026-11-13").nextDue == day("2026-11-24"))
        #expect(try SupervisionFixture.due(visits: [video, secondVideo], today: "2026-11-25").state == .overdue(days: 1),
                "the second virtual visit in the same 60 days does not count")
        // From day 60 after aide services began (2027-01-01), a new virtual visit is allowed again.
        let later = AideSupervision.allowedVirtual([video, secondVideo, SupervisionFixture.visit("2027-01-02", onSite: false)],
                                                   perSixtyDays: 1, from: day("2026-11-02"))
        #expect(later == ["sv-2026-11-10", "sv-2027-01-02"])
        #expect(try SupervisionFixture.due(SupervisionFixture.aideOnly, visits: [video], today: "2026-12-31").nextDue == day("2027-01-01"),
                "an aide-only patient's visit is on site")
    }

    /// 42 CFR 484.80(h)(2) as amended by the CY 2022 home health final rule: "an RN must make an on-site visit to the
    /// patient's home no less frequently than every 60 days ... The home health aide does not need to be present during
    /// this visit" (issue 18, finding 11: the aide was required).
    @Test func anAideOnlyPatientNeedsTheRNOnSiteEverySixtyDaysWithOrWithoutTheAide() throws {
        #expect(try SupervisionFixture.due(SupervisionFixture.aideOnly, today: "2026-12-31").nextDue == day("2027-01-01"))
        #expect(try SupervisionFixture.due(SupervisionFixture.aideOnly, today: "2027-01-01").state == .dueSoon)
        #expect(try SupervisionFixture.due(SupervisionFixture.aideOnly, today: "2027-01-02").state == .overdue(days: 1))
        let withoutAide = SupervisionFixture.visit("2026-12-20", aidePresent: false)
        #expect(try SupervisionFixture.due(SupervisionFixture.aideOnly, visits: [withoutAide], today: "2027-01-02").nextDue == day("2027-02-18"))
        let withAide = SupervisionFixture.visit("2027-01-01", aidePresent: true)
        #expect(try SupervisionFixture.due(SupervisionFixture.aideOnly, visits: [withAide], today: "2027-01-02").nextDue == day("2027-03-02"))
        let therapist = SupervisionFixture.visit("2026-12-20", by: .physicalTherapist, aidePresent: true)
        #expect(try SupervisionFixture.due(SupervisionFixture.aideOnly, visits: [therapist], today: "2027-01-02").state == .overdue(days: 1))
    }

    @Test func nothingMoreIsOwedOnceAideServicesEnd() throws {
        let ended = try SupervisionFixture.due(ended: "2026-11-10", today: "2026-11-20")
        #expect(ended.nextDue == nil)
        #expect(ended.state == .notApplicable(reason: "aide services ended on 2026-11-10, before the visit was due"))
        let afterVisit = try SupervisionFixture.due(visits: [SupervisionFixture.visit("2026-11-12")], ended: "2026-11-12", today: "2026-12-20")
        #expect(afterVisit.nextDue == nil && afterVisit.state == .met(recordID: "sv-2026-11-12", late: false))
        #expect(try SupervisionFixture.due(ended: "2026-11-20", today: "2026-11-20").state == .overdue(days: 4))
    }

    @Test func aVisitOnlyScheduledForLaterDoesNotMeetTheDeadlineYet() throws {
        let due = try SupervisionFixture.supervision().due(receiving: SupervisionFixture.skilled, aideVisits: [day("2026-11-02")],
                                                           supervisoryVisits: [SupervisionFixture.visit("2026-11-14")],
                                                           now: clockTime("2026-11-13 12:00"))
        #expect(due?.nextDue == day("2026-11-16") && due?.state == .open)
        #expect(due?.obligation.explanation.hasSuffix("Open now. Satisfied by a supervisory visit by an RN, on site or (once in each 60 days) virtual.") == true)
    }

    @Test func noAideVisitsOweNothing() throws {
        #expect(try SupervisionFixture.supervision().patientObligations(receiving: SupervisionFixture.skilled, aideVisits: [], supervisoryVisits: [],
                                                                        now: clockTime("2026-11-20 12:00")).isEmpty)
    }

    /// 42 CFR 484.80(h)(1)(iii): each aide observed giving care on site at least once a year.
    @Test func eachAideIsObservedOnSiteOnceAYear() throws {
        let supervision = try SupervisionFixture.supervision()
        let observed = SupervisionFixture.visit("2026-03-02", aidePresent: true)
        let notPresent = SupervisionFixture.visit("2026-06-01", aidePresent: false)
        let otherAide = SupervisionFixture.visit("2026-07-01", aide: "joan", aidePresent: true)
        let obligations = { (today: String) in
            supervision.aideObligations(aideID: "mary", since: day("2025-11-20"), supervisoryVisits: [observed, notPresent, otherAide],
                                        now: clockTime("\(today) 12:00"))
        }
        #expect(AideSupervision.due(obligations("2027-03-02"))?.nextDue == day("2027-03-02"))
        #expect(AideSupervision.due(obligations("2027-03-02"))?.state == .dueSoon)
        #expect(AideSupervision.due(obligations("2027-03-03"))?.state == .overdue(days: 1))
        #expect(obligations("2027-03-03").first?.state == .met(recordID: "sv-2026-03-02", late: false))
    }

    /// 42 CFR 484.80(h)(2) (CY 2022): "Semi-annually, an RN must make an on-site visit ... to observe and assess each home
    /// health aide while he or she is performing non-skilled care" for aide-only patients; a therapist's visit does not count.
    @Test func anAideOfAideOnlyPatientsIsObservedByAnRNEverySixMonths() throws {
        let supervision = try SupervisionFixture.supervision()
        let observed = SupervisionFixture.visit("2026-03-02", aidePresent: true)
        let therapist = SupervisionFixture.visit("2026-08-01", by: .physicalTherapist, aidePresent: true)
        let obligations = { (today: String) in
            supervision.aideObligations(aideID: "mary", since: day("2025-11-20"), supervisoryVisits: [observed, therapist],
                                        now: clockTime("\(today) 12:00"), servesAideOnlyPatients: true)
        }
        #expect(AideSupervision.due(obligations("2026-09-02"))?.nextDue == day("2026-09-02"))
        #expect(AideSupervision.due(obligations("2026-09-03"))?.state == .overdue(days: 1))
        #expect(obligations("2026-09-03").last?.citation == "42 CFR 484.80(h)(2)")
    }

    @Test func monthsEndOnTheMonthsLastDayWhenShorter() {
        #expect(day("2026-01-31").adding(months: 1) == day("2026-02-28"))
        #expect(day("2028-02-29").adding(months: 12) == day("2029-02-28"))
        #expect(day("2026-11-15").adding(months: 3) == day("2027-02-15"))
    }

    @Test func aBadRuleFileIsRefusedNamingTheRule() {
        let json = { (scope: String, unit: String, every: Int) in
            Data(#"{"version": 1, "rules": [{"id": "r", "title": "T", "citation": "C", "requirement": "R", "appliesTo": "\#(scope)", "every": \#(every), "unit": "\#(unit)", "aidePresent": true}]}"#.utf8)
        }
        #expect(throws: SupervisionRuleError.unknownScope(rule: "r", value: "patient")) { try SupervisionRuleBook(json: json("patient", "days", 14)) }
        #expect(throws: SupervisionRuleError.unknownUnit(rule: "r", value: "weeks")) { try SupervisionRuleBook(json: json("aide", "weeks", 2)) }
        #expect(throws: SupervisionRuleError.notPositive(rule: "r", every: 0)) { try SupervisionRuleBook(json: json("aide", "days", 0)) }
        #expect(throws: (any Error).self) { try SupervisionRuleBook(json: Data("{}".utf8)) }
    }
}

/// Credential expiries join the same clock: due on the expiry date, open 60 days before.
@Suite struct CredentialRenewalTests {
    let renewal = CredentialRenewal(timeZone: ClockFixture.newYork)

    func state(_ credentials: [Credential], on today: String) -> [Obligation.State] {
        renewal.obligations(for: StaffFixture.ana(credentials), now: clockTime("\(today) 12:00")).map(\.state)
    }

    @Test(arguments: [
        ("2026-08-31", Obligation.State.upcoming), ("2026-09-01", .open), ("2026-10-23", .open), ("2026-10-24", .dueSoon),
        ("2026-10-31", .dueSoon), ("2026-11-01", .overdue(days: 1)),
    ])
    func aLicenseIsDueOnItsExpiryAndOpensSixtyDaysBefore(_ today: String, _ expected: Obligation.State) {
        #expect(state([StaffFixture.rnLicense(expires: "2026-10-31")], on: today) == [expected])
    }

    @Test func theWindowAndTextNameTheCredential() throws {
        let obligation = try #require(renewal.obligations(for: StaffFixture.ana([StaffFixture.rnLicense(expires: "2026-10-31")]),
                                                          now: clockTime("2026-10-01 12:00")).first)
        #expect(obligation.window.opensDay == day("2026-09-01") && obligation.window.dueDay == day("2026-10-31"))
        #expect(obligation.title == "Renew RN license in PA")
        #expect(obligation.citation == "42 CFR 484.115(a)")
        #expect(obligation.key == "credential-renewal:rn-PA#1")
        #expect(obligation.explanation.hasPrefix("Ana Lopez's RN license in PA (number RNPA123) expires 2026-10-31;"))
    }

    @Test func aRenewalMeetsItLateWhenIssuedAfterExpiry() {
        var renewed = Credential(id: "new", type: .rnLicense, state: "PA", number: "RN2", issued: day("2026-10-15"), expires: day("2028-10-31"))
        let old = StaffFixture.rnLicense(expires: "2026-10-31", id: "old")
        #expect(state([old, renewed], on: "2026-11-05") == [.met(recordID: "new", late: false), .upcoming])
        renewed.issued = day("2026-11-03")
        #expect(state([old, renewed], on: "2026-11-05").first == .met(recordID: "new", late: true))
        let otherState = StaffFixture.rnLicense("NJ", expires: "2028-10-31")
        #expect(state([old, otherState], on: "2026-11-05").first == .overdue(days: 5))
    }

    @Test func aCredentialThatNeverExpiresOwesNothing() {
        #expect(state([Credential(id: "c", type: .aideCompetency, number: "C1")], on: "2026-11-05").isEmpty)
    }
}
