import Fluent

/// A visit fixed by hand (a time the family asked for, a nurse the patient asked for): planning the day keeps it.
struct UpdateVisitAddLocked: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(VisitRecord.schema).field("locked", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(VisitRecord.schema).deleteField("locked").update()
    }
}
