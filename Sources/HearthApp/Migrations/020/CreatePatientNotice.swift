import Fluent

/// Notices delivered to the patient before a planned change (484.50(d) notice, NOMNC, HHABN): who delivered it, when,
/// signed or refused; read by episode.
struct CreatePatientNotice: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PatientNoticeRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id"))
            .field("episode_id", .uuid, .required, .references(EpisodeRecord.schema, "id"))
            .field("care_event_id", .uuid, .required, .references(CareEventRecord.schema, "id"))
            .field("kind", .string, .required)
            .field("delivered_on", .string, .required)
            .field("delivered_by", .string, .required)
            .field("response", .string, .required)
            .field("recorded_by_id", .uuid, .references(User.schema, "id"))
            .field("recorded_at", .datetime)
            .create()
        try await database.createIndex("idx_patient_notices_episode", on: PatientNoticeRecord.schema, columns: ["episode_id", "recorded_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PatientNoticeRecord.schema).delete()
    }
}
