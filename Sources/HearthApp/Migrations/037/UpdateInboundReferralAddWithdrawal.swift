import Fluent

/// When the hospital that sent a referral withdrew it (cancelled its Task), and the reason it gave (issue 22).
struct UpdateInboundReferralAddWithdrawal: AsyncMigration {
    static let fields: [(String, DatabaseSchema.DataType)] = [("withdrawn_at", .datetime), ("withdrawal_reason", .string)]

    // One column a statement: SQLite adds one per ALTER TABLE.
    func prepare(on database: any Database) async throws {
        for (name, type) in Self.fields { try await database.schema(InboundReferral.schema).field(.string(name), type).update() }
    }

    func revert(on database: any Database) async throws {
        for (name, _) in Self.fields.reversed() { try await database.schema(InboundReferral.schema).deleteField(.string(name)).update() }
    }
}
