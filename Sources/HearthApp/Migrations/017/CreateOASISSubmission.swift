import Fluent

/// Each transmission of an OASIS assessment to CMS as the agency recorded it (submitted, accepted, rejected with the
/// reason) [42 CFR 484.45(a)]; read by assessment for the clock and by status for the compliance page.
struct CreateOASISSubmission: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OASISSubmissionRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id"))
            .field("episode_id", .uuid, .required, .references(EpisodeRecord.schema, "id"))
            .field("assessment_id", .uuid, .required, .references(AssessmentRecord.schema, "id"))
            .field("status", .string, .required)
            .field("on_date", .string, .required)
            .field("reason", .string)
            .field("recorded_by_id", .uuid, .references(User.schema, "id"))
            .field("recorded_at", .datetime)
            .create()
        try await database.createIndex("idx_oasis_submissions_episode", on: OASISSubmissionRecord.schema, columns: ["episode_id", "recorded_at"])
        try await database.createIndex("idx_oasis_submissions_assessment", on: OASISSubmissionRecord.schema, columns: ["assessment_id", "recorded_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OASISSubmissionRecord.schema).delete()
    }
}
