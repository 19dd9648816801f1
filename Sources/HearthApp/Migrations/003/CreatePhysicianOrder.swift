import Fluent

struct CreatePhysicianOrder: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PhysicianOrderRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("episode_id", .uuid, .references(EpisodeRecord.schema, "id", onDelete: .setNull))
            .field("physician_id", .uuid, .required, .references(User.schema, "id"))
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("summary", .string, .required)
            .field("order_json", .string, .required)
            .field("period_number", .int)
            .field("care_plan_version_id", .uuid, .references(CarePlanVersionRecord.schema, "id"))
            .field("created_by_id", .uuid, .references(User.schema, "id"))
            .field("sent_at", .datetime)
            .field("signed_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // A physician's inbox and the aging report: unsigned orders by physician, oldest first.
        try await database.createIndex("idx_orders_physician", on: PhysicianOrderRecord.schema, columns: ["physician_id", "status", "sent_at"])
        try await database.createIndex("idx_orders_status", on: PhysicianOrderRecord.schema, columns: ["status", "sent_at"])
        try await database.createIndex("idx_orders_patient", on: PhysicianOrderRecord.schema, columns: ["patient_id", "created_at"])
        try await database.createIndex("idx_orders_episode", on: PhysicianOrderRecord.schema, columns: ["episode_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PhysicianOrderRecord.schema).delete()
    }
}
