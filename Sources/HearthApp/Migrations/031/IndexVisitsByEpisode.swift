import Fluent

/// The chart, every visit note and every visit booked read an episode's visits (aide supervision, the 30-day periods'
/// LUPA counts): without an index on `episode_id` each read scanned every visit of the agency — half of the chart's time
/// at 20,000 patients (docs/PERFORMANCE.md, session 14).
struct IndexVisitsByEpisode: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.createIndex("idx_visits_episode", on: VisitRecord.schema, columns: ["episode_id", "status"])
    }

    func revert(on database: any Database) async throws {
        try await database.dropIndex("idx_visits_episode")
    }
}
