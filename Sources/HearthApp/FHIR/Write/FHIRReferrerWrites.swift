import Fluent
import Foundation
import HearthCore
import Vapor

/// Practitioner and Organization from partners, as referrers: an outside physician joins the physician directory (NPI,
/// office phone and fax, as the chart's "physician outside the agency" form requires), an organization joins the
/// agency's list of payers and providers. Whoever may register patients may add them; the same NPI, or the same kind
/// and name, answers the one on file.
extension FHIRController {
    func createPractitioner(req: Request) async throws -> Response {
        try await writing(req) { context in
            try await postPractitioner(try FHIRNode.body(req, type: "Practitioner"), ifNoneExist: req.headers.first(name: "If-None-Exist"), context)
        }
    }

    /// `PUT /fhir/Practitioner/{id}` or `PUT /fhir/Practitioner?identifier=<NPI system>|<NPI>`: an outside physician's name, phone and fax.
    func updatePractitioner(req: Request) async throws -> Response {
        let url = req.parameters.get("id").map { "Practitioner/" + $0 } ?? "Practitioner?" + (req.url.query ?? "")
        return try await writing(req) { context in try await putPractitioner(try FHIRNode.body(req, type: "Practitioner"), url: url, context) }
    }

    func createOrganization(req: Request) async throws -> Response {
        try await writing(req) { context in try await postOrganization(try FHIRNode.body(req, type: "Organization"), context) }
    }

    /// `PUT /fhir/Organization/{id}`: a payer's or provider's name, phone and fax as the partner now has them.
    func updateOrganization(req: Request) async throws -> Response {
        let url = "Organization/" + (req.parameters.get("id") ?? "")
        return try await writing(req) { context in try await putOrganization(try FHIRNode.body(req, type: "Organization"), url: url, context) }
    }

    func postPractitioner(_ node: FHIRNode, ifNoneExist: String?, _ context: FHIRWriteContext) async throws -> Response {
        try context.authorize(.registerPatient, at: "Practitioner")
        let draft = try Self.physicianDraft(node)
        if let ifNoneExist {
            let criterion = try FHIRPatientStore.identifierCriterion(ifNoneExist, at: "If-None-Exist")
            guard criterion.system == FHIRWriteContext.npiSystem, criterion.value == draft.npi else {
                throw FHIRWriteError(.badRequest, "Match a practitioner by its NPI: identifier=\(FHIRWriteContext.npiSystem)|<the NPI sent>.", at: "If-None-Exist")
            }
        }
        if let known = try await PhysicianDetails.query(on: context.db).filter(\.$npi == draft.npi).with(\.$user).first() {
            try await context.audit("physician.read", resourceType: "Practitioner", resourceID: known.$user.id.uuidString, detail: "FHIR write answered")
            return try practitionerResponse(known.user, known, status: .ok, context)
        }
        let user = try await PhysicianDirectory.add(draft, passwordHash: try await PhysicianDirectory.unusablePasswordHash(context.req), on: context.db,
                                                    audit: context.audit, detail: ", by FHIR")
        let details = try await PhysicianDetails.query(on: context.db).filter(\.$user.$id == user.requireID()).first()
        return try practitionerResponse(user, details, status: .created, context)
    }

    func putPractitioner(_ node: FHIRNode, url: String, _ context: FHIRWriteContext) async throws -> Response {
        try context.authorize(.registerPatient, at: "Practitioner")
        let draft = try Self.physicianDraft(node)
        let details: PhysicianDetails?
        if url.hasPrefix("Practitioner?") {
            let criterion = try FHIRPatientStore.identifierCriterion(String(url.dropFirst("Practitioner?".count)), at: "Practitioner?")
            guard criterion.system == FHIRWriteContext.npiSystem else {
                throw FHIRWriteError(.badRequest, "Match a practitioner by its NPI: identifier=\(FHIRWriteContext.npiSystem)|<NPI>.", at: "Practitioner?")
            }
            details = try await PhysicianDetails.query(on: context.db).filter(\.$npi == criterion.value).with(\.$user).first()
            if details == nil { return try await postPractitioner(node, ifNoneExist: nil, context) }
        } else {
            let id = UUID(uuidString: String(url.dropFirst("Practitioner/".count)))
            details = try await id.asyncFlatMap { try await PhysicianDetails.query(on: context.db).filter(\.$user.$id == $0).with(\.$user).first() }
        }
        guard let details, details.isOutside else {
            throw FHIRWriteError(.notFound, "No outside physician has this id or NPI; agency staff are changed on their staff page.", code: "not-found")
        }
        guard details.npi == draft.npi else { throw node.failure("A physician's NPI does not change; send the one on file.", at: "identifier") }
        let user = details.user
        try requireVersion(try FHIRJSON(encoding: FHIRPractitioner(user, physician: details)), context)
        let changed = [user.displayName != draft.name ? "name" : nil, details.phone != draft.phone ? "phone" : nil, details.fax != draft.fax ? "fax" : nil]
            .compactMap { $0 }
        if !changed.isEmpty {
            user.displayName = draft.name
            details.phone = draft.phone
            details.fax = draft.fax
            try await user.save(on: context.db)
            try await details.save(on: context.db)
            try await context.audit("physician.update", resourceType: "Practitioner", resourceID: user.id?.uuidString, detail: "FHIR, changed: " + changed.joined(separator: ", "))
        }
        return try practitionerResponse(user, details, status: .ok, context)
    }

    /// A Practitioner as the outside-physician form takes it: one name, the NPI, the office phone and fax.
    static func physicianDraft(_ node: FHIRNode) throws -> OutsidePhysicianDraft {
        try node.allowOnly(["resourceType", "id", "meta", "text", "identifier", "active", "name", "telecom"])
        if try node.bool("active") == false { throw node.failure("Hearth adds physicians who practise: leave active out or send true.", at: "active") }
        var npi = ""
        for identifier in try node.array("identifier") {
            try identifier.allowOnly(["system", "value", "use", "type"])
            guard try identifier.string("system") == FHIRWriteContext.npiSystem else {
                throw identifier.failure("Hearth keeps a physician's NPI (\(FHIRWriteContext.npiSystem)) only.", at: "system")
            }
            npi = try identifier.string("value") ?? ""
        }
        let names = try node.array("name")
        if names.count > 1 { throw names[1].failure("Hearth keeps one name per physician.") }
        let name = try names.first.map(Self.personName) ?? ""
        let (phone, fax) = try Self.phoneAndFax(node)
        let draft = OutsidePhysicianDraft(name: name, npi: npi, phone: phone, fax: fax)
        let problems = draft.problems()
        guard problems.isEmpty else {
            let paths = ["physicianName": "Practitioner.name[0]", "physicianNPI": "Practitioner.identifier", "physicianPhone": "Practitioner.telecom",
                         "physicianFax": "Practitioner.telecom"]
            throw FHIRWriteError(status: .unprocessableEntity, issues: problems.sorted { $0.key < $1.key }.map {
                FHIRIssue(code: "invalid", diagnostics: $0.value, expression: [paths[$0.key] ?? "Practitioner"])
            })
        }
        return draft
    }

    /// A HumanName in words: its text, or prefix, given names, family name and suffix.
    static func personName(_ human: FHIRNode) throws -> String {
        try human.allowOnly(["use", "text", "family", "given", "prefix", "suffix"])
        if let text = try human.string("text") { return text }
        return [try human.strings("prefix").joined(separator: " "), try human.strings("given").joined(separator: " "), try human.string("family") ?? "",
                try human.strings("suffix").joined(separator: " ")].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The one phone and one fax a telecom list may hold.
    static func phoneAndFax(_ node: FHIRNode) throws -> (phone: String, fax: String) {
        var found: [String: String] = [:]
        for item in try node.array("telecom") {
            try item.allowOnly(["system", "value", "use", "rank"])
            guard let system = try item.string("system"), ["phone", "fax"].contains(system) else { throw item.failure("Hearth keeps a phone and a fax.", at: "system") }
            guard found[system] == nil else { throw item.failure("Hearth keeps one \(system).", at: "system") }
            found[system] = try item.string("value") ?? ""
        }
        return (found["phone"] ?? "", found["fax"] ?? "")
    }

    private func practitionerResponse(_ user: User, _ details: PhysicianDetails?, status: HTTPResponseStatus, _ context: FHIRWriteContext) throws -> Response {
        let response = try Response.fhir(FHIRPractitioner(user, physician: details), status: status)
        response.headers.replaceOrAdd(name: .location, value: FHIRAddress(context.req).resource(.Practitioner, id: try user.requireID()))
        return response
    }

    /// An Organization: a payer (`type` pay) or another provider, by name, with its phone and fax.
    func postOrganization(_ node: FHIRNode, _ context: FHIRWriteContext) async throws -> Response {
        try context.authorize(.registerPatient, at: "Organization")
        let (name, kind, phone, fax) = try Self.organizationDraft(node)
        if let known = try await Organization.query(on: context.db).filter(\.$kind == kind.rawValue).filter(\.$nameKey == name.lowercased()).first() {
            try await context.audit("organization.read", resourceType: "Organization", resourceID: known.id?.uuidString, detail: "FHIR write answered")
            return try organizationResponse(known, status: .ok, context)
        }
        let organization = Organization(name: name, kind: kind, phone: phone)
        organization.fax = fax
        try await organization.create(on: context.db)
        try await context.audit("organization.create", resourceType: "Organization", resourceID: organization.id?.uuidString, detail: "FHIR, \(kind.rawValue)")
        return try organizationResponse(organization, status: .created, context)
    }

    /// The organization by id takes the name, kind, phone and fax sent; another of its kind with that name is a conflict.
    func putOrganization(_ node: FHIRNode, url: String, _ context: FHIRWriteContext) async throws -> Response {
        try context.authorize(.registerPatient, at: "Organization")
        let (name, kind, phone, fax) = try Self.organizationDraft(node)
        let id = String(url.dropFirst("Organization/".count))
        if let sent = try node.string("id"), sent != id { throw node.failure("The id in the body must be the id in the URL (\(id)).", at: "id") }
        guard let organization = try await UUID(uuidString: id).asyncFlatMap({ try await Organization.find($0, on: context.db) }) else {
            throw FHIRWriteError(.notFound, "No organization has this id; add one with POST /fhir/Organization.", code: "not-found")
        }
        try requireVersion(try FHIRJSON(encoding: FHIROrganization(organization)), context)
        if let other = try await Organization.query(on: context.db).filter(\.$kind == kind.rawValue).filter(\.$nameKey == name.lowercased()).first(),
           other.id != organization.id {
            throw FHIRWriteError(.conflict, "Another \(kind.rawValue) already has this name; send that one's id instead.", at: "Organization.name", code: "duplicate")
        }
        let changed = [organization.name != name ? "name" : nil, organization.kind != kind.rawValue ? "type" : nil,
                       organization.phone != phone ? "phone" : nil, organization.fax != fax ? "fax" : nil].compactMap { $0 }
        if !changed.isEmpty {
            (organization.name, organization.nameKey, organization.kind) = (name, name.lowercased(), kind.rawValue)
            (organization.phone, organization.fax) = (phone, fax)
            try await organization.save(on: context.db)
            try await context.audit("organization.update", resourceType: "Organization", resourceID: organization.id?.uuidString,
                                    detail: "FHIR, changed: " + changed.joined(separator: ", "))
        }
        return try organizationResponse(organization, status: .ok, context)
    }

    /// An Organization as Hearth keeps it: its name, payer (`type` pay) or provider, phone and fax (nil when not sent).
    static func organizationDraft(_ node: FHIRNode) throws -> (name: String, kind: Organization.Kind, phone: String?, fax: String?) {
        try node.allowOnly(["resourceType", "id", "meta", "text", "active", "type", "name", "telecom"])
        if try node.bool("active") == false { throw node.failure("Hearth adds organizations it deals with: leave active out or send true.", at: "active") }
        guard let name = try node.string("name")?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty, name.count <= 200 else {
            throw node.failure("Name the organization (at most 200 characters).", at: "name")
        }
        let types = try node.array("type").map(FHIRConcept.concept)
        let codes = types.flatMap { $0.coding ?? [] }.filter { $0.system == "http://terminology.hl7.org/CodeSystem/organization-type" }.compactMap(\.code)
        if types.count > 1 || (!types.isEmpty && codes.isEmpty) {
            throw node.failure("Send one type coded in http://terminology.hl7.org/CodeSystem/organization-type (pay for a payer, prov for a provider).", at: "type")
        }
        let (phone, fax) = try Self.phoneAndFax(node)
        for (key, number) in [("phone", phone), ("fax", fax)] where !number.isEmpty {
            if let problem = PhoneNumber.problem(number) { throw node.failure(problem.replacingOccurrences(of: "phone", with: key), at: "telecom") }
        }
        return (name, codes.contains("pay") ? .payer : .provider, phone.isEmpty ? nil : phone, fax.isEmpty ? nil : fax)
    }

    private func organizationResponse(_ organization: Organization, status: HTTPResponseStatus, _ context: FHIRWriteContext) throws -> Response {
        let response = try Response.fhir(FHIROrganization(organization), status: status)
        response.headers.replaceOrAdd(name: .location, value: FHIRAddress(context.req).resource(.Organization, id: try organization.requireID()))
        return response
    }
}

extension Optional {
    /// The async `flatMap` Swift's Optional lacks.
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
