import Fluent
import FluentSQL

/// An export file's NDJSON as chunks, one per batch of patients, appended and never rewritten: growing one text value
/// made every batch rewrite the whole file so far (issue 24). A file's number among its type's files orders the manifest.
struct CreateBulkExportChunk: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BulkExportFile.schema).field("part", .int, .required, .sql(.default(0))).update()
        try await database.schema(BulkExportChunk.schema)
            .id()
            .field("file_id", .uuid, .required, .references(BulkExportFile.schema, "id", onDelete: .cascade))
            .field("seq", .int, .required)
            .field("line_count", .int, .required)
            .field("ndjson", .string, .required)
            .create()
        try await database.createIndex("idx_bulk_export_chunks_file", on: BulkExportChunk.schema, columns: ["file_id", "seq"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BulkExportChunk.schema).delete()
        try await database.schema(BulkExportFile.schema).deleteField("part").update()
    }
}
