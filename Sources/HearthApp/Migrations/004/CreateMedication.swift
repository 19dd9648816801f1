import Fluent

struct CreateMedication: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MedicationRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("rxnorm", .string)
            .field("high_alert", .string)
            .field("administered_by", .string, .required)
            .field("start_on", .string, .required)
            .field("stop_on", .string)
            .field("refill_due_on", .string)
            .field("runs_out_on", .string)
            .field("medication_json", .string, .required)
            .field("created_by_id", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // The profile of one patient, and the caseload's refill flags for a page of patients.
        try await database.createIndex("idx_medications_patient", on: MedicationRecord.schema, columns: ["patient_id", "stop_on"])
        try await database.createIndex("idx_medications_refill", on: MedicationRecord.schema, columns: ["patient_id", "refill_due_on"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MedicationRecord.schema).delete()
    }
}
