import Fluent

struct CreateFormSubmission: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FormSubmission.schema)
            .id()
            .field("token", .string, .required)
            .field("user_id", .uuid)
            .field("created_at", .datetime)
            .unique(on: "token")
            .create()
        try await database.createIndex("form_submissions_created_at", on: FormSubmission.schema, columns: ["created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FormSubmission.schema).delete()
    }
}
