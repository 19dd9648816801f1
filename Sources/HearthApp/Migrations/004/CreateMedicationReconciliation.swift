import Fluent

struct CreateMedicationReconciliation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MedicationReconciliationRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("episode_id", .uuid, .references(EpisodeRecord.schema, "id", onDelete: .setNull))
            .field("transition", .string, .required)
            .field("source", .string, .required)
            .field("status", .string, .required)
            .field("reconciliation_json", .string, .required)
            .field("order_id", .uuid, .references(PhysicianOrderRecord.schema, "id", onDelete: .setNull))
            .field("created_by_id", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .field("finished_at", .datetime)
            .create()
        try await database.createIndex("idx_med_reconciliations_patient", on: MedicationReconciliationRecord.schema, columns: ["patient_id", "created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MedicationReconciliationRecord.schema).delete()
    }
}
