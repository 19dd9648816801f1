import Fluent

/// The health plan's case manager for a member's coverage: the payer sign-in that may read the member's chart and
/// authorizations (`PatientRelationship.payer`). A plain column with an index, so the same migration runs everywhere.
struct UpdateCoverageAddPayerCaseManager: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Coverage.schema).field("payer_case_manager_id", .uuid).update()
        try await database.createIndex("idx_coverages_payer_case_manager", on: Coverage.schema, columns: ["payer_case_manager_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.dropIndex("idx_coverages_payer_case_manager")
        try await database.schema(Coverage.schema).deleteField("payer_case_manager_id").update()
    }
}
