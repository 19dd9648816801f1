import Fluent
import Foundation
import HearthCore
import Vapor

/// FHIR R4 Communication: one entry of a patient's communication log (a call, message, fax, meeting, conference, email or letter).
struct FHIRCommunication: Content, PatientScopedResource {
    struct Payload: Codable { var contentString: String }
    static let resourceType = "Communication"
    var resourceType = Self.resourceType
    var id: String
    var status = "completed"
    var category: [FHIRCoord.Concept]
    var medium: [FHIRCoord.Concept]?
    var subject: FHIRCoord.Reference
    var topic: FHIRCoord.Concept
    var sent: String
    var received: String?
    var recipient: [FHIRCoord.Reference]?
    var sender: FHIRCoord.Reference?
    var payload: [Payload]

    /// How it happened as a v3-ParticipationMode code (http://terminology.hl7.org/CodeSystem/v3-ParticipationMode).
    static func mode(_ kind: CommunicationKind) -> FHIRCoord.Coding {
        let (code, display) = switch kind {
        case .call: ("PHONE", "telephone")
        case .message: ("WRITTEN", "written")
        case .fax: ("FAXWRIT", "telefax")
        case .meeting: ("FACE", "face-to-face")
        case .conference: ("VERBAL", "verbal")
        case .email: ("EMAILWRIT", "email")
        case .letter: ("MAILWRIT", "mail")
        }
        return FHIRCoord.Coding(system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode", code: code, display: display)
    }

    init(_ row: CommunicationRecord) throws {
        id = try row.requireID().uuidString.lowercased()
        let kind = CommunicationKind(rawValue: row.kind)
        category = [FHIRCoord.Concept(coding: kind.map { [.init(system: "urn:hearth:communication-kind", code: $0.rawValue, display: $0.title)] },
                                      text: kind?.title ?? row.kind)]
        medium = kind.map { [FHIRCoord.Concept(coding: [Self.mode($0)], text: $0.title)] }
        subject = FHIRCoord.patient(row.$patient.id)
        topic = FHIRCoord.text(row.subject)
        sent = row.occurredAt.fhirInstant
        let party = FHIRCoord.Reference(reference: nil, display: "\(row.partyName) (\(CommunicationParty(rawValue: row.party)?.title ?? row.party))")
        let staff = row.$recordedBy.id.map { FHIRCoord.practitioner($0, row.recordedBy?.displayName) }
        // The agency's side is the staff member who logged it; the other side is named, not a resource Hearth holds.
        if row.direction == CommunicationDirection.incoming.rawValue {
            received = sent
            sender = party
            recipient = staff.map { [$0] }
        } else {
            sender = staff
            recipient = [party]
        }
        payload = [Payload(contentString: "\(row.subject)\n\n\(row.summary)")]
    }
}

extension FHIRController {
    /// `GET /fhir/Communication?patient=<id>`: the patient's communication log, newest first.
    func searchCommunications(req: Request) async throws -> Response {
        if try req.currentUser.role.isHospitalStaff { return try await searchPayerCommunications(req: req) }
        return try await searchByPatient(FHIRCommunication.self, audit: "communication.search", req: req) { patient in
            try await CommunicationRecord.query(on: req.db).filter(\.$patient.$id == patient.requireID()).with(\.$recordedBy)
                .sort(\.$occurredAt, .descending).sort(\.$id).all().map(FHIRCommunication.init)
        }
    }

    func readCommunication(req: Request) async throws -> Response {
        if let id = req.parameters.get("id"), id.hasPrefix("payer-") { return try await readPayerCommunication(id, req: req) }
        guard let id = req.parameters.get("id", as: UUID.self),
              let row = try await CommunicationRecord.query(on: req.db).filter(\.$id == id).with(\.$recordedBy).first() else { throw AppError.notFound() }
        let patient = try await PatientAccess.authorize(.read, patientID: row.$patient.id, on: req)
        try await req.auditRead("communication.read", patientID: patient.id, resourceType: "Communication", resourceID: id.uuidString, detail: "FHIR")
        return try req.fhirRead(FHIRCommunication(row))
    }
}
