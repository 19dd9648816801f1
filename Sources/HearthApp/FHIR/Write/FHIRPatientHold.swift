import Crypto
import Fluent
import Foundation
import HearthCore
import Vapor

/// A Patient that may be someone Hearth already registered (another system's identifier Hearth holds, or the same name
/// and date of birth) is never registered twice silently and never merged silently: sent alone, it waits in the intake
/// inbox beside the patients it may be, where a person confirms "same person" (the partner's identifiers join that
/// chart) or "a different person" (registered then); the sender follows `Task/inbound-<id>`. In a transaction, where
/// later entries need the patient at once, it is refused with the way out.
enum FHIRPatientHold {
    enum OnMatch: Sendable { case hold, refuse }

    /// Why the Patient may be a registered one, or nil. `absent`: an identifier search that just matched nobody.
    static func possibleMatch(_ write: PatientWrite, on db: any Database, absent: FHIRPatientStore.Criterion? = nil) async throws -> String? {
        for identifier in write.identifiers where !(absent?.excludes(identifier) ?? false) {
            if try await PatientIdentifier.query(on: db).filter(\.$system == identifier.system).filter(\.$value == identifier.value).first() != nil {
                return identifierHeld
            }
        }
        if try await PatientQueries.possibleDuplicateExists(write.draft, on: db) { return sameNameAndBirthDate }
        return nil
    }

    static let identifierHeld = "another system's identifier Hearth already holds"
    static let sameNameAndBirthDate = "the same name and date of birth as a registered patient"

    /// Holds or refuses a Patient that may be a registered one; nil when it matches nobody and may be registered.
    /// `screen`: the caller asked already (`FHIRPatientStore.screen`).
    static func check(_ node: FHIRNode, _ write: PatientWrite, _ onMatch: OnMatch, _ context: FHIRWriteContext,
                      absent: FHIRPatientStore.Criterion? = nil, screen: FHIRPatientStore.Screen? = nil) async throws -> Response? {
        try context.authorize(.registerPatient, at: "Patient")
        let reason = if let screen { screen.possibleMatch } else { try await possibleMatch(write, on: context.db, absent: absent) }
        guard let reason else { return nil }
        if onMatch == .refuse {
            throw FHIRWriteError(.conflict, "This patient has \(reason): send it alone to POST /fhir/Patient for the agency to confirm, "
                                 + "or send ifNoneExist with the identifier to use the registered patient.", at: "Patient", code: "duplicate")
        }
        return try await hold(node, write, reason: reason, context)
    }

    private static func hold(_ node: FHIRNode, _ write: PatientWrite, reason: String, _ context: FHIRWriteContext) async throws -> Response {
        let user = try context.user
        let bundle = JSONValue.object(["resourceType": .string("Bundle"), "type": .string("transaction"), "entry": .array([
            .object(["resource": node.value, "request": .object(["method": .string("POST"), "url": .string("Patient")])]),
        ])])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try encoder.encode(bundle)
        let digest = SHA256.hash(data: json).map { String(format: "%02x", $0) }.joined()
        let held: InboundReferral
        if let known = try await InboundReferral.query(on: context.db).filter(\.$sender.$id == user.id).filter(\.$bundleDigest == digest).first() {
            held = known
            try await context.audit("referral.inbound.read", resourceType: "Task", resourceID: known.id?.uuidString, detail: "FHIR, the same Patient again")
        } else {
            held = InboundReferral()
            held.$sender.id = user.id
            held.senderName = String(user.displayName.prefix(300))
            held.bundleJSON = String(decoding: json, as: UTF8.self)
            held.bundleDigest = digest
            held.patientName = "\(write.draft.familyName), \(write.draft.givenName)"
            held.birthDate = write.draft.birthDate
            held.summary = String("Registration to confirm: \(reason)".prefix(300))
            held.status = InboundReferral.Status.requested.rawValue
            held.receivedAt = context.req.now
            try await held.create(on: context.db)
            try await context.audit("patient.hold", resourceType: "Task", resourceID: held.id?.uuidString, detail: "FHIR, \(reason)")
        }
        let task = try FHIRInboundTask.id(held)
        let outcome = FHIROutcome(issue: [FHIRIssue(severity: "information", code: "duplicate",
                                                    diagnostics: "This patient has \(reason). A person at the agency confirms whether it is the same person "
                                                        + "(your identifiers join that chart) or a different one (registered then); follow Task/\(task).",
                                                    expression: ["Patient"])])
        let response = try Response.fhir(outcome, status: .accepted)
        response.headers.replaceOrAdd(name: .contentLocation, value: FHIRAddress(context.req).url(.resource(.Task, task)))
        return response
    }
}

extension FHIRPatientStore {
    /// "Same person": the partner's identifiers join the registered patient's chart, with a history line and an audit
    /// record; one that another patient holds, or a second one of a system, is refused by its path.
    static func link(_ write: PatientWrite, to patient: Patient, _ context: FHIRWriteContext) async throws {
        try await context.authorize(.write, patient, at: "Patient")
        let patientID = try patient.requireID()
        let held = try await PatientIdentifier.query(on: context.db).filter(\.$patient.$id == patientID).sort(\.$position).all()
        var added: [PatientWrite.Identifier] = []
        for identifier in write.identifiers where !held.contains(where: { $0.system == identifier.system && $0.value == identifier.value }) {
            if held.contains(where: { $0.system == identifier.system }) {
                throw FHIRWriteError(.conflict, "The registered patient has another identifier in this system; these are different people, or one record is wrong.",
                                     at: identifier.path, code: "conflict")
            }
            if try await PatientIdentifier.query(on: context.db).filter(\.$system == identifier.system).filter(\.$value == identifier.value).first() != nil {
                throw FHIRWriteError(.conflict, "Another patient already has this identifier.", at: identifier.path, code: "duplicate")
            }
            added.append(identifier)
        }
        let user = try context.user
        for (offset, identifier) in added.enumerated() {
            try await PatientIdentifier(patientID: patientID, system: identifier.system, value: identifier.value, use: identifier.use,
                                        typeJSON: identifier.typeJSON, position: held.count + offset).create(on: context.db)
        }
        try await RecordChange(patientID: patientID, field: "Other identifiers", from: held.map(\.system).joined(separator: ", "),
                               to: (held.map(\.system) + added.map(\.system)).joined(separator: ", ") + ", confirmed the same person", by: user.id).create(on: context.db)
        try await context.audit("patient.link", patientID: patientID, resourceType: "Patient", resourceID: patientID.uuidString,
                                detail: "a partner's registration confirmed as this patient, \(added.count) identifiers added")
    }
}
