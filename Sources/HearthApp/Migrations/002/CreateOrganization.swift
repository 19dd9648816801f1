import Fluent

struct CreateOrganization: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Organization.schema)
            .id()
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("kind", .string, .required)
            .field("phone", .string)
            .field("fax", .string)
            .field("created_at", .datetime)
            .unique(on: "kind", "name_key")
            .create()
        try await database.createIndex("idx_organizations_name", on: Organization.schema, columns: ["name_key"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Organization.schema).delete()
    }
}

/// Links each coverage to its payer organization, for FHIR Coverage.payor.
struct UpdateCoverageAddPayerOrganization: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Coverage.schema)
            .field("payer_organization_id", .uuid, .references(Organization.schema, "id"))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Coverage.schema).deleteField("payer_organization_id").update()
    }
}
