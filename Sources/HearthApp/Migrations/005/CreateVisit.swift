import Fluent

struct CreateVisit: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(VisitRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("episode_id", .uuid, .references(EpisodeRecord.schema, "id", onDelete: .setNull))
            .field("clinician_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("discipline", .string, .required)
            .field("kind", .string, .required)
            .field("scheduled_on", .string, .required)
            .field("start_time", .string, .required)
            .field("minutes", .int, .required)
            .field("status", .string, .required)
            .field("note_json", .string, .required)
            .field("checked_in_at", .datetime)
            .field("checked_out_at", .datetime)
            .field("signed_at", .datetime)
            .field("missed_reason", .string)
            .field("physician_notified", .bool)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // A clinician's day, a patient's visits, and the supervisor's list of notes unsigned after check-out.
        try await database.createIndex("idx_visits_clinician_day", on: VisitRecord.schema, columns: ["clinician_id", "scheduled_on"])
        try await database.createIndex("idx_visits_patient_day", on: VisitRecord.schema, columns: ["patient_id", "scheduled_on"])
        try await database.createIndex("idx_visits_unsigned", on: VisitRecord.schema, columns: ["status", "signed_at", "checked_out_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(VisitRecord.schema).delete()
    }
}
