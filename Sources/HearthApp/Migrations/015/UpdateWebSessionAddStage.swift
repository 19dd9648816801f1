import Fluent

/// A session's sign-in stage: waiting for the second step's code, or for an authenticator to be set up; empty once
/// signed in (and on every session from before two-step sign-in).
struct UpdateWebSessionAddStage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WebSession.schema).field("stage", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WebSession.schema).deleteField("stage").update()
    }
}
