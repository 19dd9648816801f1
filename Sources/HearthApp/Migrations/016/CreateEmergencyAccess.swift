import Fluent

/// Break-the-glass accesses: looked up by user and patient on every request the access allows, and listed for review
/// newest first.
struct CreateEmergencyAccess: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EmergencyAccessRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id"))
            .field("reason", .string, .required)
            .field("started_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("ended_at", .datetime)
            .field("reviewed_by_id", .uuid, .references(User.schema, "id"))
            .field("reviewed_at", .datetime)
            .field("review_note", .string)
            .create()
        try await database.createIndex("idx_emergency_accesses_user_patient", on: EmergencyAccessRecord.schema, columns: ["user_id", "patient_id", "ends_at"])
        try await database.createIndex("idx_emergency_accesses_started", on: EmergencyAccessRecord.schema, columns: ["started_at", "id"])
        try await database.createIndex("idx_emergency_accesses_patient", on: EmergencyAccessRecord.schema, columns: ["patient_id", "started_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EmergencyAccessRecord.schema).delete()
    }
}
