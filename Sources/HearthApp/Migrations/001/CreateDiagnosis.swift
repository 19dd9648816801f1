import Fluent

struct CreateDiagnosis: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Diagnosis.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("rank", .string, .required)
            .field("onset_date", .string)
            .field("resolved_date", .string)
            .field("recorded_by_id", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_diagnoses_patient", on: Diagnosis.schema, columns: ["patient_id", "rank"])
        try await database.createIndex("idx_diagnoses_code", on: Diagnosis.schema, columns: ["code"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Diagnosis.schema).delete()
    }
}
