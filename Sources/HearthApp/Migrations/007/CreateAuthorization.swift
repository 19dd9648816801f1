import Fluent

struct CreateAuthorization: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuthorizationRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("payer", .string, .required)
            .field("number", .string, .required)
            .field("discipline", .string)
            .field("visits_authorized", .int)
            .field("start_on", .string, .required)
            .field("end_on", .string, .required)
            .field("recorded_by_id", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_authorizations_patient", on: AuthorizationRecord.schema, columns: ["patient_id", "end_on"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuthorizationRecord.schema).delete()
    }
}
