import Crypto
import Fluent
import Foundation
import HearthCore
import Vapor

/// The hand-off to a Hearth home health agency: the stay's referral as the FHIR transaction Bundle a hospital would post
/// (Patient, Coverage, the primary diagnosis, the discharge medications, the certifying physician, the hospital, a
/// ServiceRequest with the ordered start of care and a Task `requested`), filed in the agency's intake inbox by the code
/// `POST /fhir` files it with, so intake sees it arrive and the hospital follows it as `Task/inbound-<id>`.
enum DischargeReferralHandoff {
    /// The hospital's MRN system for the referral's Patient: one per hospital (its organization's id).
    static func mrnSystem(hospitalID: UUID) -> String { "urn:uuid:\(hospitalID.uuidString.lowercased())" }

    static func bundle(stay: HospitalStay, hospital: Organization, plan: DischargePlan, needs: [ContinuingNeed], sender: String) throws -> [String: Any] {
        let patientURL = "urn:uuid:\(UUID().uuidString.lowercased())"
        let subject = ["reference": patientURL]
        func entry(_ resource: [String: Any], _ fullUrl: String? = nil) -> [String: Any] {
            var entry: [String: Any] = ["resource": resource, "request": ["method": "POST", "url": resource["resourceType"]!]]
            if let fullUrl { entry["fullUrl"] = fullUrl }
            return entry
        }
        var patient: [String: Any] = ["resourceType": "Patient",
                                      "identifier": [["system": mrnSystem(hospitalID: try hospital.requireID()), "value": stay.hospitalMRN]],
                                      "name": [["family": stay.familyName, "given": [stay.givenName]]], "gender": plan.sex ?? "unknown",
                                      "birthDate": stay.birthDate]
        if let phone = plan.phone { patient["telecom"] = [["system": "phone", "value": phone, "use": "home"]] }
        if let line = plan.addressLine {
            var address: [String: Any] = ["line": [line]]
            for (key, value) in [("city", plan.city), ("state", plan.state), ("postalCode", plan.postalCode)] { if let value { address[key] = value } }
            patient["address"] = [address]
        }
        var entries = [entry(patient, patientURL)]
        if let code = plan.primaryDiagnosis {
            entries.append(entry(["resourceType": "Condition", "subject": subject,
                                  "code": ["coding": [["system": "http://hl7.org/fhir/sid/icd-10-cm", "code": code]], "text": stay.workingDiagnosis ?? code]]))
        }
        for line in medicationLines(plan.medications) {
            entries.append(entry(["resourceType": "MedicationRequest", "status": "active", "intent": "order", "subject": subject,
                                  "medicationCodeableConcept": ["text": line.name], "dosageInstruction": [["text": line.directions]]]))
        }
        var practitioner: [String: Any] = ["resourceType": "Practitioner", "name": [["text": plan.certifyingPhysician ?? stay.attending ?? "Attending physician"]]]
        if let npi = plan.certifyingNPI { practitioner["identifier"] = [["system": FHIRWriteContext.npiSystem, "value": npi]] }
        entries.append(entry(practitioner))
        entries.append(entry(["resourceType": "Organization", "name": "\(hospital.name), \(sender)"]))
        if let payer = stay.payer { entries.append(entry(["resourceType": "Coverage", "status": "active", "beneficiary": subject, "payor": [["display": payer]]])) }
        var order: [String: Any] = ["resourceType": "ServiceRequest", "status": "active", "intent": "order", "subject": subject,
                                    "code": ["text": "Home health: " + (needs.isEmpty ? "skilled nursing" : needs.map(\.title).joined(separator: ", "))],
                                    "note": [["text": note(plan)]]]
        if let soc = plan.startOfCare { order["occurrenceDateTime"] = soc }
        entries.append(entry(order))
        entries.append(entry(["resourceType": "Task", "status": "requested", "intent": "order", "for": subject,
                              "description": "Home health referral from \(hospital.name)"]))
        return ["resourceType": "Bundle", "type": "transaction", "entry": entries]
    }

    /// What the agency's intake reads beside the order: the encounter, homebound status, the authorization, LACE.
    static func note(_ plan: DischargePlan) -> String {
        [plan.faceToFaceDate.map { "Face-to-face encounter \($0) by \(plan.faceToFaceBy ?? "")" },
         plan.homeboundOne.map { "Homebound (criterion one): \($0)" }, plan.homeboundTwo.map { "Homebound (criterion two): \($0)" },
         plan.authorizationNumber.map { "Payer authorization \($0)" },
         plan.laceTotal.map { "LACE \(ScoreFormat.text($0)) (\(plan.laceBand ?? ""))" }].compactMap { $0 }.joined(separator: ". ")
    }

    /// "Furosemide 40 mg tablet: 1 tablet by mouth once a day", one a line.
    static func medicationLines(_ text: String?) -> [(name: String, directions: String)] {
        (text ?? "").split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty ? (parts[0], parts[1]) : nil
        }
    }

    /// The Bundle read the way `POST /fhir` reads it; a refusal names the entry and the element.
    static func contents(_ json: Data, today: CalendarDate) throws -> (entries: [FHIRBundleEntry], contents: InboundReferralContents) {
        let value = try JSONDecoder().decode(JSONValue.self, from: json)
        let entries = try FHIRNode(value: value, path: "Bundle").array("entry").enumerated().map { try FHIRBundleEntry($0.element, index: $0.offset) }
        return (entries, try InboundReferralContents(entries, today: today))
    }
}

extension InboundReferral {
    /// SHA-256 of the Bundle with its keys sorted: the same Bundle sent again, however its keys are ordered, is the same referral.
    static func digest(_ json: String) -> String {
        let canonical = (try? JSONSerialization.jsonObject(with: Data(json.utf8)))
            .flatMap { try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]) } ?? Data(json.utf8)
        return SHA256.hash(data: canonical).hexString
    }

    /// A referral waiting in the intake inbox, as received from `sender` at `now`: the one way a Bundle becomes an inbox
    /// row, whether it came over `POST /fhir` or from this installation's hospital.
    static func received(_ contents: InboundReferralContents, json: String, digest: String, senderID: UUID, senderName: String, now: Date) -> InboundReferral {
        let referral = InboundReferral()
        referral.$sender.id = senderID
        referral.senderName = String((contents.referrers.isEmpty ? senderName : contents.referrers.joined(separator: ", ")).prefix(300))
        referral.bundleJSON = json
        referral.bundleDigest = digest
        referral.patientName = "\(contents.patient.draft.familyName), \(contents.patient.draft.givenName)"
        referral.birthDate = contents.patient.draft.birthDate
        referral.orderedStartOfCare = contents.orderedStartOfCare?.description
        referral.summary = contents.summary
        referral.status = InboundReferral.Status.requested.rawValue
        referral.receivedAt = now
        return referral
    }
}
