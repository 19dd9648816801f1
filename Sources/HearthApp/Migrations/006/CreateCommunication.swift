import Fluent

struct CreateCommunication: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CommunicationRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("direction", .string, .required)
            .field("party", .string, .required)
            .field("party_name", .string, .required)
            .field("subject", .string, .required)
            .field("summary", .string, .required)
            .field("occurred_at", .datetime, .required)
            .field("task_id", .uuid, .references(CareTask.schema, "id", onDelete: .setNull))
            .field("recorded_by_id", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_communications_patient", on: CommunicationRecord.schema, columns: ["patient_id", "occurred_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CommunicationRecord.schema).delete()
    }
}
