import Fluent

/// Other systems' identifiers for a patient (a hospital's MRN, a payer's member number), kept beside Hearth's own MRN.
/// One system's value names one patient: the unique key makes a conditional create by identifier safe to retry.
struct CreatePatientIdentifier: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PatientIdentifier.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("system", .string, .required)
            .field("value", .string, .required)
            .field("use", .string)
            .field("type_json", .string)
            .field("position", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "system", "value")
            .create()
        try await database.createIndex("idx_patient_identifiers_patient", on: PatientIdentifier.schema, columns: ["patient_id", "position"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PatientIdentifier.schema).delete()
    }
}
