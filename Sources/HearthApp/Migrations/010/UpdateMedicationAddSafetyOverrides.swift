import Fluent

/// A medication saved despite an allergy or duplicate-therapy finding keeps who decided, when, why and what was found.
struct UpdateMedicationAddSafetyOverrides: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MedicationRecord.schema).field("safety_overrides_json", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MedicationRecord.schema).deleteField("safety_overrides_json").update()
    }
}
