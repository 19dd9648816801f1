import Fluent
import Foundation
import HearthCore
import Vapor

/// `hearth token create|list|revoke`: bearer tokens for machine clients, which expire and can be revoked
/// [45 CFR 164.308(a)(4)(ii)(C)].
struct TokenCommand: AsyncCommandGroup {
    var help: String { "Creates, lists and revokes bearer tokens for machine clients." }
    var commands: [String: any AnyAsyncCommand] {
        ["create": CreateTokenCommand(), "list": ListTokensCommand(), "revoke": RevokeTokenCommand()]
    }
}

/// `hearth token create --username U [--name N] [--expires-in-days D]`: prints the token once; stores only its hash.
struct CreateTokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "username", help: "Whose token it is") var username: String?
        @Option(name: "name", help: "What the token is for, e.g. 'lab interface'") var name: String?
        @Option(name: "expires-in-days", help: "Days until it stops working (default \(TokenLifetime.defaultDays), at most \(TokenLifetime.maximumDays))") var days: Int?
        @Option(name: "scopes", help: "Hold it to SMART scopes, e.g. 'system/Task.cr'; 'referral' for a partner hospital (send referrals, read their Tasks)") var scopes: String?
    }

    var help: String { "Creates a bearer token (valid \(TokenLifetime.defaultDays) days unless --expires-in-days says otherwise)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let days = signature.days ?? TokenLifetime.defaultDays
        guard (1...TokenLifetime.maximumDays).contains(days) else {
            throw CommandFailure("--expires-in-days must be 1–\(TokenLifetime.maximumDays).")
        }
        guard let username = signature.username?.lowercased(), !username.isEmpty else { throw CommandFailure("--username is required.") }
        try await context.application.requireMigrated()
        let db = context.application.db
        let user = try await cli { try await UserAdministration.find(username: username, on: db) }
        guard user.isActive else { throw CommandFailure("'\(username)' is disabled: re-enable them first with `hearth user enable --username \(username)`.") }
        let scopes: SMARTScopes?
        do { scopes = try signature.scopes.map { try SMARTScopes(parsing: $0 == "referral" ? ReferralPartnerRules.referralScopes : $0) } } catch let problem as SMARTScopeProblem {
            throw CommandFailure("--scopes: \(problem.description)")
        }
        let secret = "hth_" + Secret.make()
        let name = signature.name ?? "cli"
        let token = APIToken(tokenHash: Secret.hash(secret), userID: try user.requireID(), name: name, now: Date(), lifetimeDays: days)
        token.scope = scopes?.description
        try await db.transaction { db in
            try await token.create(on: db)
            try await AuditLog.record(.init(actorName: "cli", action: "token.create", outcome: .success, resourceType: "APIToken", resourceID: token.id?.uuidString, detail: "'\(name)' for \(username), \(days) days\(scopes.map { ", scopes \($0)" } ?? "")"), on: db)
        }
        context.console.print(secret)
        context.console.print("Token \(token.id?.uuidString.lowercased() ?? "") for '\(username)' expires \(TokenRow.day(token.expiresAt)) (\(days) days)\(scopes.map { ", held to \($0)" } ?? ""). It is shown only once.")
    }
}

/// `hearth token list [--username U]`: id, owner, name, created, expires, last used, state.
struct ListTokensCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "username", help: "Only this user's tokens") var username: String?
    }

    var help: String { "Lists bearer tokens: id, owner, name, created, expires, last used and whether revoked or expired." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.requireMigrated()
        let db = context.application.db
        var owner: User?
        if let username = signature.username { owner = try await cli { try await UserAdministration.find(username: username, on: db) } }
        let rows = try await TokenRow.all(owner: owner?.id, on: db, now: Date())
        context.console.print(["id", "owner", "name", "created", "expires", "last used", "state"].joined(separator: "\t"))
        for row in rows {
            context.console.print([row.id, row.owner, row.name, row.created, row.expires, row.lastUsed, row.state].joined(separator: "\t"))
        }
    }
}

/// `hearth token revoke ID`: the token is refused from its next request on.
struct RevokeTokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "id", help: "The token's id, as `hearth token list` shows it") var id: String
    }

    var help: String { "Revokes a bearer token; its next request is answered 401." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.requireMigrated()
        let db = context.application.db
        guard let id = UUID(uuidString: signature.id), let token = try await APIToken.find(id, on: db) else {
            throw CommandFailure("no token with id '\(signature.id)': see `hearth token list`.")
        }
        if token.revokedAt != nil {
            context.console.print("Token \(signature.id) was already revoked.")
            return
        }
        try await UserAdministration.revoke(token, by: .commandLine, on: db)
        context.console.print("Revoked token \(id.uuidString.lowercased()) ('\(token.name)').")
    }
}

/// One token as the administrator's list shows it (web and CLI).
struct TokenRow: Encodable, Sendable {
    var id: String
    var owner: String
    var name: String
    var created: String
    var expires: String
    var lastUsed: String
    var state: String
    var revokeHref: String?

    static func all(owner: UUID?, on db: any Database, now: Date) async throws -> [TokenRow] {
        let query = APIToken.query(on: db).join(User.self, on: \APIToken.$user.$id == \User.$id)
        if let owner { query.filter(\.$user.$id == owner) }
        return try await query.sort(\.$createdAt, .descending).all().map { token in
            let state = token.revokedAt != nil ? "revoked" : token.isExpired(now: now) ? "expired" : "active"
            let expiry = token.expiresAt ?? TokenLifetime.expiry(createdAt: token.createdAt, days: TokenLifetime.defaultDays)
            let id = try token.requireID()
            return TokenRow(
                id: id.uuidString.lowercased(), owner: try token.joined(User.self).username, name: token.name,
                created: day(token.createdAt), expires: day(expiry), lastUsed: token.lastUsedAt.map(day) ?? "never", state: state,
                revokeHref: state == "active" ? SiteURL.admin(.token(id, .revoke)).path : nil
            )
        }
    }

    static func day(_ date: Date?) -> String {
        guard let date else { return "" }
        return date.formatted(.iso8601.year().month().day())
    }
}
