import Fluent
import Foundation
import HearthCore
import Vapor

/// `/fhir/Organization` serves the agency's organizations (payers, providers; UUID ids) and the community directory's
/// ("hsds-" ids) side by side.
extension FHIRController {
    typealias AnyOrganization = FHIREither<FHIROrganization, FHIRDirectoryOrganization>

    /// `GET /fhir/Organization/<id>`.
    func readAnyOrganization(req: Request) async throws -> Response {
        let id = req.parameters.get("id") ?? ""
        guard id.hasPrefix("hsds-") else { return try await readOrganization(req: req) }
        let directory = try await DirectoryStore.current(on: req.db)
        guard let organization = directory.organizations.first(where: { FHIRCoord.directoryID($0.id) == id }) else {
            throw AppError.notFound("No Organization with that id.")
        }
        return try req.fhirRead(FHIRDirectoryOrganization(organization))
    }

    /// `GET /fhir/Organization?name=&type=pay|prov|cg&_count=&_offset=`: the agency's organizations by name, then the directory's.
    func searchAnyOrganizations(req: Request) async throws -> Response {
        let page = try FHIRSearchPage("Organization", req)
        let query = Organization.query(on: req.db)
        var directory = try await DirectoryStore.current(on: req.db).organizations
        var agencyKinds = Organization.Kind.allCases
        if let name = req.query[String.self, at: "name"], !name.isEmpty {
            query.startsWith(\.$nameKey, name.lowercased())
            directory = directory.filter { $0.name.lowercased().hasPrefix(name.lowercased()) }
        }
        if let type = req.query[String.self, at: "type"], !type.isEmpty {
            let code = String(type.split(separator: "|").last ?? "")
            agencyKinds = agencyKinds.filter { $0.fhirCode.code == code }
            guard !agencyKinds.isEmpty || code == "cg" else {
                throw AppError.badRequest("type must be pay (payer), prov (healthcare provider) or cg (community group).")
            }
            if code != "cg" { directory = [] }
        }
        // Payers and providers are a few hundred at most: all of them, then the directory's, are paged together.
        var all: [(id: String, resource: AnyOrganization)] = []
        if !agencyKinds.isEmpty {
            query.filter(\.$kind ~~ agencyKinds.map(\.rawValue))
            all = try await query.sort(\.$nameKey).sort(\.$id).all()
                .map { (try $0.requireID().uuidString.lowercased(), .first(try FHIROrganization($0))) }
        }
        all += directory.sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
            .map { (FHIRCoord.directoryID($0.id), .second(FHIRDirectoryOrganization($0))) }
        return try await page.bundle(all)
    }
}
