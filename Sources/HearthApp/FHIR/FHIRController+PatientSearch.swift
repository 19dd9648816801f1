import Fluent
import Foundation
import Vapor

/// A FHIR resource Hearth keeps per patient, with the id it is served under.
protocol PatientScopedResource: Codable, Sendable {
    static var resourceType: String { get }
    var id: String { get }
}

extension FHIRController {
    /// `GET /fhir/<Type>?patient=<id>`: checks the `patient` parameter and the caller's access to that patient,
    /// fetches the resources, audits the read and answers a searchset bundle.
    func searchByPatient<Resource: PatientScopedResource>(
        _ type: Resource.Type, audit action: String, req: Request,
        fetch: (Patient) async throws -> [Resource]
    ) async throws -> Response {
        try await searchPatientRecord(Resource.resourceType, audit: action, req: req) { patient in try await fetch(patient).map { try FHIRServed($0) } }
    }

    /// The search of one type within one patient's record: the whole of the patient's records of that type is
    /// matched against the table's parameters, then paged; reads are audited as the patient's.
    func searchPatientRecord(_ type: String, audit action: String, req: Request,
                             fetch: (Patient) async throws -> [FHIRServed]) async throws -> Response {
        let search = try FHIRSearchRequest(type, req)
        if req.grantedScopes != nil, !search.namesPatient {
            return try await searchAcrossPatients(search, audit: action, req: req, fetch: fetch)
        }
        guard let patient = try await searchedPatient(search, req) else {
            return try search.bundle(page: [], total: 0, req: req)
        }
        let resources = try await fetch(patient)
        let (response, page, included) = try await search.answer(resources, req: req) { key, reverse, page in
            try await self.included(key, reverse: reverse, page: page, patient: patient, req: req)
        }
        try await req.auditRead(action, patientID: patient.id, detail: "FHIR, \(page.count) results" + (included > 0 ? ", \(included) included" : ""))
        return response
    }

    /// The patient a search names by `patient`, `subject`, `beneficiary` or `patient.identifier`, authorized like a
    /// direct read; nil when the identifier names nobody.
    private func searchedPatient(_ search: FHIRSearchRequest, _ req: Request) async throws -> Patient? {
        if let chained = search.criterion("patient.identifier") {
            guard chained.values.count == 1 else { throw AppError.badRequest("patient.identifier takes one system|value.") }
            let matches = try await FHIRPatientStore.matches(try FHIRPatientStore.identifierCriterion("identifier=" + chained.values[0], at: "patient.identifier"), on: req.db)
            guard let only = matches.first else { return nil }
            guard matches.count == 1 else { throw AppError.badRequest("That identifier names more than one patient; search by patient=<id>.") }
            return try await PatientAccess.authorize(.read, patientID: only.id, on: req)
        }
        let named = ["patient", "subject", "beneficiary", "for"].compactMap { search.criterion($0) }
        guard let reference = named.first else {
            throw AppError.badRequest("Search \(search.type.type) by patient: ?patient=<Patient id> (or patient.identifier=system|value).")
        }
        guard reference.values.count == 1, named.allSatisfy({ $0.values == reference.values }) else {
            throw AppError.badRequest("Search one patient's \(search.type.type) at a time: ?patient=<Patient id>.")
        }
        let patientID = UUID(uuidString: String(reference.values[0].split(separator: "/").last ?? ""))
        return try await PatientAccess.authorize(.read, patientID: patientID, on: req)
    }
}

extension FHIREpisodeOfCare: PatientScopedResource { static let resourceType = "EpisodeOfCare" }
extension FHIRCondition: PatientScopedResource { static let resourceType = "Condition" }
extension FHIRAllergyIntolerance: PatientScopedResource { static let resourceType = "AllergyIntolerance" }
extension FHIRCareTeam: PatientScopedResource { static let resourceType = "CareTeam" }
