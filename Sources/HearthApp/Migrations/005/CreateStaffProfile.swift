import Fluent

/// Staff profiles and credentials: who may make which visit, where they start the day, and what expires when.
struct CreateStaffProfile: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StaffProfileRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("discipline", .string, .required)
            .field("home_address", .string)
            .field("home_lat", .double)
            .field("home_lon", .double)
            .field("working_hours", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "user_id")
            .create()
        try await database.schema(CredentialRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("type", .string, .required)
            .field("state", .string)
            .field("number", .string, .required)
            .field("issued_on", .string)
            .field("expires_on", .string)
            .field("recorded_by_id", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .create()
        // Expiry alerts across the agency read credentials by expiry date.
        try await database.createIndex("idx_credentials_expiry", on: CredentialRecord.schema, columns: ["expires_on"])
        try await database.createIndex("idx_credentials_user", on: CredentialRecord.schema, columns: ["user_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CredentialRecord.schema).delete()
        try await database.schema(StaffProfileRecord.schema).delete()
    }
}
