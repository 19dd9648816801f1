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
        return try .fhir(FHIROrganization(organization))
    }

    /// `GET /fhir/Organization?name=&type=pay|prov&_count=&_offset=`
    func searchOrganizations(req: Request) async throws -> Response {
        let count = min(max(req.query[Int.self, at: "_count"] ?? 20, 1), Self.maxCount)
        let offset = min(max(req.query[Int.self, at: "_offset"] ?? 0, 0), Request.maxOffset)
        let query = Organization.query(on: req.db)
        var criteria = ""
        if let name = req.query[String.self, at: "name"], !name.isEmpty {
            query.startsWith(\.$nameKey, name.lowercased())
            criteria += "name=\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&"
        }
        if let type = req.query[String.self, at: "type"], !type.isEmpty {
            let code = String(type.split(separator: "|").last ?? "")
            let kinds = Organization.Kind.allCases.filter { $0.fhirCode.code == code }.map(\.rawValue)
            guard !kinds.isEmpty else { throw AppError.badRequest("type must be pay (payer) or prov (healthcare provider).") }
            query.filter(\.$kind ~~ kinds)
            criteria += "type=\(code)&"
        }
        let rows = try await query.sort(\.$nameKey).sort(\.$id).range(offset..<(offset + count + 1)).all()
        let base = "\(Paths.FHIR.base)/Organization?\(criteria)"
        var links = [FHIRBundle<FHIROrganization>.Link(relation: "self", url: "\(base)_count=\(count)&_offset=\(offset)")]
        if rows.count > count { links.append(.init(relation: "next", url: "\(base)_count=\(count)&_offset=\(offset + count)")) }
        let entries = try rows.prefix(count).map { row in
            FHIRBundle<FHIROrganization>.Entry(fullUrl: "\(Paths.FHIR.base)/Organization/\(try row.requireID().uuidString.lowercased())", resource: try FHIROrganization(row))
        }
        return try .fhir(FHIRBundle(link: links, entry: entries))
    }
}
