import Fluent

struct CreateResourceDirectory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ResourceDirectoryRecord.schema)
            .id()
            .field("directory_json", .string, .required)
            .field("summary", .string, .required)
            .field("imported_by_id", .uuid, .references(User.schema, "id"))
            .field("imported_at", .datetime)
            .create()
        try await database.createIndex("idx_resource_directories_imported", on: ResourceDirectoryRecord.schema, columns: ["imported_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ResourceDirectoryRecord.schema).delete()
    }
}
