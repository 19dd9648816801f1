import Foundation

/// `/fhir/…`: the FHIR R4 API (http://hl7.org/fhir/R4/http.html). Which types answer search, and with what
/// parameters, is `FHIRSearchTable`; these are the addresses.
enum FHIRURL: Hashable, Sendable {
    /// `POST [base]`: a transaction or batch Bundle.
    case base
    case metadata
    /// SMART discovery below the FHIR base, where SMART clients also look ([base]/.well-known/…).
    case smartConfiguration
    /// `[base]/[type]`: search, create, conditional update.
    case type(FHIRType)
    /// `[base]/[type]/[id]`: read, update.
    case resource(FHIRType, String)
    /// `[base]/[type]/[id]/_history`
    case history(FHIRType, String)
    /// `[base]/[type]/[id]/_history/[vid]`
    case version(FHIRType, String, String)
    /// `[base]/[type]/_history`: type-level history.
    case typeHistory(FHIRType)
    /// `[base]/Patient/[id]/$everything`
    case everything(String)
    /// `[base]/$export`, `[base]/[type]/$export`, `[base]/[type]/[id]/$export`: bulk export kick-off.
    case export
    case typeExport(FHIRType)
    case instanceExport(FHIRType, String)
    /// A bulk export's status (GET polls, DELETE cancels) and one of its NDJSON files.
    case exportStatus(String)
    case exportFile(String)

    static func resource(_ type: FHIRType, id: UUID) -> FHIRURL { .resource(type, id.uuidString.lowercased()) }

    var segments: [URLSegment] {
        switch self {
        case .base: []
        case .metadata: ["metadata"]
        case .smartConfiguration: [".well-known", "smart-configuration"]
        case let .type(type): [.word(type.rawValue)]
        case let .resource(type, id): [.word(type.rawValue), .value(id, "id")]
        case let .history(type, id): [.word(type.rawValue), .value(id, "id"), "_history"]
        case let .version(type, id, version): [.word(type.rawValue), .value(id, "id"), "_history", .value(version, "version")]
        case let .typeHistory(type): [.word(type.rawValue), "_history"]
        case let .everything(id): ["Patient", .value(id, "id"), "$everything"]
        case .export: ["$export"]
        case let .typeExport(type): [.word(type.rawValue), "$export"]
        case let .instanceExport(type, id): [.word(type.rawValue), .value(id, "id"), "$export"]
        case let .exportStatus(job): ["$export-status", .value(job, "job")]
        case let .exportFile(file): ["$export-file", .value(file, "file")]
        }
    }
}

/// The FHIR resource types Hearth has an address for (http://hl7.org/fhir/R4/resourcelist.html).
enum FHIRType: String, CaseIterable, Hashable, Sendable {
    case AuditEvent, Group
    case AllergyIntolerance, Appointment, CarePlan, CareTeam, Communication, Condition, Coverage, DocumentReference, Encounter, EpisodeOfCare
    case Goal, HealthcareService, Location, MedicationAdministration, MedicationRequest, MedicationStatement, Observation, Organization
    case Patient, Practitioner, PractitionerRole, Questionnaire, QuestionnaireResponse, ServiceRequest, Task
}
