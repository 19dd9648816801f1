import Fluent

/// Each imported Table 5's GMLOS and AMLOS per MS-DRG (issue 22).
struct CreateMSDRGNorm: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MSDRGNormRecord.schema)
            .id()
            .field("import_id", .uuid, .required, .references(ReferenceTableImport.schema, "id", onDelete: .cascade))
            .field("drg", .string, .required)
            .field("title", .string, .required)
            .field("gmlos", .double, .required)
            .field("amlos", .double)
            .create()
        try await database.createIndex("idx_ms_drg_norms_import_drg", on: MSDRGNormRecord.schema, columns: ["import_id", "drg"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MSDRGNormRecord.schema).delete()
    }
}
