import Fluent

struct CreatePatientContact: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PatientContact.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("relationship", .string, .required)
            .field("phone", .string, .required)
            .field("lives_with", .bool, .required)
            .field("is_caregiver", .bool, .required)
            .field("is_decision_maker", .bool, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_patient_contacts_patient", on: PatientContact.schema, columns: ["patient_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PatientContact.schema).delete()
    }
}

struct CreateAdvanceDirective: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AdvanceDirective.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("on_file", .bool, .required)
            .field("location", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_advance_directives_patient", on: AdvanceDirective.schema, columns: ["patient_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AdvanceDirective.schema).delete()
    }
}

struct CreateExternalCareContact: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ExternalCareContact.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("name", .string)
            .field("organization", .string)
            .field("phone", .string)
            .field("fax", .string)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_external_care_contacts_patient", on: ExternalCareContact.schema, columns: ["patient_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ExternalCareContact.schema).delete()
    }
}
