import Fluent

struct CreateObligation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ObligationRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("episode_id", .uuid, .required, .references(EpisodeRecord.schema, "id", onDelete: .cascade))
            .field("obligation_key", .string, .required)
            .field("rule_id", .string, .required)
            .field("title", .string, .required)
            .field("citation", .string, .required)
            .field("opens_at", .datetime, .required)
            .field("due_at", .datetime, .required)
            .field("due_day", .string, .required)
            .field("outstanding", .bool, .required)
            .field("state", .string, .required)
            .field("met_by", .string)
            .field("computed_at", .datetime, .required)
            .unique(on: "episode_id", "obligation_key")
            .create()
        // The compliance page: outstanding obligations by due time, optionally of one rule.
        try await database.createIndex("idx_obligations_outstanding_due", on: ObligationRecord.schema, columns: ["outstanding", "due_at"])
        try await database.createIndex("idx_obligations_rule_due", on: ObligationRecord.schema, columns: ["rule_id", "outstanding", "due_at"])
        try await database.createIndex("idx_obligations_patient", on: ObligationRecord.schema, columns: ["patient_id", "outstanding"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ObligationRecord.schema).delete()
    }
}
