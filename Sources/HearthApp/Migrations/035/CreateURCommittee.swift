import Fluent

/// Each hospital's UR committee roster and the members' determinations on advisor referrals (issue 22).
struct CreateURCommittee: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(URCommitteeMemberRecord.schema)
            .id()
            .field("hospital_id", .uuid, .required, .references(Organization.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("financial_interest", .string)
            .field("added_by_name", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "hospital_id", "user_id")
            .create()
        try await database.schema(URDeterminationRecord.schema)
            .id()
            .field("referral_id", .uuid, .required, .references(AdvisorReferral.schema, "id", onDelete: .cascade))
            .field("stay_id", .uuid, .required, .references(HospitalStay.schema, "id", onDelete: .cascade))
            .field("outcome", .string, .required)
            .field("rationale", .string, .required)
            .field("attending_view", .string, .required)
            .field("determined_at", .datetime, .required)
            .field("member_id", .uuid, .references(User.schema, "id"))
            .field("member_name", .string, .required)
            .field("second_member_id", .uuid, .references(User.schema, "id"))
            .field("second_member_name", .string)
            .field("created_at", .datetime)
            // One determination answers one referral: a second submission of the same referral fails here.
            .unique(on: "referral_id")
            .create()
        try await database.createIndex("idx_ur_determinations_stay", on: URDeterminationRecord.schema, columns: ["stay_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(URDeterminationRecord.schema).delete()
        try await database.schema(URCommitteeMemberRecord.schema).delete()
    }
}
