import Fluent
import Foundation
import HearthCore
import Vapor

/// FHIR R4 Condition for a coded diagnosis.
struct FHIRCondition: Content {
    struct Coding: Codable { var system: String; var code: String; var display: String }
    struct CodeableConcept: Codable { var coding: [Coding]?; var text: String? }
    struct Reference: Codable { var reference: String }

    var resourceType = Self.resourceType
    var id: String
    var clinicalStatus: CodeableConcept
    var verificationStatus: CodeableConcept
    var category: [CodeableConcept]
    var code: CodeableConcept
    var subject: Reference
    var onsetDateTime: String?
    var abatementDateTime: String?

    static let icd10 = "http://hl7.org/fhir/sid/icd-10-cm"

    init(_ diagnosis: Diagnosis) throws {
        id = try diagnosis.requireID().uuidString.lowercased()
        let active = diagnosis.resolvedDate == nil
        clinicalStatus = CodeableConcept(coding: [Coding(system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: active ? "active" : "resolved", display: active ? "Active" : "Resolved")], text: nil)
        verificationStatus = CodeableConcept(coding: [Coding(system: "http://terminology.hl7.org/CodeSystem/condition-ver-status", code: "confirmed", display: "Confirmed")], text: nil)
        category = [CodeableConcept(coding: [Coding(system: "http://terminology.hl7.org/CodeSystem/condition-category", code: "encounter-diagnosis", display: "Encounter Diagnosis")],
                                    text: diagnosis.rank == "primary" ? "Primary diagnosis" : "Secondary diagnosis")]
        code = CodeableConcept(coding: [Coding(system: Self.icd10, code: diagnosis.code, display: diagnosis.title)], text: diagnosis.title)
        subject = Reference(reference: "Patient/\(diagnosis.$patient.id.uuidString.lowercased())")
        onsetDateTime = diagnosis.onsetDate
        abatementDateTime = diagnosis.resolvedDate
    }
}

extension FHIRController {
    func readCondition(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let diagnosis = try await Diagnosis.find(id, on: req.db) else {
            throw AppError.notFound()
        }
        let patient = try await PatientAccess.authorize(.read, patientID: diagnosis.$patient.id, on: req)
        try await req.auditRead("diagnosis.read", patientID: patient.id, resourceType: "Condition", resourceID: id.uuidString, detail: "FHIR")
        return try req.fhirRead(FHIRCondition(diagnosis))
    }

    /// `GET /fhir/Condition?patient=<id>`: the patient's diagnoses, primary first.
    func searchConditions(req: Request) async throws -> Response {
        try await searchByPatient(FHIRCondition.self, audit: "diagnosis.search", req: req) { patient in
            try await Diagnosis.query(on: req.db).filter(\.$patient.$id == patient.requireID())
                .sort(\.$rank).sort(\.$createdAt).sort(\.$id).all().map(FHIRCondition.init)
        }
    }
}
