import Fluent

/// Indexes for the supervisor's pages at 100,000 patients (docs/PERFORMANCE.md, session 6):
/// - aides found by discipline, and supervisory visits by kind, without reading either table whole;
/// - the compliance list's order (due time, then id) read straight from the index: every deadline of a day is due at
///   the same instant, and sorting those ties took 25 ms a page.
struct UpdateIndexesForScale: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.createIndex("idx_staff_profiles_discipline", on: StaffProfileRecord.schema, columns: ["discipline", "user_id"])
        try await database.createIndex("idx_visits_kind_status", on: VisitRecord.schema, columns: ["kind", "status", "scheduled_on"])
        try await replace(outstanding: ["outstanding", "due_at", "id"], rule: ["rule_id", "outstanding", "due_at", "id"], on: database)
    }

    func revert(on database: any Database) async throws {
        try await replace(outstanding: ["outstanding", "due_at"], rule: ["rule_id", "outstanding", "due_at"], on: database)
        try await database.dropIndex("idx_visits_kind_status")
        try await database.dropIndex("idx_staff_profiles_discipline")
    }

    private func replace(outstanding: [String], rule: [String], on database: any Database) async throws {
        try await database.dropIndex("idx_obligations_outstanding_due")
        try await database.dropIndex("idx_obligations_rule_due")
        try await database.createIndex("idx_obligations_outstanding_due", on: ObligationRecord.schema, columns: outstanding)
        try await database.createIndex("idx_obligations_rule_due", on: ObligationRecord.schema, columns: rule)
    }
}
