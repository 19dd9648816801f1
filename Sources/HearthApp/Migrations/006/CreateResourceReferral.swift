import Fluent

struct CreateResourceReferral: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ResourceReferralRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(Patient.schema, "id", onDelete: .cascade))
            .field("state", .string, .required)
            .field("referral_json", .string, .required)
            .field("owner_id", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("idx_resource_referrals_patient", on: ResourceReferralRecord.schema, columns: ["patient_id", "created_at"])
        try await database.createIndex("idx_resource_referrals_owner", on: ResourceReferralRecord.schema, columns: ["owner_id", "state"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ResourceReferralRecord.schema).delete()
    }
}
