import Fluent

struct CreateCarePlan: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CarePlanRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("episode_id", .uuid, .required, .references(EpisodeRecord.schema, "id", onDelete: .cascade))
            .field("current_version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            // One plan per episode.
            .unique(on: "episode_id")
            .create()
        try await database.createIndex("idx_care_plans_patient", on: CarePlanRecord.schema, columns: ["patient_id"])
        try await database.schema(CarePlanVersionRecord.schema)
            .id()
            .field("care_plan_id", .uuid, .required, .references(CarePlanRecord.schema, "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("content", .string, .required)
            .field("details", .string, .required)
            .field("change_summary", .string, .required)
            .field("created_by_id", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime)
            // Two people saving at once cannot both make version N.
            .unique(on: "care_plan_id", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CarePlanVersionRecord.schema).delete()
        try await database.schema(CarePlanRecord.schema).delete()
    }
}
