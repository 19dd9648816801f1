import Fluent

struct CreateHomeSafety: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HomeSafetyEvaluationRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("evaluated_on", .string, .required)
            .field("checklist_version", .string, .required)
            .field("evaluation_json", .string, .required)
            .field("hazards", .int, .required)
            .field("findings_recorded", .bool, .required)
            .field("evaluated_by_id", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_home_safety_evaluations_patient", on: HomeSafetyEvaluationRecord.schema, columns: ["patient_id", "evaluated_on"])
        try await database.schema(HomeSafetyFindingRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("evaluation_id", .uuid, .references(HomeSafetyEvaluationRecord.schema, "id", onDelete: .setNull))
            .field("item_id", .string, .required)
            .field("state", .string, .required)
            .field("follow_up_on", .string, .required)
            .field("finding_json", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("idx_home_safety_findings_patient", on: HomeSafetyFindingRecord.schema, columns: ["patient_id", "state"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HomeSafetyFindingRecord.schema).delete()
        try await database.schema(HomeSafetyEvaluationRecord.schema).delete()
    }
}
