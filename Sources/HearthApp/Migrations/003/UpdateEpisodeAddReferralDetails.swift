import Fluent

/// Where a referral came from, when it arrived, and the start-of-care date the physician ordered:
/// the initial-assessment deadline counts from these [42 CFR 484.55(a)(1)].
struct UpdateEpisodeAddReferralDetails: AsyncMigration {
    static let columns: [(String, DatabaseSchema.DataType)] = [
        ("referral_source", .string), ("referral_received_at", .datetime), ("ordered_start_of_care", .string),
    ]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
        for (name, type) in Self.columns {
            try await database.schema(EpisodeRecord.schema).field(.string(name), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (name, _) in Self.columns.reversed() {
            try await database.schema(EpisodeRecord.schema).deleteField(.string(name)).update()
        }
    }
}
