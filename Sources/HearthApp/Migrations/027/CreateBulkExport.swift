import Fluent

/// FHIR bulk export jobs and their NDJSON files, in the database so any instance can serve a poll or a download (issue 24).
struct CreateBulkExport: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BulkExportJob.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("level", .string, .required)
            .field("group_id", .string)
            .field("types", .string, .required)
            .field("since", .datetime)
            .field("request_url", .string, .required)
            .field("transaction_time", .datetime, .required)
            .field("status", .string, .required)
            .field("patient_total", .int, .required)
            .field("patients_done", .int, .required)
            .field("cursor", .uuid)
            .field("lease_token", .string)
            .field("lease_until", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(BulkExportFile.schema)
            .id()
            .field("job_id", .uuid, .required, .references(BulkExportJob.schema, "id"))
            .field("resource_type", .string, .required)
            .field("line_count", .int, .required)
            .field("ndjson", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("idx_bulk_export_files_job", on: BulkExportFile.schema, columns: ["job_id", "resource_type"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BulkExportFile.schema).delete()
        try await database.schema(BulkExportJob.schema).delete()
    }
}
