import Fluent

/// Vital signs other systems report over FHIR Observation (issue 21).
struct CreateReportedVitalSign: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReportedVitalSign.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id"))
            .field("sign", .string, .required)
            .field("value", .double, .required)
            .field("second_value", .double)
            .field("unit", .string, .required)
            .field("effective_at", .datetime, .required)
            .field("source", .string, .required)
            .field("reported_by", .uuid, .required, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("idx_reported_vital_signs_patient", on: ReportedVitalSign.schema, columns: ["patient_id", "effective_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReportedVitalSign.schema).delete()
    }
}
