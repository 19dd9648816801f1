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
            .field("document", .string, .required)
            .field("document_hash", .string, .required)
            .field("care_plan_version_id", .uuid, .references(CarePlanVersionRecord.schema, "id"))
            .field("sent_by_id", .uuid, .references(User.schema, "id"))
            .field("sent_at", .datetime, .required)
            .field("taken_by_id", .uuid, .references(User.schema, "id"))
            .field("read_back_by", .string)
            .field("received_at", .datetime)
            .field("signed_at", .datetime)
            .field("signature_manifest", .string)
            .field("rejected_at", .datetime)
            .field("rejection_comment", .string)
            .field("revises_id", .uuid, .references(PhysicianOrderRecord.schema, "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // A physician's inbox and the aging report: unsigned orders by physician, oldest first.
        try await database.createIndex("idx_orders_physician", on: PhysicianOrderRecord.schema, columns: ["physician_id", "status", "sent_at"])
        try await database.createIndex("idx_orders_status", on: PhysicianOrderRecord.schema, columns: ["status", "sent_at"])
        try await database.createIndex("idx_orders_patient", on: PhysicianOrderRecord.schema, columns: ["patient_id", "sent_at"])
        try await database.createIndex("idx_orders_episode", on: PhysicianOrderRecord.schema, columns: ["episode_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PhysicianOrderRecord.schema).delete()
    }
}
