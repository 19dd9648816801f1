import Fluent

/// The committee member an advisor referral goes to, so it reaches their queue (issue 22).
struct UpdateAdvisorReferralAddAdvisorUser: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AdvisorReferral.schema).field("advisor_id", .uuid).update()
        try await database.createIndex("idx_advisor_referrals_advisor", on: AdvisorReferral.schema, columns: ["advisor_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.dropIndex("idx_advisor_referrals_advisor")
        try await database.schema(AdvisorReferral.schema).deleteField("advisor_id").update()
    }
}
