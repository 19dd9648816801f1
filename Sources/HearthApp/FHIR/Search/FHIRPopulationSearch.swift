import Fluent
import Foundation
import Vapor

extension FHIRSearchRequest {
    /// Whether the search names the patient whose record it searches.
    var namesPatient: Bool {
        ["patient", "subject", "beneficiary", "for", "patient.identifier"].contains { criterion($0) != nil }
    }
}

/// A SMART backend client's search of a clinical type without `patient=`: across every patient its user may read
/// (`PatientAccess.visiblePatients`, e.g. a payer's members), matched and paged like a one-patient search. Each patient
/// whose records the page shows is audited as read; `$export` is the way to more than `populationLimit` patients.
extension FHIRController {
    static let populationLimit = 1_000

    func searchAcrossPatients(_ search: FHIRSearchRequest, audit action: String, req: Request,
                              fetch: (Patient) async throws -> [FHIRServed]) async throws -> Response {
        let patients = try await PatientAccess.visiblePatients(for: try req.currentUser, on: req.db).sort(\.$id).limit(Self.populationLimit + 1).all()
        guard patients.count <= Self.populationLimit else {
            throw AppError.badRequest("This search spans more than \(Self.populationLimit) patients: name one with patient=<id>, or use GET /fhir/Patient/$export.")
        }
        var owners: [String: Patient] = [:]
        var resources: [FHIRServed] = []
        for patient in patients {
            for resource in try await fetch(patient) {
                owners["\(resource.type)/\(resource.id)"] = patient
                resources.append(resource)
            }
        }
        let (response, page, included) = try await search.answer(resources, req: req) { key, reverse, page in
            var found: [FHIRServed] = []
            for (_, shown) in Dictionary(grouping: page, by: { owners["\($0.type)/\($0.id)"]?.id }) {
                guard let patient = shown.first.flatMap({ owners["\($0.type)/\($0.id)"] }) else { continue }
                found += try await self.included(key, reverse: reverse, page: shown, patient: patient, req: req)
            }
            return found
        }
        for (patientID, shown) in Dictionary(grouping: page, by: { owners["\($0.type)/\($0.id)"]?.id }) {
            try await req.auditRead(action, patientID: patientID, detail: "FHIR search across patients, \(shown.count) results" + (included > 0 ? ", with includes" : ""))
        }
        return response
    }
}
