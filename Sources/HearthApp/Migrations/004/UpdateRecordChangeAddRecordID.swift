import Fluent

/// Which record a change belongs to (a medication, say), so that record's page shows its own history.
struct UpdateRecordChangeAddRecordID: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RecordChange.schema).field("record_id", .uuid).update()
        try await database.createIndex("idx_record_changes_record", on: RecordChange.schema, columns: ["record_id", "changed_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.dropIndex("idx_record_changes_record")
        try await database.schema(RecordChange.schema).deleteField("record_id").update()
    }
}
