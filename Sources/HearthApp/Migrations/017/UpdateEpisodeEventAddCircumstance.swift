import Fluent

/// What else the regulatory clock must know about a move: a discharge that was a death at home (the death-at-home OASIS
/// replaces the discharge assessment), a transfer for diagnostic tests only (no transfer OASIS, no resumption).
struct UpdateEpisodeEventAddCircumstance: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EpisodeEventRecord.schema).field("circumstance", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EpisodeEventRecord.schema).deleteField("circumstance").update()
    }
}
