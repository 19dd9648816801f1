import Fluent

/// Planned discharges, planned reductions of care and significant changes in condition recorded on the chart: each starts
/// a notice or assessment deadline on the regulatory clock; read by episode.
struct CreateCareEvent: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CareEventRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id"))
            .field("episode_id", .uuid, .required, .references(EpisodeRecord.schema, "id"))
            .field("kind", .string, .required)
            .field("on_date", .string, .required)
            .field("detail", .string, .required)
            .field("exception", .string)
            .field("recorded_by_id", .uuid, .references(User.schema, "id"))
            .field("recorded_at", .datetime)
            .create()
        try await database.createIndex("idx_care_events_episode", on: CareEventRecord.schema, columns: ["episode_id", "recorded_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CareEventRecord.schema).delete()
    }
}
