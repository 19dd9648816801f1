import Fluent
import Foundation
import HearthCore
import Vapor

/// FHIR R4 Group: the populations a bulk export can name (`Group/<id>/$export`), a case manager's caseload
/// (`caseload-<user id>`) and a payer's members (`payer-<organization id>`). A Group counts only the members the caller
/// may read, and one with none is not shown, so listing groups never reveals a patient (Bulk Data Access IG, "Group").
struct FHIRGroup: Content {
    var resourceType = "Group"
    var id: String
    var type = "person"
    var actual = true
    var name: String
    var quantity: Int
    var managingEntity: FHIRCoord.Reference?
}

extension FHIRController {
    /// `GET /fhir/Group`: every group with at least one member the caller may read.
    func searchGroups(req: Request) async throws -> Response {
        let search = try FHIRSearchRequest("Group", req)
        let user = try req.currentUser
        var groups: [FHIRServed] = []
        for (group, name) in try await Self.candidateGroups(on: req.db) {
            let count = try await FHIRBulkExportRun.patients(in: group, user: user, on: req.db).count()
            if count > 0 { groups.append(try FHIRServed(FHIRGroup(id: group.id, name: name, quantity: count, managingEntity: Self.manager(group)))) }
        }
        let (response, page, _) = try await search.answer(groups, req: req)
        try await req.audit("group.search", resourceType: "Group", detail: "FHIR, \(page.count) groups")
        return response
    }

    /// `GET /fhir/Group/<id>`.
    func readGroup(req: Request) async throws -> Response {
        guard let group = FHIRExportGroup(req.parameters.get("id") ?? ""),
              let name = try await Self.candidateGroups(on: req.db, only: group).first?.1 else {
            throw AppError.notFound("Groups are caseload-<case manager id> and payer-<payer organization id>; GET /fhir/Group lists yours.")
        }
        let count = try await FHIRBulkExportRun.patients(in: group, user: try req.currentUser, on: req.db).count()
        guard count > 0 else { throw AppError.notFound("No group you may read has that id.") }
        try await req.audit("group.read", resourceType: "Group", resourceID: group.id, detail: "FHIR")
        return try req.fhirRead(FHIRGroup(id: group.id, name: name, quantity: count, managingEntity: Self.manager(group)))
    }

    /// Caseloads of active case managers and payers that cover someone, with their names.
    private static func candidateGroups(on db: any Database, only: FHIRExportGroup? = nil) async throws -> [(FHIRExportGroup, String)] {
        var found: [(FHIRExportGroup, String)] = []
        if only == nil || only?.kind == .caseload {
            let managers = User.query(on: db).filter(\.$role == Role.caseManager.rawValue).filter(\.$isActive == true).sort(\.$displayName)
            if let only { managers.filter(\.$id == only.member) }
            for user in try await managers.all() {
                if let id = user.id, let group = FHIRExportGroup("caseload-\(id.uuidString)") { found.append((group, "Caseload of \(user.displayName)")) }
            }
        }
        if only == nil || only?.kind == .payer {
            let payers = Organization.query(on: db).filter(\.$kind == Organization.Kind.payer.rawValue).sort(\.$name)
            if let only { payers.filter(\.$id == only.member) }
            for payer in try await payers.all() {
                if let id = payer.id, let group = FHIRExportGroup("payer-\(id.uuidString)") { found.append((group, "Members covered by \(payer.name)")) }
            }
        }
        return found
    }

    private static func manager(_ group: FHIRExportGroup) -> FHIRCoord.Reference {
        let id = group.member.uuidString.lowercased()
        return FHIRCoord.Reference(reference: group.kind == .caseload ? "Practitioner/\(id)" : "Organization/\(id)", display: nil)
    }
}
