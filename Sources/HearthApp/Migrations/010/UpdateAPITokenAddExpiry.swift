import Fluent

/// Bearer tokens expire (45 CFR 164.308(a)(4)): older tokens, without a date, end 90 days after they were made.
struct UpdateAPITokenAddExpiry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(APIToken.schema).field("expires_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APIToken.schema).deleteField("expires_at").update()
    }
}
