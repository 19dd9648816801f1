import Fluent

/// SMART Backend Services clients, registered by an administrator (issue 24).
struct CreateOAuthClient: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OAuthClient.schema)
            .id()
            .field("name", .string, .required)
            .field("jwks", .string, .required)
            .field("scopes", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OAuthClient.schema).delete()
    }
}
