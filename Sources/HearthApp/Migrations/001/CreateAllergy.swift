import Fluent

struct CreateAllergy: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Allergy.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("substance", .string, .required)
            .field("reaction", .string)
            .field("severity", .string, .required)
            .field("recorded_by_id", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_allergies_patient", on: Allergy.schema, columns: ["patient_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Allergy.schema).delete()
    }
}
