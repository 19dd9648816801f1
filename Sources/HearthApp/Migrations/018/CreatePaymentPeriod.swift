import Fluent

/// What the case manager records for a PDGM 30-day payment period: its case-mix group, LUPA threshold (and where it came
/// from) and admission source. One row per episode and period number; created, never altered in shape.
struct CreatePaymentPeriod: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PaymentPeriodRecord.schema)
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("episode_id", .uuid, .required, .references("episodes", "id"))
            .field("period_number", .int, .required)
            .field("case_mix_group", .string)
            .field("lupa_threshold", .int)
            .field("threshold_source", .string)
            .field("admission_source", .string)
            .field("recorded_by", .uuid, .references("users", "id"))
            .field("updated_at", .datetime)
            .unique(on: "episode_id", "period_number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PaymentPeriodRecord.schema).delete()
    }
}
