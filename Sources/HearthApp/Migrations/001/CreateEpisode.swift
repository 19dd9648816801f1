import Fluent

struct CreateEpisode: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EpisodeRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("referral_date", .string, .required)
            .field("start_of_care", .string)
            .field("certified_periods", .int, .required)
            .field("certified_through", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("idx_episodes_patient", on: EpisodeRecord.schema, columns: ["patient_id", "referral_date"])
        try await database.createIndex("idx_episodes_status_through", on: EpisodeRecord.schema, columns: ["status", "certified_through"])
        try await database.schema(EpisodeEventRecord.schema)
            .id()
            .field("episode_id", .uuid, .required, .references(EpisodeRecord.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("kind", .string, .required)
            .field("on_date", .string, .required)
            .field("reason", .string)
            .field("recorded_by_id", .uuid, .references(User.schema, "id"))
            .field("recorded_at", .datetime)
            .unique(on: "episode_id", "position")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EpisodeEventRecord.schema).delete()
        try await database.schema(EpisodeRecord.schema).delete()
    }
}
