import Fluent

struct CreateComplianceDocument: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ComplianceDocument.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("episode_id", .uuid, .required, .references(EpisodeRecord.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("on_date", .string, .required)
            .field("note", .string)
            .field("recorded_by_id", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_compliance_documents_episode", on: ComplianceDocument.schema, columns: ["episode_id"])
        try await database.schema(ObligationWaiver.schema)
            .id()
            .field("episode_id", .uuid, .required, .references(EpisodeRecord.schema, "id", onDelete: .cascade))
            .field("obligation_key", .string, .required)
            .field("reason", .string, .required)
            .field("waived_by_id", .uuid, .required, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .unique(on: "episode_id", "obligation_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ObligationWaiver.schema).delete()
        try await database.schema(ComplianceDocument.schema).delete()
    }
}
