import Fluent
import Foundation
import HearthCore
import Vapor

/// FHIR R4 AllergyIntolerance.
struct FHIRAllergyIntolerance: Content {
    struct Coding: Codable { var system: String; var code: String }
    struct CodeableConcept: Codable { var coding: [Coding]?; var text: String? }
    struct Reference: Codable { var reference: String }
    struct Reaction: Codable { var manifestation: [CodeableConcept]; var severity: String }

    var resourceType = Self.resourceType
    var id: String
    var clinicalStatus = CodeableConcept(coding: [Coding(system: "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", code: "active")], text: nil)
    var verificationStatus = CodeableConcept(coding: [Coding(system: "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", code: "unconfirmed")], text: nil)
    var code: CodeableConcept
    var patient: Reference
    var criticality: String
    var reaction: [Reaction]?

    init(_ allergy: Allergy) throws {
        id = try allergy.requireID().uuidString.lowercased()
        code = CodeableConcept(coding: nil, text: allergy.substance)
        patient = Reference(reference: "Patient/\(allergy.$patient.id.uuidString.lowercased())")
        // Criticality is the risk of a future reaction; a severe past reaction means high.
        criticality = allergy.severity == "severe" ? "high" : "low"
        reaction = allergy.reaction.map { [Reaction(manifestation: [CodeableConcept(coding: nil, text: $0)], severity: allergy.severity)] }
    }
}

extension FHIRController {
    /// `GET /fhir/AllergyIntolerance?patient=<id>`.
    func searchAllergies(req: Request) async throws -> Response {
        try await searchByPatient(FHIRAllergyIntolerance.self, audit: "allergy.search", req: req) { patient in
            try await Allergy.query(on: req.db).filter(\.$patient.$id == patient.requireID())
                .sort(\.$substance).sort(\.$id).all().map(FHIRAllergyIntolerance.init)
        }
    }

    func readAllergy(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let allergy = try await Allergy.find(id, on: req.db) else {
            throw AppError.notFound()
        }
        let patient = try await PatientAccess.authorize(.read, patientID: allergy.$patient.id, on: req)
        try await req.auditRead("allergy.read", patientID: patient.id, resourceType: "AllergyIntolerance", resourceID: id.uuidString, detail: "FHIR")
        return try req.fhirRead(FHIRAllergyIntolerance(allergy))
    }
}
