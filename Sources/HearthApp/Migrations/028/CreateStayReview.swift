import Fluent

/// Utilization review: the hospitals each UR nurse reviews, the reviews of each stay and its physician advisor
/// referrals (issue 22).
struct CreateStayReview: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HospitalReviewer.schema)
            .id()
            .field("hospital_id", .uuid, .required, .references(Organization.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .unique(on: "hospital_id", "user_id")
            .create()
        try await database.schema(StayReview.schema)
            .id()
            .field("stay_id", .uuid, .required, .references(HospitalStay.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("reviewed_at", .datetime, .required)
            .field("level_of_care", .string, .required)
            .field("criteria_source", .string, .required)
            .field("criteria_met", .bool, .required)
            .field("evidence", .string, .required)
            .field("drg", .string)
            .field("procedure_codes", .string)
            .field("next_review", .string, .required)
            .field("reviewer_id", .uuid, .references(User.schema, "id"))
            .field("reviewer_name", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_stay_reviews_stay", on: StayReview.schema, columns: ["stay_id", "reviewed_at"])
        try await database.schema(AdvisorReferral.schema)
            .id()
            .field("stay_id", .uuid, .required, .references(HospitalStay.schema, "id", onDelete: .cascade))
            .field("advisor", .string, .required)
            .field("question", .string, .required)
            .field("referred_at", .datetime, .required)
            .field("recorded_by", .uuid, .references(User.schema, "id"))
            .field("recorded_by_name", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("idx_advisor_referrals_stay", on: AdvisorReferral.schema, columns: ["stay_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AdvisorReferral.schema).delete()
        try await database.schema(StayReview.schema).delete()
        try await database.schema(HospitalReviewer.schema).delete()
    }
}
