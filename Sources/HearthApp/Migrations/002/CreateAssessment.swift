import Fluent

struct CreateAssessment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AssessmentRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("episode_id", .uuid, .references(EpisodeRecord.schema, "id", onDelete: .setNull))
            .field("kind", .string, .required)
            .field("instrument_id", .string, .required)
            .field("instrument_version", .string, .required)
            .field("version", .int, .required)
            .field("amends_id", .uuid, .references(AssessmentRecord.schema, "id"))
            .field("amendment_reason", .string)
            .field("status", .string, .required)
            .field("answers", .string, .required)
            .field("assessed_on", .string, .required)
            .field("started_by_id", .uuid, .references(User.schema, "id"))
            .field("signed_by_id", .uuid, .references(User.schema, "id"))
            .field("signed_at", .datetime)
            .field("score_value", .double)
            .field("score_summary", .string)
            .field("findings", .string)
            .field("alerts", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // The chart's list and trends; the clock's records for an episode.
        try await database.createIndex("idx_assessments_patient", on: AssessmentRecord.schema, columns: ["patient_id", "instrument_id", "assessed_on"])
        try await database.createIndex("idx_assessments_episode", on: AssessmentRecord.schema, columns: ["episode_id", "status"])
        // Only one amendment of a signed version at a time: a second concurrent "amend" fails.
        try await database.createIndex("idx_assessments_amends", on: AssessmentRecord.schema, columns: ["amends_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AssessmentRecord.schema).delete()
    }
}
