import Fluent

/// Access tokens granted to clients, found by hash on every request they make.
struct CreateOAuthAccessToken: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OAuthAccessToken.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("client_id", .uuid, .required, .references(OAuthClient.schema, "id"))
            .field("scope", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await database.createIndex("idx_oauth_access_tokens_client", on: OAuthAccessToken.schema, columns: ["client_id", "expires_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OAuthAccessToken.schema).delete()
    }
}
