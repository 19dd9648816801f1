import Fluent

struct CreateAuditEvent: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema)
            .id()
            .field("seq", .int64)
            .field("occurred_at_ms", .int64, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("outcome", .string, .required)
            .field("patient_id", .uuid)
            .field("resource_type", .string)
            .field("resource_id", .string)
            .field("source_ip", .string)
            .field("request_id", .string)
            .field("detail", .string)
            .field("prev_hash", .string)
            .field("hash", .string)
            .unique(on: "seq")
            .create()
        try await database.createIndex("idx_audit_events_occurred", on: AuditEvent.schema, columns: ["occurred_at_ms"])
        try await database.createIndex("idx_audit_events_patient", on: AuditEvent.schema, columns: ["patient_id", "occurred_at_ms"])
        try await database.createIndex("idx_audit_events_actor", on: AuditEvent.schema, columns: ["actor_id", "occurred_at_ms"])
        try await database.schema(AuditChainHead.schema)
            .id()
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditChainHead.schema).delete()
        try await database.schema(AuditEvent.schema).delete()
    }
}
