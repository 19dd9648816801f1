import Fluent

/// The staff clock at scale: aides found by discipline, and supervisory visits by kind, through indexes (no scans).
struct UpdateIndexesForStaffClock: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.createIndex("idx_staff_profiles_discipline", on: StaffProfileRecord.schema, columns: ["discipline", "user_id"])
        try await database.createIndex("idx_visits_kind_status", on: VisitRecord.schema, columns: ["kind", "status", "scheduled_on"])
    }

    func revert(on database: any Database) async throws {
        try await database.dropIndex("idx_visits_kind_status")
        try await database.dropIndex("idx_staff_profiles_discipline")
    }
}
