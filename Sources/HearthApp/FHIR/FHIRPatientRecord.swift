import Fluent
import Foundation
import HearthCore
import Vapor

/// A patient's whole record as FHIR resources, one type at a time: what `Patient/$everything` and bulk `$export` serve
/// and what `_include` reaches. The caller has authorized the read of the patient already.
extension FHIRController {
    /// The resource types of a patient's record Hearth keeps, in the order `$everything` and `$export` give them.
    static let recordTypes = [
        "Patient", "Coverage", "EpisodeOfCare", "CareTeam", "Condition", "AllergyIntolerance", "MedicationStatement",
        "MedicationAdministration", "CarePlan", "Goal", "ServiceRequest", "Task", "Appointment", "Encounter", "Observation",
        "QuestionnaireResponse", "Communication",
    ]

    /// The record types `patientRecords` does not build itself.
    func chartRecords(_ type: String, of patient: Patient, req: Request) async throws -> [FHIRServed] {
        let patientID = try patient.requireID()
        switch type {
        case "Coverage":
            return try await Coverage.query(on: req.db).filter(\.$patient.$id == patientID).sort(\.$order).sort(\.$id).all().map { try FHIRServed(FHIRCoverage($0)) }
        case "EpisodeOfCare":
            var served: [FHIRServed] = []
            for record in try await EpisodeRecord.query(on: req.db).filter(\.$patient.$id == patientID).sort(\.$referralDate, .descending).sort(\.$id).all() {
                served.append(try FHIRServed(try await resource(record, patient: patient, on: req.db)))
            }
            return served
        case "CareTeam":
            return [try FHIRServed(try await careTeam(of: patient, on: req.db))]
        case "Condition":
            return try await Diagnosis.query(on: req.db).filter(\.$patient.$id == patientID).sort(\.$rank).sort(\.$createdAt).sort(\.$id).all()
                .map { try FHIRServed(FHIRCondition($0)) }
        case "AllergyIntolerance":
            return try await Allergy.query(on: req.db).filter(\.$patient.$id == patientID).sort(\.$substance).sort(\.$id).all().map { try FHIRServed(FHIRAllergyIntolerance($0)) }
        case "MedicationStatement":
            let today = req.agencyToday
            return try await MedicationStore.profile(of: patientID, on: req.db).map { try FHIRServed(FHIRMedicationStatement($0.0, $0.1, today: today)) }
        case "MedicationAdministration":
            let zone = req.application.settings.agencyTimeZone
            let rows = try await MedicationAdministrationRecord.query(on: req.db).filter(\.$patient.$id == patientID)
                .with(\.$medication).with(\.$recordedBy).all()
            return try FHIRMedicationAdministration.newestFirst(rows, zone: zone)
                .map { try FHIRServed(FHIRMedicationAdministration($0, medication: try MedicationStore.decode($0.medication), zone: zone)) }
        case "CarePlan":
            return try await carePlans(of: patient, on: req).map { try FHIRServed(FHIRCarePlan(record: $0.0, content: $0.1, period: $0.2, open: $0.3), lastUpdated: $0.0.updatedAt) }
        case "QuestionnaireResponse":
            return try await AssessmentRecord.query(on: req.db).filter(\.$patient.$id == patientID)
                .sort(\.$assessedOn, .descending).sort(\.$createdAt, .descending).sort(\.$id).all()
                .map { try FHIRServed(FHIRQuestionnaireResponse($0, instrument: AssessmentStore.instrument(of: $0, in: req.application.instruments)), lastUpdated: $0.updatedAt) }
        case "Communication":
            return try await CommunicationRecord.query(on: req.db).filter(\.$patient.$id == patientID).with(\.$recordedBy)
                .sort(\.$occurredAt, .descending).sort(\.$id).all().map { try FHIRServed(FHIRCommunication($0)) }
        default:
            return []
        }
    }

    /// The patient's record of `types` (all of `recordTypes` when nil), leaving out what changed before `since`; a
    /// resource whose last change Hearth does not record is always kept, so `_since` never hides a change.
    func wholeRecord(of patient: Patient, types: [String]?, since: Date?, req: Request) async throws -> [FHIRServed] {
        var served: [FHIRServed] = []
        for type in types ?? Self.recordTypes {
            served += try await patientRecords(type, of: patient, req: req).filter { resource in
                guard let since, let changed = resource.lastUpdated else { return true }
                return changed >= since
            }
        }
        return served
    }
}

/// `_type` and `_since` as `$everything` and `$export` read them (FHIR R4 Patient/$everything; Bulk Data Access IG
/// "Query Parameters").
struct FHIRRecordFilter: Sendable {
    var types: [String]?
    var since: Date?

    init(types: String?, since: String?, zone: TimeZone) throws {
        if let types, !types.isEmpty {
            let named = types.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            let unknown = named.filter { !FHIRController.recordTypes.contains($0) }
            guard unknown.isEmpty else {
                throw AppError.badRequest("_type names a type Hearth does not keep in a patient's record: \(unknown.prefix(3).map { String($0.prefix(40)) }.joined(separator: ", ")). Types: \(FHIRController.recordTypes.joined(separator: ", ")).")
            }
            self.types = FHIRController.recordTypes.filter(named.contains)
        }
        if let since, !since.isEmpty {
            guard since.contains("T"), let instant = FHIRDateRange(since, zone: zone) else {
                throw AppError.badRequest("_since must be a FHIR instant, e.g. 2026-01-01T00:00:00Z.")
            }
            self.since = instant.low
        }
    }
}
