import Fluent

/// A hospital's units and the hospital case managers assigned to them (issue 22).
struct CreateHospitalUnit: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HospitalUnit.schema)
            .id()
            .field("hospital_id", .uuid, .required, .references(Organization.schema, "id"))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "hospital_id", "code")
            .create()
        try await database.schema(HospitalUnitAssignment.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(HospitalUnit.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime)
            .unique(on: "user_id", "unit_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HospitalUnitAssignment.schema).delete()
        try await database.schema(HospitalUnit.schema).delete()
    }
}
