import Fluent

/// The field team a staff member works in ("East", "Pediatrics"): a supervisor plans one team's day at a time.
struct UpdateStaffProfileAddTeam: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StaffProfileRecord.schema).field("team", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StaffProfileRecord.schema).deleteField("team").update()
    }
}
