import Fluent
import Foundation
import Vapor

/// FHIR R4 Organization: the agency, its payers and other providers. Not patient data, so any signed-in client may read it.
struct FHIROrganization: Content {
    struct Coding: Codable { var system: String; var code: String; var display: String }
    struct CodeableConcept: Codable { var coding: [Coding] }
    struct ContactPoint: Codable { var system: String; var value: String }

    var resourceType = "Organization"
    var id: String
    var active = true
    var type: [CodeableConcept]
    var name: String
    var telecom: [ContactPoint]?

    init(_ organization: Organization) throws {
        id = try organization.requireID().uuidString.lowercased()
        let kind = Organization.Kind(rawValue: organization.kind) ?? .provider
        type = [CodeableConcept(coding: [Coding(system: "http://terminology.hl7.org/CodeSystem/organization-type", code: kind.fhirCode.code, display: kind.fhirCode.display)])]
        name = organization.name
        let points = [organization.phone.map { ContactPoint(system: "phone", value: $0) }, organization.fax.map { ContactPoint(system: "fax", value: $0) }].compactMap { $0 }
        telecom = points.isEmpty ? nil : points
    }
}

extension FHIRController {
    func readOrganization(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let organization = try await Organization.find(id, on: req.db) else {
            throw AppError.notFound("No Organization with that id.")
        }
        return try req.fhirRead(FHIROrganization(organization))
    }
}
