import Fluent
import Foundation
import HearthCore

/// Two discharge referrals Riverside General's case manager sent over FHIR, waiting in the demo's intake inbox
/// (synthetic patients), so intake can review, match, accept or decline one.
enum DemoReferrals {
    static func seed(now: Date, zone: TimeZone, on db: any Database) async throws {
        let today = CalendarDate(now, in: zone)
        guard try await InboundReferral.query(on: db).count() == 0,
              let sender = try await User.query(on: db).filter(\.$username == DemoHospital.username).first() else { return }
        let specs = [("Castellanos", "Ines", "1943-04-17", "I50.9", "Furosemide 40 mg tablet", "310429", "1 tablet by mouth once a day", 5),
                     ("Whitfield", "Arthur", "1939-12-02", "J44.1", "Albuterol 90 mcg inhaler", "745679", "2 puffs by inhalation every 6 hours", 26)]
        for (serial, spec) in specs.enumerated() {
            let json = try JSONSerialization.data(withJSONObject: bundle(serial: serial, family: spec.0, given: spec.1, born: spec.2, icd10: spec.3,
                                                                          medication: spec.4, rxnorm: spec.5, sig: spec.6, soc: today.adding(days: 2)))
            let value = try JSONDecoder().decode(JSONValue.self, from: json)
            let entries = try FHIRNode(value: value, path: "Bundle").array("entry").enumerated().map { try FHIRBundleEntry($0.element, index: $0.offset) }
            let contents = try InboundReferralContents(entries, today: today)
            let referral = InboundReferral()
            referral.$sender.id = try sender.requireID()
            referral.senderName = contents.referrers.joined(separator: ", ")
            referral.bundleJSON = String(decoding: json, as: UTF8.self)
            referral.bundleDigest = "demo-\(serial)"
            referral.patientName = "\(spec.0), \(spec.1)"
            referral.birthDate = spec.2
            referral.orderedStartOfCare = contents.orderedStartOfCare?.description
            referral.summary = contents.summary
            referral.status = InboundReferral.Status.requested.rawValue
            referral.receivedAt = now.addingTimeInterval(-Double(spec.7) * 3600)
            try await referral.create(on: db)
        }
    }

    private static func bundle(serial: Int, family: String, given: String, born: String, icd10: String, medication: String, rxnorm: String,
                               sig: String, soc: CalendarDate) -> [String: Any] {
        let patientURL = "urn:uuid:0d3e5a10-0000-4000-8000-00000000000\(serial)"
        let subject = ["reference": patientURL]
        func entry(_ resource: [String: Any], _ fullUrl: String? = nil) -> [String: Any] {
            var entry: [String: Any] = ["resource": resource, "request": ["method": "POST", "url": resource["resourceType"]!]]
            if let fullUrl { entry["fullUrl"] = fullUrl }
            return entry
        }
        return ["resourceType": "Bundle", "type": "transaction", "entry": [
            entry(["resourceType": "Patient", "identifier": [["system": "urn:oid:2.16.840.1.113883.19.5", "value": "RGH-\(48_100 + serial)"]],
                   "name": [["family": family, "given": [given]]], "gender": serial == 0 ? "female" : "male", "birthDate": born,
                   "telecom": [["system": "phone", "value": "614-555-01\(40 + serial)", "use": "home"]]], patientURL),
            entry(["resourceType": "Condition", "subject": subject, "code": ["coding": [["system": "http://hl7.org/fhir/sid/icd-10-cm", "code": icd10]]]]),
            entry(["resourceType": "MedicationRequest", "status": "active", "intent": "order", "subject": subject,
                   "medicationCodeableConcept": ["coding": [["system": FHIRMed.rxnorm, "code": rxnorm]], "text": medication],
                   "dosageInstruction": [["text": sig]]]),
            entry(["resourceType": "Practitioner", "name": [["family": "Ortiz", "given": ["Jane"]]]]),
            entry(["resourceType": "Organization", "name": "Riverside General Hospital"]),
            entry(["resourceType": "Coverage", "status": "active", "beneficiary": subject, "subscriberId": "1EG4-TE5-MK7\(serial)",
                   "payor": [["display": "Medicare Part A"]]]),
            entry(["resourceType": "ServiceRequest", "status": "active", "intent": "order", "subject": subject,
                   "code": ["text": "Home health skilled nursing"], "occurrenceDateTime": soc.description]),
            entry(["resourceType": "Task", "status": "requested", "intent": "order", "for": subject]),
        ]]
    }
}
