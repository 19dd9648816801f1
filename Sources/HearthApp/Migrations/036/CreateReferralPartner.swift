import Fluent

/// Home health agencies on other Hearth installations: their FHIR base and the token each issued to this hospital; and
/// on each post-acute referral, the Bundle as sent, the remote Task it became and when its status was last read (issue 22).
struct CreateReferralPartner: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReferralPartner.schema)
            .id()
            .field("provider_id", .string, .required)
            .field("base_url", .string, .required)
            .field("token", .string, .required)
            .field("token_hint", .string, .required)
            .field("updated_by_name", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "provider_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReferralPartner.schema).delete()
    }
}

struct UpdatePostAcuteReferralAddRemote: AsyncMigration {
    static let fields: [(String, DatabaseSchema.DataType)] = [("partner_id", .uuid), ("bundle_json", .string), ("remote_task_id", .string),
                                                              ("remote_task_status", .string), ("remote_problem", .string), ("last_checked_at", .datetime),
                                                              ("remote_first_visit", .string)]

    // One column a statement: SQLite adds one per ALTER TABLE.
    func prepare(on database: any Database) async throws {
        for (name, type) in Self.fields { try await database.schema(PostAcuteReferralRecord.schema).field(.string(name), type).update() }
    }

    func revert(on database: any Database) async throws {
        for (name, _) in Self.fields.reversed() { try await database.schema(PostAcuteReferralRecord.schema).deleteField(.string(name)).update() }
    }
}

/// A bearer token limited to SMART scopes (a partner hospital's: send referrals, read their Tasks); nil keeps the user's reach.
struct UpdateAPITokenAddScope: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(APIToken.schema).field("scope", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APIToken.schema).deleteField("scope").update()
    }
}
