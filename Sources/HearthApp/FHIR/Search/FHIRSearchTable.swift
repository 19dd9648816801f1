import Foundation

/// Every resource type Hearth serves and the search parameters each answers (R4 names and meanings,
/// http://hl7.org/fhir/R4/searchparameter-registry.html). The search engine recognises only what is listed here and
/// the CapabilityStatement is built from it, so the two cannot disagree.
enum FHIRSearchTable {
    typealias P = FHIRSearchParameter

    /// `patient` and `subject` choose the patient whose record is searched; `patient.identifier` finds that patient
    /// by another system's identifier.
    static func patientParameters(_ path: String, subject: Bool = true) -> [P] {
        [P("patient", .reference, [path])] + (subject ? [P("subject", .reference, [path])] : []) + [.own("patient.identifier", .token)]
    }

    static let all: [FHIRSearchableType] = [
        FHIRSearchableType(type: "Patient", interactions: ["read", "vread", "history-instance", "history-type", "search-type", "create", "update"], parameters: [
            .own("name", .string, modifiers: ["exact", "contains"]), .own("family", .string, sortable: true, modifiers: ["exact", "contains"]),
            .own("given", .string, sortable: true, modifiers: ["exact", "contains"]),
            .own("identifier", .token), .own("birthdate", .date, sortable: true), .own("gender", .token),
        ], patientScoped: false, conditionalCreate: true, conditionalUpdate: true, versioned: true, operations: [.everything, .patientExport]),
        FHIRSearchableType(type: "EpisodeOfCare", parameters: patientParameters("patient", subject: false) + [
            .token("status", "status"), .date("date", "period"),
        ]),
        FHIRSearchableType(type: "CareTeam", parameters: patientParameters("subject") + [.token("status", "status")]),
        FHIRSearchableType(type: "Coverage", interactions: ["read", "search-type", "create", "update"], parameters: [
            P("patient", .reference, ["beneficiary"]), P("beneficiary", .reference, ["beneficiary"]), .own("patient.identifier", .token),
            .token("status", "status"), .reference("payor", "payor"),
        ], conditionalUpdate: true, versionedUpdate: true),
        FHIRSearchableType(type: "Appointment", parameters: [P("patient", .reference, ["participant.actor"]), .own("patient.identifier", .token),
                                                              .token("status", "status"), .date("date", "start")]),
        // A visit by its own id; a hospital stay as `stay-<id>`, which hospital staff search without a patient.
        FHIRSearchableType(type: "Encounter", parameters: patientParameters("subject") + [
            .token("status", "status"), .token("class", "class"), .date("date", "period"), .reference("appointment", "appointment"),
        ], includes: ["Encounter:patient", "Encounter:appointment"], revIncludes: ["Observation:encounter"]),
        FHIRSearchableType(type: "Observation", interactions: ["read", "search-type", "create", "update"], parameters: patientParameters("subject") + [
            .token("status", "status"), .token("code", "code"), .token("category", "category"), .date("date", "effectiveDateTime"),
            .reference("encounter", "encounter"),
        ], includes: ["Observation:encounter", "Observation:patient"], conditionalUpdate: true, versionedUpdate: true),
        FHIRSearchableType(type: "MedicationStatement", interactions: ["read", "search-type", "create"], parameters: patientParameters("subject") + [
            .token("status", "status"), .token("code", "medicationCodeableConcept"), .date("effective", "effectivePeriod"),
        ], includes: ["MedicationStatement:patient"]),
        // An incoming medication list: each one waits in the case manager's reconciliation (202), never read back as itself.
        FHIRSearchableType(type: "MedicationRequest", interactions: ["create"], parameters: []),
        FHIRSearchableType(type: "MedicationAdministration", parameters: patientParameters("subject") + [
            .token("status", "status"), .token("code", "medicationCodeableConcept"), .date("effective-time", "effectiveDateTime"),
        ]),
        FHIRSearchableType(type: "AllergyIntolerance", interactions: ["read", "search-type", "create", "update"], parameters: patientParameters("patient", subject: false) + [
            .token("clinical-status", "clinicalStatus"), .token("criticality", "criticality"),
            // The substance: Hearth keeps its name as text, so `code:text=penicillin` is how a partner finds an allergy.
            P("code", .token, ["code"], modifiers: ["not", "text"]),
        ], conditionalUpdate: true, versionedUpdate: true),
        FHIRSearchableType(type: "Condition", interactions: ["read", "search-type", "create", "update"], parameters: patientParameters("subject") + [
            .token("clinical-status", "clinicalStatus"), .token("code", "code"), .token("category", "category"),
            .date("onset-date", "onsetDateTime"), .date("abatement-date", "abatementDateTime"),
        ], includes: ["Condition:patient"], conditionalUpdate: true, versionedUpdate: true),
        FHIRSearchableType(type: "QuestionnaireResponse", parameters: patientParameters("subject") + [
            .token("status", "status"), .date("authored", "authored"), P("questionnaire", .uri, ["questionnaire"]),
        ]),
        FHIRSearchableType(type: "CarePlan", parameters: patientParameters("subject") + [.token("status", "status"), .date("date", "period")],
                           includes: ["CarePlan:goal"]),
        FHIRSearchableType(type: "Goal", parameters: patientParameters("subject") + [.token("lifecycle-status", "lifecycleStatus")]),
        FHIRSearchableType(type: "ServiceRequest", parameters: patientParameters("subject") + [
            .token("status", "status"), .date("authored", "authoredOn"),
        ], revIncludes: ["Task:focus"]),
        // A referral's sender finds its Tasks without a patient: `requester=Practitioner/<its own id>` or `_id=inbound-<id>`.
        // The sender cancels its referral with `PUT Task/inbound-<id>` (status cancelled).
        FHIRSearchableType(type: "Task", interactions: ["read", "search-type", "update"], parameters: patientParameters("for") + [
            .token("status", "status"), .date("authored-on", "authoredOn"), .date("modified", "lastModified"), .reference("focus", "focus"),
            .reference("requester", "requester"),
        ], includes: ["Task:focus"]),
        // Hospital staff search their stays' records without a patient: `encounter=Encounter/stay-<id>` narrows to one stay.
        FHIRSearchableType(type: "Communication", parameters: patientParameters("subject") + [
            .token("status", "status"), .token("category", "category"), .date("sent", "sent"), .reference("encounter", "encounter"),
        ]),
        FHIRSearchableType(type: "DocumentReference", parameters: patientParameters("subject") + [
            .token("status", "status"), .date("date", "date"), .reference("encounter", "context.encounter"),
        ]),
        FHIRSearchableType(type: "Questionnaire", parameters: [.own("url", .uri), .own("version", .token)], patientScoped: false),
        FHIRSearchableType(type: "Organization", interactions: ["read", "search-type", "create", "update"], parameters: [.own("name", .string, modifiers: ["contains"]), .own("type", .token)],
                           patientScoped: false, versionedUpdate: true),
        FHIRSearchableType(type: "HealthcareService", parameters: [
            .own("name", .string, modifiers: ["contains"]), .own("service-category", .token), .own("active", .token), .own("location", .reference),
            .own("organization", .reference),
        ], patientScoped: false),
        FHIRSearchableType(type: "Location", parameters: [.own("name", .string, modifiers: ["contains"]), .own("address-postalcode", .string), .own("organization", .reference)],
                           patientScoped: false),
        FHIRSearchableType(type: "Practitioner", interactions: ["read", "create", "update"], parameters: [], patientScoped: false,
                           conditionalCreate: true, conditionalUpdate: true, versionedUpdate: true),
        FHIRSearchableType(type: "PractitionerRole", interactions: ["read"], parameters: [], patientScoped: false),
        // A caseload (`caseload-<case manager id>`) or a payer's members (`payer-<organization id>`), to export.
        FHIRSearchableType(type: "Group", parameters: [.string("name", "name"), .token("type", "type"), .token("actual", "actual")], patientScoped: false,
                           operations: [.groupExport]),
        // The audit trail, to those who keep it; the parameters are answered in SQL (`FHIRAuditEventResource`).
        FHIRSearchableType(type: "AuditEvent", parameters: [
            .own("patient", .reference), .own("agent", .reference), .own("date", .date), .own("action", .token), .own("subtype", .token),
            .own("outcome", .token),
        ], patientScoped: false),
    ]

    /// Operations on the whole system (`GET /fhir/$export`).
    static let systemOperations: [FHIROperation] = [.systemExport]

    static func type(_ name: String) -> FHIRSearchableType? { all.first { $0.type == name } }
}
