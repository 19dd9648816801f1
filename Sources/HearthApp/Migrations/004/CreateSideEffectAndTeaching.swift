import Fluent

/// Side effects reported at visits, and teaching records (medication teaching now; every topic later).
struct CreateSideEffectAndTeaching: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SideEffectRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("medication_id", .uuid, .references(MedicationRecord.schema, "id", onDelete: .setNull))
            .field("symptom", .string, .required)
            .field("severity", .string, .required)
            .field("reported_on", .string, .required)
            .field("action_taken", .string)
            .field("recorded_by_id", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_side_effects_patient", on: SideEffectRecord.schema, columns: ["patient_id", "reported_on"])
        try await database.schema(TeachingLog.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("medication_id", .uuid, .references(MedicationRecord.schema, "id", onDelete: .setNull))
            .field("topic", .string, .required)
            .field("learner", .string, .required)
            .field("method", .string, .required)
            .field("result", .string, .required)
            .field("material", .string)
            .field("note", .string)
            .field("taught_on", .string, .required)
            .field("recorded_by_id", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_teaching_patient", on: TeachingLog.schema, columns: ["patient_id", "taught_on"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TeachingLog.schema).delete()
        try await database.schema(SideEffectRecord.schema).delete()
    }
}
