import Fluent
import FluentSQL

/// Two-step sign-in on the user row: the authenticator's secret (sealed), one being set up, when it was turned on, the
/// last time step used (a code is accepted once), and the second step's failure count, apart from the password's.
/// One column per statement: SQLite adds one column per ALTER TABLE.
struct UpdateUserAddTwoStepSignIn: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema).field("totp_secret", .string).update()
        try await database.schema(User.schema).field("totp_pending_secret", .string).update()
        try await database.schema(User.schema).field("totp_enabled_at", .datetime).update()
        try await database.schema(User.schema).field("totp_last_step", .int64).update()
        try await database.schema(User.schema).field("mfa_failed_attempts", .int, .required, .sql(.default(0))).update()
        try await database.schema(User.schema).field("mfa_locked_until", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["totp_secret", "totp_pending_secret", "totp_enabled_at", "totp_last_step", "mfa_failed_attempts", "mfa_locked_until"] {
            try await database.schema(User.schema).deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
