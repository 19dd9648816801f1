import Fluent

struct CreateCoverage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Coverage.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("payer", .string, .required)
            .field("member_id", .string, .required)
            .field("plan", .string)
            .field("billing_order", .int, .required)
            .field("start_date", .string)
            .field("end_date", .string)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_coverages_patient", on: Coverage.schema, columns: ["patient_id", "billing_order"])
        try await database.createIndex("idx_coverages_member", on: Coverage.schema, columns: ["member_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Coverage.schema).delete()
    }
}
