import Fluent

/// Each client assertion's `jti`, unique per client, so a replayed assertion is refused even by a second instance.
struct CreateOAuthAssertionUse: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OAuthAssertionUse.schema)
            .id()
            .field("client_id", .uuid, .required, .references(OAuthClient.schema, "id"))
            .field("jti", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "client_id", "jti")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OAuthAssertionUse.schema).delete()
    }
}
