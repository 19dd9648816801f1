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
        guard let reference = req.query[String.self, at: "patient"], !reference.isEmpty else {
            throw AppError.badRequest("Search \(Resource.resourceType) by patient: ?patient=<Patient id>.")
        }
        let patientID = UUID(uuidString: String(reference.split(separator: "/").last ?? ""))
        let patient = try await PatientAccess.authorize(.read, patientID: patientID, on: req)
        let resources = try await fetch(patient)
        try await req.auditRead(action, patientID: patient.id, detail: "FHIR, \(resources.count) results")
        let entries = resources.map { FHIRBundle<Resource>.Entry(fullUrl: "\(Paths.FHIR.base)/\(Resource.resourceType)/\($0.id)", resource: $0) }
        let link = FHIRBundle<Resource>.Link(relation: "self", url: "\(Paths.FHIR.base)/\(Resource.resourceType)?patient=\(reference)")
        return try .fhir(FHIRBundle(link: [link], entry: entries))
    }
}

extension FHIREpisodeOfCare: PatientScopedResource { static let resourceType = "EpisodeOfCare" }
extension FHIRCondition: PatientScopedResource { static let resourceType = "Condition" }
extension FHIRAllergyIntolerance: PatientScopedResource { static let resourceType = "AllergyIntolerance" }
extension FHIRCareTeam: PatientScopedResource { static let resourceType = "CareTeam" }
