import Fluent

/// The physician-ordered resumption date of a return home, `YYYY-MM-DD`, when given: the resumption assessment is then
/// due on that day [42 CFR 484.55(d)(2)].
struct UpdateEpisodeEventAddOrderedDate: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EpisodeEventRecord.schema).field("ordered_on", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EpisodeEventRecord.schema).deleteField("ordered_on").update()
    }
}
