import Fluent

/// Imports of CMS tables (Table 5 GMLOS, the Addendum E inpatient-only list) with their source and year (issue 22).
struct CreateReferenceTableImport: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReferenceTableImport.schema)
            .id()
            .field("kind", .string, .required)
            .field("year", .int, .required)
            .field("source_file", .string, .required)
            .field("title", .string, .required)
            .field("row_count", .int, .required)
            .field("imported_by_name", .string, .required)
            .field("imported_at", .datetime)
            .create()
        try await database.createIndex("idx_reference_table_imports_kind", on: ReferenceTableImport.schema, columns: ["kind", "imported_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReferenceTableImport.schema).delete()
    }
}
