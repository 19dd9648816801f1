import Fluent

/// Each aide's in-service training (the day, minutes, topic) toward 12 hours in each 12-month period [42 CFR 484.80(d)];
/// read by aide (issue 18).
struct CreateAideInServiceTraining: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(InServiceTrainingRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("taken_on", .string, .required)
            .field("minutes", .int, .required)
            .field("topic", .string, .required)
            .field("recorded_by_id", .uuid, .references(User.schema, "id"))
            .field("recorded_at", .datetime)
            .create()
        try await database.createIndex("idx_in_service_user", on: InServiceTrainingRecord.schema, columns: ["user_id", "taken_on"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InServiceTrainingRecord.schema).delete()
    }
}
