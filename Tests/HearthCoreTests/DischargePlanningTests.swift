import Foundation
import Testing
@testable import HearthCore

/// Discharge planning at its boundaries (issue 22): the needs the assessment predicts, LACE from the stay, the choice list
/// (IMPACT Act; 42 CFR 482.43(c)), and the home health denial pre-flight (42 CFR 424.22), with the regulation beside each test.
@Suite struct DischargePlanningTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources")

    static func assessment() throws -> DischargeNeedsAssessment {
        let needs = try InstrumentDefinition(json: Data(contentsOf: resources.appendingPathComponent("Discharge/discharge-needs.json")), source: "discharge-needs.json")
        let lace = try InstrumentDefinition(json: Data(contentsOf: resources.appendingPathComponent("Instruments/lace.json")), source: "lace.json")
        return try DischargeNeedsAssessment(instrument: needs, lace: lace)
    }

    static func directory() throws -> PostAcuteDirectory {
        try PostAcuteDirectory(json: Data(contentsOf: resources.appendingPathComponent("Discharge/post-acute-providers.json")))
    }

    let zone = ClockFixture.newYork
    let medicareAdvantage = "Buckeye Senior Advantage (HMO)"

    func stay(admitted: String, edd: String?) -> InpatientStay {
        InpatientStay(arrivedAt: clockTime(admitted), statusHistory: [StatusPeriod(status: .inpatient, starts: clockTime(admitted))], expectedDischarge: edd.map(day))
    }

    // 42 CFR 482.43(b)(2): the evaluation includes the likelihood of the patient needing post-hospital services and the
    // patient's capacity for self-care or the possibility of being cared for where the patient lived before.
    @Test func theAssessmentPredictsTheContinuingNeedsWithTheAnswerBehindEach() throws {
        let assessment = try Self.assessment()
        let answers = AssessmentAnswers(["wound_or_drain": .yesNo(false), "new_medication_teaching": .yesNo(false), "iv_at_home": .yesNo(true),
                                         "mobility": .choice("device"), "therapy_goal": .yesNo(false), "equipment": .choices(["walker"]),
                                         "adl_help": .choice("none"), "caregiver": .choice("none"),
                                         "acute_admission": .yesNo(true), "charlson": .number(2), "ed_visits": .number(1)])
        let reading = assessment.evaluate(answers, stay: stay(admitted: "2026-12-01 10:00", edd: "2026-12-05"), now: clockTime("2026-12-03 09:00"), zone: zone)
        #expect(reading.needs.map(\.need) == [.skilledNursing, .therapy, .ivTherapy, .dme, .caregiverSupport])
        #expect(reading.needs.first { $0.need == .ivTherapy }?.reason == "IV therapy to continue: Yes")
        #expect(reading.isComplete)
        // LACE: L 4 days (4 points) + A acute (3) + C Charlson 2 (2) + E one visit (1) = 10, high risk (van Walraven 2010).
        #expect(reading.lengthOfStay == 4)
        #expect(reading.lace?.value == 10 && reading.lace?.bandLabel == "High risk")
    }

    @Test func anUnfinishedAssessmentSaysWhatIsLeftAndHasNoLACE() throws {
        let reading = try Self.assessment().evaluate(AssessmentAnswers(["iv_at_home": .yesNo(true)]), stay: stay(admitted: "2026-12-01 10:00", edd: nil),
                                                     now: clockTime("2026-12-01 18:00"), zone: zone)
        #expect(reading.lace == nil && !reading.isComplete && reading.unanswered.contains("Charlson comorbidity index"))
        #expect(reading.needs.map(\.need) == [.skilledNursing, .ivTherapy])
        // Under one day counts as 0 (LACE's L).
        #expect(reading.lengthOfStay == 0)
    }

    @Test func anInstrumentWhoseFindingNamesNoNeedIsRefused() throws {
        var needs = try Self.assessment().instrument
        needs.findings.append(FindingRule(problem: "need-massage", title: "Massage", when: AnswerCondition(item: "iv_at_home", equals: "yes")))
        #expect(throws: DischargeDataError.self) { try DischargeNeedsAssessment(instrument: needs, lace: try Self.assessment().lace) }
    }

    // 42 CFR 482.43(c)(1): "a list of HHAs … that are available to the patient, that are participating in the Medicare program,
    // and that serve the geographic area (as defined by the HHA) in which the patient resides."
    // (c)(3): "The discharge plan must identify any HHA or SNF to which the patient is referred in which the hospital has a
    // disclosable financial interest." (c)(4): quality measures and resource use data are shared.
    @Test func theChoiceListIsEveryParticipatingAgencyServingTheAreaInNameOrder() throws {
        let list = DischargeChoiceList(directory: try Self.directory(), setting: .homeHealth, needs: [.skilledNursing, .ivTherapy],
                                       payerName: medicareAdvantage, zip: "43215", medicare: true)
        #expect(list.options.map(\.provider.name) == ["Olentangy Nursing Services (synthetic)", "Riverbend Home Health (synthetic)",
                                                      "Riverside at Home (synthetic)", "Scioto Valley Home Care (synthetic)"])
        #expect(list.notServingArea == 1)
        #expect(list.option("riverside-at-home")?.network == .outOfNetwork)
        #expect(list.option("riverside-at-home")?.provider.financialInterest?.contains("Owned by Riverside General") == true)
        #expect(list.option("scioto-valley-hh")?.missing == [.ivTherapy])
        #expect(list.option("olentangy-hh")?.provider.accepting == false)
        #expect(list.option("riverbend-hh")?.isFullMatch == true)
        #expect(list.qualitySource.asOf == "2026-10-01")
        #expect(list.patientNotice.contains("482.43(c)(2)") && list.patientNotice.contains("Check with your plan"))
        let original = DischargeChoiceList(directory: try Self.directory(), setting: .homeHealth, needs: [], payerName: "Medicare", zip: "43215", medicare: true)
        #expect(original.options.allSatisfy { $0.network == .noNetwork } && !original.patientNotice.contains("Check with your plan"))
    }

    // 42 CFR 482.43(c)(2): "The hospital must not specify or otherwise limit the qualified providers that are available to the patient."
    @Test func aListWithAPreferredMarkOrAProviderLeftOffIsRefused() throws {
        let list = DischargeChoiceList(directory: try Self.directory(), setting: .homeHealth, needs: [], payerName: "Medicare", zip: "43215", medicare: true)
        let marked = DischargeChoiceSubmission(shown: list.providerIDs, preferred: ["riverside-at-home"], chosen: ["riverbend-hh"], chooser: .patient)
        #expect(marked.problems(against: list)["list"]?.contains("may not mark a provider as preferred") == true)
        let short = DischargeChoiceSubmission(shown: list.providerIDs.filter { $0 != "olentangy-hh" }, chosen: ["riverbend-hh"], chooser: .patient)
        #expect(short.problems(against: list)["list"]?.contains("left out Olentangy Nursing Services") == true)
        let fine = DischargeChoiceSubmission(shown: list.providerIDs, chosen: ["riverbend-hh", "scioto-valley-hh"], chooser: .patient)
        #expect(fine.problems(against: list).isEmpty)
        let unnamed = DischargeChoiceSubmission(shown: list.providerIDs, chosen: ["riverbend-hh"], chooser: .representative, representative: " ")
        #expect(unnamed.problems(against: list)["representative"] != nil)
        let stray = DischargeChoiceSubmission(shown: list.providerIDs, chosen: ["lakeshore-hh"], chooser: .patient)
        #expect(stray.problems(against: list)["chosen"]?.contains("not on the list shown") == true)
        #expect(DischargeChoiceSubmission(shown: list.providerIDs, chosen: [], chooser: .declined).problems(against: list).isEmpty)
    }

    @Test func aProviderTableThatSaysPreferredDoesNotLoad() throws {
        let json = #"{"version":1,"quality":{"source":"CMS Care Compare","asOf":"2026-10-01"},"payers":[],"providers":[{"id":"a","name":"Acme (preferred partner)","setting":"home_health","medicare":true,"services":[],"networks":[],"serviceArea":["432"],"accepting":true,"quality":[]}]}"#
        #expect(throws: DischargeDataError.self) { try PostAcuteDirectory(json: Data(json.utf8)) }
        let undated = json.replacingOccurrences(of: "2026-10-01", with: "").replacingOccurrences(of: " (preferred partner)", with: "")
        #expect(throws: DischargeDataError.self) { try PostAcuteDirectory(json: Data(undated.utf8)) }
    }

    // 42 CFR 482.43(c)(1)(ii): for managed care patients the hospital shares what it knows of the plan's network.
    @Test func anOutOfNetworkReferralNeedsAnOverrideReason() throws {
        let directory = try Self.directory()
        let list = DischargeChoiceList(directory: directory, setting: .homeHealth, needs: [], payerName: medicareAdvantage, zip: "43215", medicare: true)
        let outside = try #require(list.option("riverside-at-home"))
        #expect(PostAcuteReferralRules.networkProblem(outside, payer: list.payer, overrideReason: "  ")?.contains("not in \(medicareAdvantage)'s network") == true)
        #expect(PostAcuteReferralRules.networkProblem(outside, payer: list.payer, overrideReason: "Plan approved a single-case agreement") == nil)
        #expect(PostAcuteReferralRules.networkProblem(try #require(list.option("riverbend-hh")), payer: list.payer, overrideReason: "") == nil)
    }

    func facts(soc: String = "2026-12-10", seen: String? = "2026-12-08") -> HomeHealthOrderFacts {
        HomeHealthOrderFacts(startOfCare: day(soc), faceToFaceDate: seen.map(day), faceToFacePractitioner: "Dr. Amara Nwosu",
                             homeboundCriterionOne: "Needs a walker and one person to leave home", homeboundCriterionTwo: "Leaving home causes dyspnea",
                             certifyingPhysician: "Dr. Amara Nwosu", certifyingNPI: "1234567893")
    }

    func faceToFace(_ facts: HomeHealthOrderFacts) -> PreflightCheck {
        HomeHealthPreflight.checks(facts, payer: nil).first { $0.id == "face-to-face" }!
    }

    // 42 CFR 424.22(a)(1)(v): "A face-to-face patient encounter … occurred no more than 90 days prior to the home health start
    // of care date or within 30 days of the start of the home health care."
    @Test func theFaceToFaceEncounterFitsNinetyDaysBeforeToThirtyDaysAfterTheStartOfCare() {
        #expect(faceToFace(facts(soc: "2026-12-10", seen: "2026-09-11")).passed)   // 90 days before
        #expect(!faceToFace(facts(soc: "2026-12-10", seen: "2026-09-10")).passed)  // 91 days before
        #expect(faceToFace(facts(soc: "2026-12-10", seen: "2027-01-09")).passed)   // 30 days after
        #expect(!faceToFace(facts(soc: "2026-12-10", seen: "2027-01-10")).passed)  // 31 days after
        let missing = faceToFace(facts(seen: nil))
        #expect(!missing.passed && missing.reason.hasPrefix("Missing") && missing.citation == "42 CFR 424.22(a)(1)(v)")
        var nobody = facts()
        nobody.faceToFacePractitioner = ""
        #expect(!faceToFace(nobody).passed)
    }

    // 42 CFR 424.22(a)(1)(ii) and Benefit Policy Manual ch. 7 §30.1.1: both homebound criteria; (iii)-(iv): a physician or
    // allowed practitioner establishes the plan of care; Medicare Advantage plans authorize before care starts.
    @Test func homeboundThePhysicianAndTheAuthorizationAreEachChecked() throws {
        let directory = try Self.directory()
        let clear = HomeHealthPreflight.checks(facts(), payer: directory.payer(named: "Medicare"))
        #expect(HomeHealthPreflight.isClear(clear))
        var gaps = facts()
        gaps.homeboundCriterionTwo = " "
        gaps.certifyingNPI = "1234567890"
        let checks = HomeHealthPreflight.checks(gaps, payer: directory.payer(named: medicareAdvantage))
        #expect(checks.map(\.passed) == [true, false, false, false])
        #expect(checks[1].reason.contains("criterion two not documented"))
        #expect(checks[2].reason.contains("check digit"))
        #expect(checks[3].reason.contains("record the authorization number"))
        gaps.authorizationNumber = "BSA-2291"
        #expect(HomeHealthPreflight.checks(gaps, payer: directory.payer(named: medicareAdvantage))[3].passed)
    }

    @Test func aLateAcceptanceIsAvoidableDaysOwedToPostAcuteAcceptance() {
        let sent = clockTime("2026-12-03 09:00")
        let deadline = clockTime("2026-12-04 09:00")
        let waiting = PostAcuteReferralFacts(provider: "A", sentAt: sent, deadline: deadline, status: .sent)
        // Ready to leave on the 4th; still waiting on the 6th at noon: the 4th and the 5th are avoidable.
        let late = AcceptanceDelay(referrals: [waiting], expectedDischarge: day("2026-12-04"), dischargedAt: nil, now: clockTime("2026-12-06 12:00"), zone: zone)
        #expect(late.days == 2 && late.explanation.contains(AcceptanceDelay.reason))
        #expect(waiting.isLate(now: clockTime("2026-12-04 09:01")) && !waiting.isLate(now: clockTime("2026-12-04 09:00")))
        let accepted = PostAcuteReferralFacts(provider: "B", sentAt: sent, deadline: deadline, status: .accepted, answeredAt: clockTime("2026-12-04 08:00"))
        #expect(AcceptanceDelay(referrals: [waiting, accepted], expectedDischarge: day("2026-12-04"), dischargedAt: nil, now: clockTime("2026-12-06 12:00"), zone: zone).days == 0)
        #expect(PostAcuteReferralStatus.declined.problem(moving: .accepted) != nil && PostAcuteReferralStatus.sent.problem(moving: .accepted) == nil)
    }
}
