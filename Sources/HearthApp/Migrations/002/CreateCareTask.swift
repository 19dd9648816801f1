import Fluent

struct CreateCareTask: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CareTask.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("assigned_to_id", .uuid, .required, .references(User.schema, "id"))
            .field("title", .string, .required)
            .field("detail", .string)
            .field("urgency", .string, .required)
            .field("due_at", .datetime, .required)
            .field("status", .string, .required)
            .field("source", .string)
            .field("completed_by_id", .uuid, .references(User.schema, "id"))
            .field("completed_at", .datetime)
            .field("created_at", .datetime)
            .create()
        // A person's open tasks by due time: the home page's worklist.
        try await database.createIndex("idx_tasks_assignee", on: CareTask.schema, columns: ["assigned_to_id", "status", "due_at"])
        try await database.createIndex("idx_tasks_patient", on: CareTask.schema, columns: ["patient_id", "status"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CareTask.schema).delete()
    }
}
