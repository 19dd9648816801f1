import Fluent

/// Avoidable days on a stay, with their reason and owner (issue 22).
struct CreateAvoidableDay: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AvoidableDayRecord.schema)
            .id()
            .field("stay_id", .uuid, .required, .references(HospitalStay.schema, "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("owner", .string, .required)
            .field("from_day", .string, .required)
            .field("through_day", .string)
            .field("note", .string)
            .field("recorded_by_name", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_avoidable_days_stay", on: AvoidableDayRecord.schema, columns: ["stay_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AvoidableDayRecord.schema).delete()
    }
}
