import Fluent

/// Referrals a hospital sent over FHIR, held in the intake inbox until the agency accepts or declines them (issue 21).
struct CreateInboundReferral: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(InboundReferral.schema)
            .id()
            .field("sender_id", .uuid, .required, .references(User.schema, "id"))
            .field("sender_name", .string, .required)
            .field("bundle_json", .string, .required)
            .field("bundle_digest", .string, .required)
            .field("patient_name", .string, .required)
            .field("birth_date", .string, .required)
            .field("ordered_start_of_care", .string)
            .field("summary", .string, .required)
            .field("status", .string, .required)
            .field("reason", .string)
            .field("received_at", .datetime, .required)
            .field("decided_at", .datetime)
            .field("decided_by", .uuid, .references(User.schema, "id"))
            .field("patient_id", .uuid, .references(Patient.schema, "id"))
            .field("episode_id", .uuid, .references(EpisodeRecord.schema, "id"))
            .field("updated_at", .datetime)
            .create()
        // The inbox: what is waiting, oldest first; a sender's retry of the same Bundle finds the one on file.
        try await database.createIndex("idx_inbound_referrals_status", on: InboundReferral.schema, columns: ["status", "received_at"])
        try await database.createIndex("idx_inbound_referrals_sender", on: InboundReferral.schema, columns: ["sender_id", "bundle_digest"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InboundReferral.schema).delete()
    }
}
