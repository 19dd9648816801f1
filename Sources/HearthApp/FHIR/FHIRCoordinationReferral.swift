import Fluent
import Foundation
import HearthCore
import Vapor

/// FHIR R4 ServiceRequest for a closed-loop referral to a community service or a provider. Its id is "referral-" and the
/// referral's, apart from the physician orders served under the same type.
struct FHIRReferralRequest: Content, PatientScopedResource {
    static let resourceType = "ServiceRequest"
    var resourceType = Self.resourceType
    var id: String
    var status: String
    var intent = "order"
    var category = [FHIRCoord.Concept(coding: [.init(system: "http://snomed.info/sct", code: "410606002", display: "Social service procedure")],
                                      text: "Social service")]
    var code: FHIRCoord.Concept
    var subject: FHIRCoord.Reference
    var authoredOn: String?
    var requester: FHIRCoord.Reference?
    var performer: [FHIRCoord.Reference]
    var note: [FHIRCoord.Annotation]?

    static func id(_ row: ResourceReferralRecord) throws -> String { "referral-" + (try row.requireID().uuidString.lowercased()) }

    init(_ row: ResourceReferralRecord, _ referral: ResourceReferral, directory: ResourceDirectory) throws {
        id = try Self.id(row)
        // A declined referral will not be served (a new one goes elsewhere); nor will one closed before any service accepted it.
        status = switch referral.state {
        case .draft: "draft"
        case .sent, .accepted, .serviceStarted: "active"
        case .declined: "revoked"
        case .closed: referral.when(.accepted) == nil ? "revoked" : "completed"
        }
        code = FHIRCoord.text(referral.need)
        subject = FHIRCoord.patient(row.$patient.id)
        authoredOn = referral.steps.first.map { $0.at.fhirInstant }
        requester = Self.owner(row, referral)
        performer = [Self.performer(referral.target, in: directory)]
        let notes = referral.steps.compactMap { step in
            step.note.map { FHIRCoord.Annotation(authorString: step.by, time: step.at.fhirInstant, text: "\(step.state.title): \($0)") }
        }
        note = notes.isEmpty ? nil : notes
    }

    /// The case manager who follows the referral.
    static func owner(_ row: ResourceReferralRecord, _ referral: ResourceReferral) -> FHIRCoord.Reference? {
        (row.$owner.id ?? UUID(uuidString: referral.owner)).map { FHIRCoord.practitioner($0, row.owner?.displayName) }
    }

    /// The directory's service when it is still listed; otherwise (or for a provider outside the directory) its name.
    static func performer(_ target: ReferralTarget, in directory: ResourceDirectory) -> FHIRCoord.Reference {
        if case .communityService(let serviceID, _, _) = target, directory.service(serviceID) != nil {
            return FHIRCoord.Reference(reference: "HealthcareService/\(FHIRCoord.directoryID(serviceID))", display: target.title)
        }
        return FHIRCoord.Reference(reference: nil, display: target.title)
    }
}

/// FHIR R4 Task for the loop of a referral: the performer's work on the ServiceRequest it shares its id with.
struct FHIRReferralTask: Content, PatientScopedResource {
    static let resourceType = "Task"
    var resourceType = Self.resourceType
    var id: String
    var status: String
    var statusReason: FHIRCoord.Concept?
    var businessStatus: FHIRCoord.Concept
    var intent = "order"
    var code = FHIRCoord.Concept(coding: [.init(system: "http://hl7.org/fhir/CodeSystem/task-code", code: "fulfill", display: "Fulfill the focal request")],
                                 text: nil)
    var description: String
    var focus: FHIRCoord.Reference
    var `for`: FHIRCoord.Reference
    var executionPeriod: FHIRCoord.Period?
    var authoredOn: String?
    var lastModified: String?
    var requester: FHIRCoord.Reference?
    var owner: FHIRCoord.Reference
    var note: [FHIRCoord.Annotation]?

    init(_ row: ResourceReferralRecord, _ referral: ResourceReferral, directory: ResourceDirectory) throws {
        id = try FHIRReferralRequest.id(row)
        status = referral.state.fhirTaskStatus
        statusReason = referral.declineReason.map(FHIRCoord.text)
        businessStatus = FHIRCoord.text(referral.state.title)
        description = "Referral to \(referral.target.title): \(referral.need)"
        focus = FHIRCoord.Reference(reference: "ServiceRequest/\(id)")
        self.for = FHIRCoord.patient(row.$patient.id)
        // From sending to the performer until the loop was closed.
        let sent = referral.when(.sent), closed = referral.when(.closed)
        executionPeriod = sent == nil && closed == nil ? nil : FHIRCoord.Period(start: sent?.fhirInstant, end: closed?.fhirInstant)
        authoredOn = referral.steps.first.map { $0.at.fhirInstant }
        lastModified = referral.steps.last.map { $0.at.fhirInstant }
        requester = FHIRReferralRequest.owner(row, referral)
        owner = FHIRReferralRequest.performer(referral.target, in: directory)
        note = referral.outcome.map { [FHIRCoord.Annotation(authorString: nil, time: lastModified, text: "Outcome: \($0)")] }
    }
}

extension FHIRController {
    /// The patient's referrals, newest first.
    func referrals(of patient: Patient, on db: any Database) async throws -> [(ResourceReferralRecord, ResourceReferral)] {
        try await ResourceReferralRecord.query(on: db).filter(\.$patient.$id == patient.requireID()).with(\.$owner)
            .sort(\.$createdAt, .descending).sort(\.$id).all().map { ($0, try ResourcesController.decode($0)) }
    }

    /// `GET /fhir/ServiceRequest/<id>`: a physician order by its UUID, a referral by "referral-<UUID>".
    func readAnyServiceRequest(req: Request) async throws -> Response {
        guard let (row, referral) = try await readReferral(req, type: "ServiceRequest") else { return try await readServiceRequest(req: req) }
        return try req.fhirRead(FHIRReferralRequest(row, referral, directory: try await DirectoryStore.current(on: req.db)), lastUpdated: row.updatedAt)
    }

    /// `GET /fhir/Task/<id>`: an order's signature request by its UUID, a referral's loop by "referral-<UUID>".
    func readAnyTask(req: Request) async throws -> Response {
        if let raw = req.parameters.get("id"), raw.hasPrefix("inbound-") { return try await readInboundTask(raw, req: req) }
        guard let (row, referral) = try await readReferral(req, type: "Task") else { return try await readTask(req: req) }
        return try req.fhirRead(FHIRReferralTask(row, referral, directory: try await DirectoryStore.current(on: req.db)), lastUpdated: row.updatedAt)
    }

    /// The referral a "referral-" id names, after the access check and with the read audited; nil for other ids.
    private func readReferral(_ req: Request, type: String) async throws -> (ResourceReferralRecord, ResourceReferral)? {
        let raw = req.parameters.get("id") ?? ""
        guard raw.hasPrefix("referral-") else { return nil }
        guard let id = UUID(uuidString: String(raw.dropFirst("referral-".count))),
              let row = try await ResourceReferralRecord.query(on: req.db).filter(\.$id == id).with(\.$owner).first() else { throw AppError.notFound() }
        let patient = try await PatientAccess.authorize(.read, patientID: row.$patient.id, on: req)
        try await req.auditRead("referral.read", patientID: patient.id, resourceType: type, resourceID: id.uuidString, detail: "FHIR")
        return (row, try ResourcesController.decode(row))
    }
}
