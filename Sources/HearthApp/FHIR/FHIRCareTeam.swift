import Fluent
import Foundation
import HearthCore
import Vapor

/// FHIR R4 Practitioner: an agency user who cares for patients. Not PHI, but only signed-in clients read it.
struct FHIRPractitioner: Content {
    struct HumanName: Codable { var text: String }
    struct Identifier: Codable { var system: String? = nil; var value: String }
    struct ContactPoint: Codable { var system: String; var value: String }
    struct Period: Codable { var start: String?; var end: String? }
    struct Qualification: Codable { var identifier: [Identifier]?; var code: CodeableConcept; var period: Period? }
    struct CodeableConcept: Codable { var text: String }

    var resourceType = "Practitioner"
    var id: String
    var identifier: [Identifier]?
    var active: Bool
    var name: [HumanName]
    var telecom: [ContactPoint]?
    var qualification: [Qualification]?

    /// The role, then each license and certification on file with its number and validity; a physician's NPI, office
    /// phone and fax.
    init(_ user: User, credentials: [Credential] = [], physician: PhysicianDetails? = nil) throws {
        id = try user.requireID().uuidString.lowercased()
        active = user.isActive
        name = [HumanName(text: user.displayName)]
        if let physician {
            identifier = [Identifier(system: FHIRWriteContext.npiSystem, value: physician.npi)]
            let points = [physician.phone.map { ContactPoint(system: "phone", value: $0) }, physician.fax.map { ContactPoint(system: "fax", value: $0) }]
                .compactMap { $0 }
            telecom = points.isEmpty ? nil : points
        }
        let title = Role(rawValue: user.role).map { [Qualification(code: CodeableConcept(text: $0.title))] } ?? []
        let held = credentials.map { credential in
            Qualification(identifier: [Identifier(value: credential.number)], code: CodeableConcept(text: credential.name),
                          period: Period(start: credential.issued?.description, end: credential.expires?.description))
        }
        qualification = title + held
    }
}

/// FHIR R4 PractitionerRole: what a staff member does for the agency (discipline) and when they work.
struct FHIRPractitionerRole: Content {
    struct Reference: Codable { var reference: String; var display: String? }
    struct CodeableConcept: Codable { var text: String }
    struct AvailableTime: Codable { var daysOfWeek: [String]; var availableStartTime: String; var availableEndTime: String }

    var resourceType = "PractitionerRole"
    var id: String
    var active: Bool
    var practitioner: Reference
    var code: [CodeableConcept]
    var availableTime: [AvailableTime]

    init(user: User, profile: StaffProfileRecord) throws {
        let userID = try user.requireID().uuidString.lowercased()
        id = userID
        active = user.isActive
        practitioner = Reference(reference: "Practitioner/\(userID)", display: user.displayName)
        code = [CodeableConcept(text: StaffDiscipline(rawValue: profile.discipline)?.title ?? profile.discipline)]
        let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        availableTime = StaffStore.workingHours(profile).shifts.sorted { $0.key < $1.key }.map { weekday, shift in
            AvailableTime(daysOfWeek: [days[weekday - 1]], availableStartTime: "\(shift.start):00", availableEndTime: "\(shift.end):00")
        }
    }
}

/// FHIR R4 CareTeam: the patient's case manager and internal care team. One per patient; its id is the patient's.
struct FHIRCareTeam: Content {
    struct Reference: Codable { var reference: String; var display: String? }
    struct CodeableConcept: Codable { var text: String }
    struct Participant: Codable { var role: [CodeableConcept]; var member: Reference }

    var resourceType = Self.resourceType
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
        // License numbers by the same rule as the staff page: one's own, or a supervisor's or administrator's view (issue 20 #9).
        let me = try req.currentUser
        let physician = try await PhysicianDetails.query(on: req.db).filter(\.$user.$id == id).first()
        guard id == me.id || AccessPolicy.decide(role: me.role, action: .manageStaff).isAllowed else {
            return try req.fhirRead(FHIRPractitioner(user, physician: physician))
        }
        let credentials = try await CredentialRecord.query(on: req.db).filter(\.$user.$id == id).all().compactMap(StaffStore.credential)
        return try req.fhirRead(FHIRPractitioner(user, credentials: credentials, physician: physician))
    }

    /// `GET /fhir/PractitionerRole/<user id>`: the discipline and working hours of a staff member with a profile.
    func readPractitionerRole(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let user = try await User.find(id, on: req.db),
              let profile = try await StaffProfileRecord.query(on: req.db).filter(\.$user.$id == id).first() else { throw AppError.notFound() }
        return try req.fhirRead(FHIRPractitionerRole(user: user, profile: profile))
    }

    /// `GET /fhir/CareTeam/{patient id}`.
    func readCareTeam(req: Request) async throws -> Response {
        try req.fhirRead(try await careTeam(patientID: req.parameters.get("id", as: UUID.self), req: req))
    }

    /// `GET /fhir/CareTeam?patient=<id>`: a bundle holding the patient's one care team.
    func searchCareTeams(req: Request) async throws -> Response {
        try await searchByPatient(FHIRCareTeam.self, audit: "careteam.search", req: req) { patient in
            [try await careTeam(of: patient, on: req.db)]
        }
    }

    private func careTeam(patientID: UUID?, req: Request) async throws -> FHIRCareTeam {
        let patient = try await PatientAccess.authorize(.read, patientID: patientID, on: req)
        try await req.auditRead("careteam.read", patientID: patient.id, resourceType: "CareTeam", resourceID: patient.id?.uuidString, detail: "FHIR")
        return try await careTeam(of: patient, on: req.db)
    }

    func careTeam(of patient: Patient, on db: any Database) async throws -> FHIRCareTeam {
        try await patient.$caseManager.load(on: db)
        let team = try await CareTeamMember.query(on: db).filter(\.$patient.$id == patient.requireID()).with(\.$user)
            .sort(\.$createdAt).sort(\.$id).all()
        return try FHIRCareTeam(patient: patient, caseManager: patient.caseManager, team: team)
    }
}
