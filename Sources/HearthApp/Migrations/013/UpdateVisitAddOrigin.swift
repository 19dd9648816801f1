import Fluent

/// How a visit came onto the calendar: `care-plan` when scheduling from the care plan booked it, empty when a scheduler
/// booked or moved it by hand. Scheduling the plan again may cancel only its own bookings, never a scheduler's.
struct UpdateVisitAddOrigin: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(VisitRecord.schema).field("origin", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(VisitRecord.schema).deleteField("origin").update()
    }
}
