import Fluent

struct CreateRecordChange: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RecordChange.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("field", .string, .required)
            .field("old_value", .string)
            .field("new_value", .string)
            .field("changed_by_id", .uuid, .references(User.schema, "id"))
            .field("changed_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_record_changes_patient", on: RecordChange.schema, columns: ["patient_id", "changed_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RecordChange.schema).delete()
    }
}
