import Fluent

/// A user's single-use recovery codes, stored only hashed; a used one keeps its row with the time it was used.
struct CreateRecoveryCode: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RecoveryCode.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("used_at", .datetime)
            .create()
        try await database.createIndex("idx_recovery_codes_user", on: RecoveryCode.schema, columns: ["user_id", "code_hash"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RecoveryCode.schema).delete()
    }
}
