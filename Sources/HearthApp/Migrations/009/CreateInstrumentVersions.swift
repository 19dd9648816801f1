import Fluent

struct CreateInstrumentVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(InstalledInstrumentVersion.schema)
            .id()
            .field("instrument_id", .string, .required)
            .field("version", .string, .required)
            .field("fingerprint", .string, .required)
            .field("installed_at", .datetime, .required)
            .unique(on: "instrument_id", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InstalledInstrumentVersion.schema).delete()
    }
}
