import Fluent

/// The MAR and adherence checks: what was given, and how self-administered medicines are taken.
struct CreateMedicationAdministration: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MedicationAdministrationRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("medication_id", .uuid, .required, .references(MedicationRecord.schema, "id", onDelete: .cascade))
            .field("given_on", .string, .required)
            .field("slot", .string)
            .field("status", .string, .required)
            .field("reason", .string)
            .field("recorded_by_id", .uuid, .references(User.schema, "id"))
            .field("recorded_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_mar_patient_day", on: MedicationAdministrationRecord.schema, columns: ["patient_id", "given_on"])
        try await database.schema(AdherenceCheckRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("medication_id", .uuid, .required, .references(MedicationRecord.schema, "id", onDelete: .cascade))
            .field("checked_on", .string, .required)
            .field("result", .string, .required)
            .field("note", .string)
            .field("recorded_by_id", .uuid, .references(User.schema, "id"))
            .field("recorded_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_adherence_patient_day", on: AdherenceCheckRecord.schema, columns: ["patient_id", "checked_on"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AdherenceCheckRecord.schema).delete()
        try await database.schema(MedicationAdministrationRecord.schema).delete()
    }
}
