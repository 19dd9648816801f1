import Foundation

/// What the home health claim will depend on, as the hospital can document it before the patient leaves: the
/// face-to-face encounter, homebound status, the physician who will sign the plan of care, the payer's authorization.
public struct HomeHealthOrderFacts: Sendable, Equatable {
    public var startOfCare: CalendarDate?
    public var faceToFaceDate: CalendarDate?
    /// The physician or allowed practitioner who saw the patient.
    public var faceToFacePractitioner: String
    /// Criterion one: needs a device, special transportation or another person to leave home, or leaving is contraindicated.
    public var homeboundCriterionOne: String
    /// Criterion two: a normal inability to leave home, and leaving requires a considerable and taxing effort.
    public var homeboundCriterionTwo: String
    public var certifyingPhysician: String
    public var certifyingNPI: String
    public var authorizationNumber: String

    public init(startOfCare: CalendarDate? = nil, faceToFaceDate: CalendarDate? = nil, faceToFacePractitioner: String = "", homeboundCriterionOne: String = "",
                homeboundCriterionTwo: String = "", certifyingPhysician: String = "", certifyingNPI: String = "", authorizationNumber: String = "") {
        self.startOfCare = startOfCare
        self.faceToFaceDate = faceToFaceDate
        self.faceToFacePractitioner = faceToFacePractitioner
        self.homeboundCriterionOne = homeboundCriterionOne
        self.homeboundCriterionTwo = homeboundCriterionTwo
        self.certifyingPhysician = certifyingPhysician
        self.certifyingNPI = certifyingNPI
        self.authorizationNumber = authorizationNumber
    }
}

/// One thing the home health claim depends on: checked, cited, and what to do when it is not there.
public struct PreflightCheck: Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    public var citation: String
    public var passed: Bool
    /// What was found, and when it did not pass, what to fix before discharge.
    public var reason: String
}

/// The denial pre-flight for a home health referral: each check a claim is denied for when it is missing, run before the
/// referral goes so the hospital case manager fixes it while the patient and the physicians are still in the building.
public enum HomeHealthPreflight {
    public static let faceToFaceCitation = "42 CFR 424.22(a)(1)(v)"
    public static let homeboundCitation = "42 CFR 424.22(a)(1)(ii); 409.42(a); Medicare Benefit Policy Manual ch. 7 §30.1.1"
    public static let physicianCitation = "42 CFR 424.22(a)(1)(iii)–(iv); 409.43"
    public static let authorizationCitation = "the plan's prior authorization terms (42 CFR 422.138 for Medicare Advantage)"
    /// The encounter may come no more than 90 days before the start of care, or within 30 days after it.
    public static let daysBefore = 90
    public static let daysAfter = 30

    public static func checks(_ facts: HomeHealthOrderFacts, payer: DischargePayer?) -> [PreflightCheck] {
        [faceToFace(facts), homebound(facts), physician(facts), authorization(facts, payer: payer)]
    }

    /// Whether every check passed.
    public static func isClear(_ checks: [PreflightCheck]) -> Bool { checks.allSatisfy(\.passed) }

    static func faceToFace(_ facts: HomeHealthOrderFacts) -> PreflightCheck {
        let rule = "the certifying physician documents a face-to-face encounter related to the primary reason for home health, no more than"
            + " \(daysBefore) days before the start of care or within \(daysAfter) days after it, performed by a physician or allowed practitioner"
        func check(_ passed: Bool, _ found: String) -> PreflightCheck {
            PreflightCheck(id: "face-to-face", title: "Face-to-face encounter", citation: faceToFaceCitation, passed: passed,
                           reason: "\(found) \(faceToFaceCitation): \(rule).")
        }
        guard let soc = facts.startOfCare else {
            return check(false, "No ordered start of care: enter it so the encounter's window can be checked.")
        }
        guard let seen = facts.faceToFaceDate else {
            return check(false, "Missing: no face-to-face encounter is recorded. Ask the attending (or the hospitalist who saw the patient) to document"
                         + " the encounter and why home health is needed, before discharge.")
        }
        let practitioner = facts.faceToFacePractitioner.trimmingCharacters(in: .whitespaces)
        let offset = soc.days(until: seen)
        if offset < -daysBefore {
            return check(false, "The encounter on \(seen) is \(-offset) days before the start of care (\(soc)), more than \(daysBefore):"
                         + " a new encounter is needed.")
        }
        if offset > daysAfter {
            return check(false, "The encounter on \(seen) is \(offset) days after the start of care (\(soc)), more than \(daysAfter).")
        }
        if practitioner.isEmpty { return check(false, "The encounter on \(seen) does not say who performed it: name the physician or allowed practitioner.") }
        let when = offset <= 0 ? "\(-offset) day\(offset == -1 ? "" : "s") before" : "\(offset) day\(offset == 1 ? "" : "s") after"
        return check(true, "Met: \(practitioner) saw the patient on \(seen), \(when) the start of care (\(soc)).")
    }

    static func homebound(_ facts: HomeHealthOrderFacts) -> PreflightCheck {
        let one = !facts.homeboundCriterionOne.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        let two = !facts.homeboundCriterionTwo.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        let rule = "Medicare pays home health only for a patient confined to the home: criterion one (a device, special transportation or"
            + " another person is needed to leave home, or leaving is medically contraindicated) and criterion two (a normal inability to leave"
            + " home, and leaving requires a considerable and taxing effort), documented in the record."
        let found = one && two ? "Met: both criteria are documented."
            : "Missing: \([one ? nil : "criterion one", two ? nil : "criterion two"].compactMap { $0 }.joined(separator: " and ")) not documented."
                + " Quote the physician's note that shows it."
        return PreflightCheck(id: "homebound", title: "Homebound status documented", citation: homeboundCitation, passed: one && two,
                              reason: "\(found) \(homeboundCitation): \(rule)")
    }

    static func physician(_ facts: HomeHealthOrderFacts) -> PreflightCheck {
        let name = facts.certifyingPhysician.trimmingCharacters(in: .whitespaces)
        let npi = facts.certifyingNPI.trimmingCharacters(in: .whitespaces)
        let rule = "a physician or allowed practitioner certifies the need for home health and establishes and signs the plan of care."
        let found: String
        var passed = false
        if name.isEmpty {
            found = "Missing: nobody is named to sign the plan of care. Ask the attending or the patient's community physician to agree to follow the patient."
        } else if let problem = NationalProviderIdentifier.problem(npi) {
            found = "\(name) is named, but the NPI is not usable: \(problem)"
        } else {
            found = "Met: \(name) (NPI \(npi)) will sign the plan of care."
            passed = true
        }
        return PreflightCheck(id: "physician", title: "Physician who will sign the plan of care", citation: physicianCitation, passed: passed,
                              reason: "\(found) \(physicianCitation): \(rule)")
    }

    static func authorization(_ facts: HomeHealthOrderFacts, payer: DischargePayer?) -> PreflightCheck {
        let number = facts.authorizationNumber.trimmingCharacters(in: .whitespaces)
        let title = "Payer's authorization"
        guard let payer else {
            return PreflightCheck(id: "authorization", title: title, citation: authorizationCitation, passed: !number.isEmpty,
                                  reason: number.isEmpty ? "The payer is not in the hospital's payer table: ask the plan whether home health needs"
                                    + " authorization and record its number." : "Authorization \(number) recorded.")
        }
        if !payer.homeHealthAuthorization {
            return PreflightCheck(id: "authorization", title: title, citation: "Original Medicare: no prior authorization for home health", passed: true,
                                  reason: "\(payer.name) does not authorize home health in advance; the claim rests on the certification.")
        }
        return PreflightCheck(id: "authorization", title: title, citation: authorizationCitation, passed: !number.isEmpty,
                              reason: number.isEmpty ? "Missing: \(payer.name) authorizes home health before it starts. Call the plan with the clinicals"
                                + " and record the authorization number." : "Met: \(payer.name) authorization \(number).")
    }
}
