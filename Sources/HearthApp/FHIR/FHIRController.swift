import Fluent
import Foundation
import HearthCore
import Vapor

/// The FHIR R4 REST API. Same access policy and audit trail as the web pages.
struct FHIRController {
    static let maxCount = 100

    func metadata(req: Request) throws -> Response {
        try .fhir(CapabilityStatement(date: req.now.fhirInstant, security: SMARTSecurity(origin: req.publicOrigin, cors: !req.application.settings.corsOrigins.isEmpty)))
    }

    func readPatient(req: Request) async throws -> Response {
        let patient = try await req.patient(.read, parameter: "id")
        let id = try patient.requireID()
        try await req.auditRead("patient.read", patientID: id, resourceType: "Patient", resourceID: id.uuidString, detail: "FHIR")
        return try req.fhirRead(try await FHIRPatientStore.resource(patient, on: req.db))
    }
}
