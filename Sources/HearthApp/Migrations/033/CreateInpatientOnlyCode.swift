import Fluent

/// Each imported inpatient-only list's HCPCS codes (issue 22).
struct CreateInpatientOnlyCode: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(InpatientOnlyCodeRecord.schema)
            .id()
            .field("import_id", .uuid, .required, .references(ReferenceTableImport.schema, "id", onDelete: .cascade))
            .field("code", .string, .required)
            .field("descriptor", .string, .required)
            .create()
        try await database.createIndex("idx_inpatient_only_codes_import_code", on: InpatientOnlyCodeRecord.schema, columns: ["import_id", "code"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InpatientOnlyCodeRecord.schema).delete()
    }
}
