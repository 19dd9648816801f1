import Fluent
import FluentSQL

/// A password an administrator reset must be changed by its user at the next sign-in.
struct UpdateUserAddMustChangePassword: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema).field("must_change_password", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("must_change_password").update()
    }
}
