import Fluent

struct CreatePhysicianDetails: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PhysicianDetails.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("npi", .string, .required)
            .field("phone", .string)
            .field("fax", .string)
            .field("practice", .string)
            .field("is_outside", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "user_id")
            .unique(on: "npi")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PhysicianDetails.schema).delete()
    }
}
