import Fluent

/// The times the 48-hour rules count from and are met by [42 CFR 484.55(a)(1), (d)(2)]: the date and time of an
/// assessment's visit, and the time of an episode move (transfer, return home). Existing rows keep none: the clock then
/// reads the signature (assessments) or counts calendar days (moves), as before.
struct UpdateClockAddVisitAndEventTimes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AssessmentRecord.schema).field("visited_at", .datetime).update()
        try await database.schema(EpisodeEventRecord.schema).field("occurred_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EpisodeEventRecord.schema).deleteField("occurred_at").update()
        try await database.schema(AssessmentRecord.schema).deleteField("visited_at").update()
    }
}
