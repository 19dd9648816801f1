import Fluent
import Foundation
import HearthCore
import Vapor

/// `Patient/<id>/$everything`, type-level `Patient/_history` and `Coverage/<id>`: reads of a patient's record, authorized
/// and audited like any read of it (issue 24).
extension FHIRController {
    /// `GET /fhir/Patient/<id>/$everything`: the patient's whole record Hearth keeps, paged (`_count`, `_offset`), narrowed by
    /// `_type` and `_since` (http://hl7.org/fhir/R4/patient-operation-everything.html). Audited once, as a read of the
    /// whole record.
    func everything(req: Request) async throws -> Response {
        let patient = try await req.patient(.read, parameter: "id")
        let patientID = try patient.requireID()
        let filter = try FHIRRecordFilter(types: req.query[String.self, at: "_type"], since: req.query[String.self, at: "_since"],
                                          zone: req.application.settings.agencyTimeZone)
        let paging = try FHIRPagedBundle(type: "searchset", address: .everything(patientID.uuidString.lowercased()), req: req, keep: ["_type", "_since"])
        let record = try await wholeRecord(of: patient, types: filter.types, since: filter.since, req: req)
        let page = paging.slice(record)
        try await req.auditRead("patient.everything", patientID: patientID, resourceType: "Patient", resourceID: patientID.uuidString,
                                detail: "FHIR $everything, \(page.count) of \(record.count) resources")
        return try paging.response(page, total: record.count, req: req)
    }

    /// `GET /fhir/Patient/_history`: the version in force of every patient the caller may read, most recently changed
    /// first, `_since` an instant. Hearth keeps the chart's changes as a history of fields, not whole earlier
    /// resources, so each patient appears once, at the version a read gives.
    func patientTypeHistory(req: Request) async throws -> Response {
        let filter = try FHIRRecordFilter(types: nil, since: req.query[String.self, at: "_since"], zone: req.application.settings.agencyTimeZone)
        let paging = try FHIRPagedBundle(type: "history", address: .typeHistory(.Patient), req: req, keep: ["_since"])
        let query = try await PatientAccess.visiblePatients(for: try req.currentUser, on: req.db)
        if let since = filter.since { query.filter(\.$updatedAt >= since) }
        let total = try await query.count()
        let patients = try await query.sort(\.$updatedAt, .descending).sort(\.$id).range(paging.offset..<(paging.offset + paging.count)).all()
        var page: [FHIRServed] = []
        for patient in patients {
            page.append(try FHIRServed(try await FHIRPatientStore.resource(patient, on: req.db)))
            try await req.auditRead("patient.read", patientID: patient.id, resourceType: "Patient", resourceID: patient.id?.uuidString, detail: "FHIR type history")
        }
        return try paging.response(page, total: total, req: req) { served, base in served.historyEntry(base: base) }
    }

    /// `GET /fhir/Coverage/<id>`: one payer of a patient's care, to whoever may read the patient (the payer's case
    /// manager reads her members' coverage).
    func readCoverage(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let coverage = try await Coverage.find(id, on: req.db) else { throw AppError.notFound() }
        let patient = try await PatientAccess.authorize(.read, patientID: coverage.$patient.id, on: req)
        try await req.auditRead("coverage.read", patientID: patient.id, resourceType: "Coverage", resourceID: id.uuidString, detail: "FHIR")
        return try req.fhirRead(try FHIRCoverage(coverage))
    }
}
