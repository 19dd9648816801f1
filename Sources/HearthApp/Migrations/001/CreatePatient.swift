import Fluent

struct CreatePatient: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Patient.schema)
            .id()
            .field("mrn", .string, .required)
            .field("given_name", .string, .required)
            .field("family_name", .string, .required)
            .field("family_key", .string, .required)
            .field("given_key", .string, .required)
            .field("birth_date", .string, .required)
            .field("sex", .string, .required)
            .field("phone", .string)
            .field("address_line", .string)
            .field("city", .string)
            .field("state", .string)
            .field("postal_code", .string)
            .field("case_manager_id", .uuid, .references(User.schema, "id"))
            .field("physician_id", .uuid, .references(User.schema, "id"))
            .field("referred_by_id", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "mrn")
            .create()
        try await database.createIndex("idx_patients_case_manager", on: Patient.schema, columns: ["case_manager_id", "family_name"])
        try await database.createIndex("idx_patients_name", on: Patient.schema, columns: ["family_key", "given_key"])
        try await database.createIndex("idx_patients_given", on: Patient.schema, columns: ["given_key"])
        try await database.createIndex("idx_patients_birth_date", on: Patient.schema, columns: ["birth_date"])
        try await database.schema(CareTeamMember.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("team_role", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "patient_id", "user_id")
            .create()
        try await database.createIndex("idx_care_team_user", on: CareTeamMember.schema, columns: ["user_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CareTeamMember.schema).delete()
        try await database.schema(Patient.schema).delete()
    }
}
