import Fluent
import Foundation
import HearthCore
import Vapor

/// FHIR R4 Practitioner: an agency user who cares for patients. Not PHI, but only signed-in clients read it.
struct FHIRPractitioner: Content {
    struct HumanName: Codable { var text: String }
    struct Qualification: Codable { var code: CodeableConcept }
    struct CodeableConcept: Codable { var text: String }

    var resourceType = "Practitioner"
    var id: String
    var active: Bool
    var name: [HumanName]
    var qualification: [Qualification]?

    init(_ user: User) throws {
        id = try user.requireID().uuidString.lowercased()
        active = user.isActive
        name = [HumanName(text: user.displayName)]
        let title = Role(rawValue: user.role)?.title
        qualification = title.map { [Qualification(code: CodeableConcept(text: $0))] }
    }
}

/// FHIR R4 CareTeam: the patient's case manager and internal care team. One per patient; its id is the patient's.
struct FHIRCareTeam: Content {
    struct Reference: Codable { var reference: String; var display: String? }
    struct CodeableConcept: Codable { var text: String }
    struct Participant: Codable { var role: [CodeableConcept]; var member: Reference }

    var resourceType = "CareTeam"
    var id: String
    var status = "active"
    var name: String
    var subject: Reference
    var participant: [Participant]

    init(patient: Patient, caseManager: User?, team: [CareTeamMember]) throws {
        let patientID = try patient.requireID().uuidString.lowercased()
        id = patientID
        name = "Care team for \(patient.givenName) \(patient.familyName)"
        subject = Reference(reference: "Patient/\(patientID)", display: nil)
        var participants: [Participant] = []
        if let manager = caseManager {
            participants.append(Participant(role: [CodeableConcept(text: "Case manager")], member: try Self.reference(manager)))
        }
        for member in team {
            participants.append(Participant(role: [CodeableConcept(text: member.teamRole)], member: try Self.reference(member.user)))
        }
        participant = participants
    }

    static func reference(_ user: User) throws -> Reference {
        Reference(reference: "Practitioner/\(try user.requireID().uuidString.lowercased())", display: user.displayName)
    }
}

extension FHIRController {
    func readPractitioner(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let user = try await User.find(id, on: req.db) else {
            throw AppError.notFound()
        }
        return try .fhir(FHIRPractitioner(user))
    }

    /// `GET /fhir/CareTeam/{patient id}`.
    func readCareTeam(req: Request) async throws -> Response {
        try .fhir(try await careTeam(patientID: req.parameters.get("id", as: UUID.self), req: req))
    }

    /// `GET /fhir/CareTeam?patient=<id>`: a bundle holding the patient's one care team.
    func searchCareTeams(req: Request) async throws -> Response {
        guard let reference = req.query[String.self, at: "patient"], !reference.isEmpty else {
            throw AppError.badRequest("Search CareTeam by patient: ?patient=<Patient id>.")
        }
        let team = try await careTeam(patientID: UUID(uuidString: String(reference.split(separator: "/").last ?? "")), req: req)
        let entry = FHIRBundle<FHIRCareTeam>.Entry(fullUrl: "\(Paths.FHIR.base)/CareTeam/\(team.id)", resource: team)
        let link = FHIRBundle<FHIRCareTeam>.Link(relation: "self", url: "\(Paths.FHIR.base)/CareTeam?patient=\(reference)")
        return try .fhir(FHIRBundle(link: [link], entry: [entry]))
    }

    private func careTeam(patientID: UUID?, req: Request) async throws -> FHIRCareTeam {
        let patient = try await PatientAccess.authorize(.read, patientID: patientID, on: req)
        let id = try patient.requireID()
        try await patient.$caseManager.load(on: req.db)
        let team = try await CareTeamMember.query(on: req.db).filter(\.$patient.$id == id).with(\.$user).all()
        try await req.auditRead("careteam.read", patientID: id, resourceType: "CareTeam", resourceID: id.uuidString, detail: "FHIR")
        return try FHIRCareTeam(patient: patient, caseManager: patient.caseManager, team: team)
    }
}
