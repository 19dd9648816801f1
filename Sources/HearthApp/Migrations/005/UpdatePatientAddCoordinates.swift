import Fluent

/// The coordinates of each patient's home: the day view estimates travel between visits from them.
struct UpdatePatientAddCoordinates: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
        try await database.schema(Patient.schema).field("latitude", .double).update()
        try await database.schema(Patient.schema).field("longitude", .double).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Patient.schema).deleteField("longitude").update()
        try await database.schema(Patient.schema).deleteField("latitude").update()
    }
}
