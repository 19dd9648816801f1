import Fluent
import Foundation
import HearthCore
import Vapor

/// The FHIR R4 REST API. Same access policy and audit trail as the web pages.
struct FHIRController {
    static let maxCount = 100

    func metadata(req: Request) throws -> Response {
        try .fhir(CapabilityStatement(date: Date().fhirInstant))
    }

    func readPatient(req: Request) async throws -> Response {
        let patient = try await PatientAccess.authorize(.read, patientID: req.parameters.get("id", as: UUID.self), on: req)
        let id = try patient.requireID()
        try await req.auditRead("patient.read", patientID: id, resourceType: "Patient", resourceID: id.uuidString, detail: "FHIR")
        return try .fhir(try await FHIRPatientStore.resource(patient, on: req.db))
    }

    /// `GET /fhir/Patient?name=&family=&given=&identifier=&birthdate=&_count=&_offset=` over the patients the caller may see.
    func searchPatients(req: Request) async throws -> Response {
        let user = try req.currentUser
        let count = min(max(req.query[Int.self, at: "_count"] ?? 20, 1), Self.maxCount)
        let offset = min(max(req.query[Int.self, at: "_offset"] ?? 0, 0), Request.maxOffset)
        let query = try await PatientAccess.visiblePatients(for: user, on: req.db)
        var criteria: [(String, String)] = []
        if let family = req.query[String.self, at: "family"], !family.isEmpty {
            query.startsWith(\.$familyKey, family.lowercased())
            criteria.append(("family", family))
        }
        if let given = req.query[String.self, at: "given"], !given.isEmpty {
            query.startsWith(\.$givenKey, given.lowercased())
            criteria.append(("given", given))
        }
        if let name = req.query[String.self, at: "name"], !name.isEmpty {
            // FHIR `name` matches the start of any part of the name.
            query.group(.or) { either in
                either.group(.and) { $0.startsWith(\.$familyKey, name.lowercased()) }
                either.group(.and) { $0.startsWith(\.$givenKey, name.lowercased()) }
            }
            criteria.append(("name", name))
        }
        if let identifier = req.query[String.self, at: "identifier"], !identifier.isEmpty {
            // system|value: another system's identifier never matches an MRN with the same digits.
            let matched = try await FHIRPatientStore.matches(try FHIRPatientStore.identifierCriterion("identifier=" + identifier, at: "identifier"), on: req.db)
            query.filter(\.$id ~~ (matched.isEmpty ? [UUID()] : matched.compactMap(\.id)))
            criteria.append(("identifier", identifier))
        }
        if let birthdate = req.query[String.self, at: "birthdate"], !birthdate.isEmpty {
            guard CalendarDate(birthdate) != nil else {
                throw AppError.badRequest("birthdate must be a date as YYYY-MM-DD.")
            }
            query.filter(\.$birthDate == birthdate)
            criteria.append(("birthdate", birthdate))
        }
        let patients = try await query.sort(\.$familyName).sort(\.$id).range(offset..<(offset + count + 1)).all()
        let page = patients.prefix(count)
        try await req.auditRead("patient.search", detail: "FHIR, \(page.count) results")
        // Paging links keep the search criteria, so "next" pages through the same result.
        let search = criteria.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&" }.joined()
        let base = Paths.FHIR.base + "/Patient?" + search
        var links = [FHIRBundle<FHIRPatient>.Link(relation: "self", url: "\(base)_count=\(count)&_offset=\(offset)")]
        if patients.count > count {
            links.append(.init(relation: "next", url: "\(base)_count=\(count)&_offset=\(offset + count)"))
        }
        let ids = try page.map { try $0.requireID() }
        let contacts = Dictionary(grouping: try await PatientContact.query(on: req.db).filter(\.$patient.$id ~~ ids).sort(\.$createdAt).all(), by: \.$patient.id)
        let identifiers = Dictionary(grouping: try await PatientIdentifier.query(on: req.db).filter(\.$patient.$id ~~ ids).sort(\.$position).all(), by: \.$patient.id)
        let entries = try page.map { patient in
            let id = try patient.requireID()
            return FHIRBundle<FHIRPatient>.Entry(fullUrl: Paths.FHIR.patient(id), resource: try FHIRPatient(patient, contacts: contacts[id] ?? [], identifiers: identifiers[id] ?? []))
        }
        return try .fhir(FHIRBundle(link: links, entry: entries))
    }
}

/// What the server supports, for FHIR clients that ask `GET /fhir/metadata`.
struct CapabilityStatement: Content {
    /// System interactions: transaction and batch Bundles at `POST /fhir`.
    struct Rest: Codable { var mode = "server"; var resource: [Resource]; var interaction = [Interaction(code: "transaction"), Interaction(code: "batch")] }
    struct Resource: Codable {
        var type: String
        var interaction: [Interaction]
        var searchParam: [SearchParam]?
        var conditionalCreate: Bool? = nil
        var conditionalUpdate: Bool? = nil
    }
    struct Interaction: Codable { var code: String }
    struct SearchParam: Codable { var name: String; var type: String }
    struct Software: Codable { var name = "Hearth" }

    var resourceType = "CapabilityStatement"
    var status = "active"
    var date: String
    var kind = "instance"
    var software = Software()
    var fhirVersion = "4.0.1"
    var format = ["application/fhir+json"]
    var rest = [Rest(resource: [
        Resource(type: "Patient", interaction: [Interaction(code: "read"), Interaction(code: "search-type"), Interaction(code: "create"), Interaction(code: "update")], searchParam: [
            SearchParam(name: "name", type: "string"), SearchParam(name: "family", type: "string"), SearchParam(name: "given", type: "string"),
            SearchParam(name: "identifier", type: "token"),
            SearchParam(name: "birthdate", type: "date"),
        ], conditionalCreate: true, conditionalUpdate: true),
        Resource(type: "EpisodeOfCare", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
        Resource(type: "CareTeam", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
        Resource(type: "Practitioner", interaction: [Interaction(code: "read")], searchParam: nil),
        Resource(type: "Coverage", interaction: [Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
        Resource(type: "Appointment", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
        Resource(type: "Encounter", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
        Resource(type: "Observation", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
        Resource(type: "PractitionerRole", interaction: [Interaction(code: "read")], searchParam: nil),
        Resource(type: "MedicationStatement", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
        Resource(type: "MedicationAdministration", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
        Resource(type: "AllergyIntolerance", interaction: [Interaction(code: "read"), Interaction(code: "search-type"), Interaction(code: "create")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
        Resource(type: "Condition", interaction: [Interaction(code: "read"), Interaction(code: "search-type"), Interaction(code: "create")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
        Resource(type: "Questionnaire", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "url", type: "uri"),
            SearchParam(name: "version", type: "token"),
        ]),
        Resource(type: "QuestionnaireResponse", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
        Resource(type: "CarePlan", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
        Resource(type: "Goal", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
        Resource(type: "ServiceRequest", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
        Resource(type: "Task", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
        Resource(type: "Organization", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "name", type: "string"), SearchParam(name: "type", type: "token"),
        ]),
        Resource(type: "HealthcareService", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "name", type: "string"), SearchParam(name: "service-category", type: "token"), SearchParam(name: "active", type: "token"),
            SearchParam(name: "location", type: "reference"), SearchParam(name: "organization", type: "reference"),
        ]),
        Resource(type: "Location", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "name", type: "string"), SearchParam(name: "address-postalcode", type: "string"),
            SearchParam(name: "organization", type: "reference"),
        ]),
        Resource(type: "Communication", interaction: [Interaction(code: "read"), Interaction(code: "search-type")], searchParam: [
            SearchParam(name: "patient", type: "reference"),
        ]),
    ])]
}
