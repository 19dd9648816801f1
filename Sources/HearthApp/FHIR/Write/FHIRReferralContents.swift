import Foundation
import HearthCore
import Vapor

/// A referral Bundle read and checked the way intake will use it: one Patient, one Task the agency is asked to do,
/// at most one ServiceRequest (the home health order and its start of care), the diagnoses, allergies and medication
/// list, the coverage and who refers. Anything else is refused by its path, so nothing sent is silently lost.
struct InboundReferralContents: Sendable {
    var patientEntry: FHIRBundleEntry
    var patient: PatientWrite
    var conditions: [FHIRBundleEntry] = []
    var allergies: [FHIRBundleEntry] = []
    var medications: [Medication] = []
    /// The coverages as intake reads them ("Medicare Part A, member 1EG4-TE5-MK72").
    var coverages: [String] = []
    /// The Coverage entries with their payer's name (from `payor.display`, or the referral's Organization it refers to),
    /// recorded on the chart when the referral is accepted.
    var coverageEntries: [(entry: FHIRBundleEntry, payerName: String?)] = []
    var referrers: [String] = []
    var orderedStartOfCare: CalendarDate?
    /// A Patient alone, held because it may be a registered one (`FHIRPatientHold`): no Task, so nothing to take on.
    var isRegistration = false

    /// What Hearth takes in a referral, and the elements of each it keeps or shows.
    static let kept: [String: Set<String>] = [
        "Task": ["resourceType", "id", "meta", "identifier", "status", "intent", "priority", "code", "description", "focus", "for",
                 "authoredOn", "requester", "owner", "note"],
        "ServiceRequest": ["resourceType", "id", "meta", "identifier", "status", "intent", "category", "code", "subject", "occurrenceDateTime",
                           "occurrencePeriod", "authoredOn", "requester", "performer", "reasonCode", "note"],
        "Practitioner": ["resourceType", "id", "meta", "identifier", "name", "telecom"],
        "Organization": ["resourceType", "id", "meta", "identifier", "name", "telecom"],
        "MedicationStatement": ["resourceType", "id", "meta", "status", "medicationCodeableConcept", "subject", "effectiveDateTime", "effectivePeriod",
                                "dateAsserted", "dosage"],
        "MedicationRequest": ["resourceType", "id", "meta", "status", "intent", "medicationCodeableConcept", "subject", "authoredOn", "dosageInstruction"],
        "Coverage": ["resourceType", "id", "meta", "identifier", "status", "type", "subscriberId", "beneficiary", "payor", "relationship", "period"],
    ]

    init(_ entries: [FHIRBundleEntry], today: CalendarDate) throws {
        let patients = entries.filter { $0.resourceType == "Patient" }
        guard let first = patients.first else {
            throw FHIRWriteError(.unprocessableEntity, "A referral names its patient: send one Patient entry.", at: "Bundle.entry")
        }
        if patients.count > 1 { throw FHIRWriteError(.unprocessableEntity, "A referral is for one patient.", at: patients[1].path) }
        guard first.method == .post else { throw FHIRWriteError(.unprocessableEntity, "Send the referral's patient with POST.", at: first.path + ".request.method") }
        patientEntry = first
        isRegistration = !entries.contains { $0.resourceType == "Task" }
        do { patient = try PatientWrite(first.resource, today: today) } catch let error as FHIRWriteError { throw first.placed(error) }
        for (type, limit) in [("Task", 1), ("ServiceRequest", 1)] {
            let found = entries.filter { $0.resourceType == type }
            if found.count > limit { throw FHIRWriteError(.unprocessableEntity, "A referral holds one \(type).", at: found[limit].path) }
        }
        var organizations: [String: String] = [:]
        for entry in entries where entry.resourceType == "Organization" {
            if let fullUrl = entry.fullUrl, case .string = entry.resource.child("name")?.value, let name = try entry.resource.string("name") {
                organizations[fullUrl] = name
            }
        }
        // An Organization a Coverage names as its payor pays; it does not refer.
        let payors = Set(try entries.filter { $0.resourceType == "Coverage" }.compactMap { try CoverageWrite.payorReference($0.resource)?.text })
        for entry in entries where entry.resourceType != "Patient" {
            if entry.resourceType == "Organization", let fullUrl = entry.fullUrl, payors.contains(fullUrl) {
                do { try entry.resource.allowOnly(Self.kept["Organization"] ?? []) } catch let error as FHIRWriteError { throw entry.placed(error) }
                continue
            }
            do { try read(entry, today: today, organizations: organizations) } catch let error as FHIRWriteError { throw entry.placed(error) }
        }
    }

    private mutating func read(_ entry: FHIRBundleEntry, today: CalendarDate, organizations: [String: String]) throws {
        let node = entry.resource
        if let keys = Self.kept[entry.resourceType] { try node.allowOnly(keys) }
        switch entry.resourceType {
        case "Task": try Self.checkTask(node)
        case "ServiceRequest": orderedStartOfCare = try Self.startOfCare(node)
        case "Condition":
            let codes = try node.object("code").map { try FHIRConcept.concept($0) }?.coding ?? []
            guard codes.contains(where: { $0.system == FHIRCondition.icd10 }) else {
                throw node.failure("Hearth records diagnoses in ICD-10-CM: send a coding of \(FHIRCondition.icd10).", at: "code", code: "code-invalid")
            }
            conditions.append(entry)
        case "AllergyIntolerance":
            guard try node.object("code")?.string("text") != nil else { throw node.failure("Name the substance: code.text.", at: "code") }
            allergies.append(entry)
        case "MedicationStatement", "MedicationRequest":
            medications.append(try FHIRReferralMedication.medication(node, start: today))
        case "Practitioner", "Organization":
            if let name = try Self.name(node) { referrers.append(name) }
        case "Coverage":
            var payerName: String?
            if let reference = try CoverageWrite.payorReference(node) {
                guard let name = organizations[reference.text] else {
                    throw node.failure("Refer the payor to an Organization entry of this referral, or send the payer's name as display.",
                                       at: "payor[0].reference", code: "not-found")
                }
                payerName = name
            }
            // Without a member ID the chart cannot bill it: intake sees the payer and adds the card's number after accepting.
            guard try node.string("subscriberId") != nil else {
                let payer = try payerName ?? node.array("payor").compactMap { try $0.string("display") }.first ?? "A payer"
                coverages.append("\(payer) — no member ID was sent: add it on the chart's Coverage card after accepting")
                return
            }
            // Checked as the chart's coverage form checks it now, so accepting cannot fail on it later.
            let write = try CoverageWrite(node, payerName: payerName)
            coverages.append("\(write.draft.payer), member \(write.draft.memberID)")
            coverageEntries.append((entry, payerName))
        default:
            throw node.failure("Hearth does not take \(entry.resourceType) in a referral.", at: "resourceType", code: "not-supported")
        }
    }

    /// The agency is asked to take the patient on: a new Task, `requested`.
    private static func checkTask(_ node: FHIRNode) throws {
        guard try node.string("status") == "requested" else { throw node.failure("A referral's Task is sent with status requested.", at: "status") }
        guard let intent = try node.string("intent"), ["order", "proposal", "plan"].contains(intent) else {
            throw node.failure("Send the Task's intent: order, proposal or plan.", at: "intent")
        }
    }

    /// The ordered start of care: `occurrenceDateTime`, or the start of `occurrencePeriod`.
    private static func startOfCare(_ node: FHIRNode) throws -> CalendarDate? {
        let (text, key) = try node.string("occurrenceDateTime").map { ($0, "occurrenceDateTime") }
            ?? (try node.object("occurrencePeriod")?.string("start")).map { ($0, "occurrencePeriod.start") } ?? ("", "")
        if text.isEmpty { return nil }
        guard let day = CalendarDate(String(text.prefix(10))) else { throw node.failure("Use a date as YYYY-MM-DD.", at: key) }
        return day
    }

    /// A Practitioner's or Organization's name in words, with the NPI when sent.
    private static func name(_ node: FHIRNode) throws -> String? {
        // An Organization's name is a string; a Practitioner's is a list of HumanName.
        var name: String?
        if case .string = node.child("name")?.value { name = try node.string("name") }
        if name == nil, let human = try node.array("name").first { name = try FHIRController.personName(human) }
        let npi = try node.array("identifier").first { try $0.string("system") == FHIRWriteContext.npiSystem }.flatMap { try $0.string("value") }
        guard let name, !name.isEmpty else { return npi.map { "NPI \($0)" } }
        return npi.map { "\(name) (NPI \($0))" } ?? name
    }

    /// "2 diagnoses, 3 medications, 1 allergy, coverage".
    var summary: String {
        func count(_ n: Int, _ one: String, _ many: String) -> String? { n == 0 ? nil : "\(n) \(n == 1 ? one : many)" }
        return [count(conditions.count, "diagnosis", "diagnoses"), count(medications.count, "medication", "medications"),
                count(allergies.count, "allergy", "allergies"), coverages.isEmpty ? nil : "coverage"].compactMap { $0 }.joined(separator: ", ")
    }
}
