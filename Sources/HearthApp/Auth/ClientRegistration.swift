import Fluent
import Foundation
import HearthCore
import Vapor

/// Registering and revoking SMART Backend Services clients, shared by the administrator's page and `hearth client …`:
/// each change is audited in the transaction that makes it [45 CFR 164.308(a)(4)(ii)(C), 164.312(b)].
enum ClientRegistration {
    struct Form: Sendable {
        var name: String
        var jwks: String
        var scopes: String
        var username: String
    }

    /// Checks every field (the refusal names the field) and stores the client; its id is the `client_id`.
    static func register(_ form: Form, by actor: AccountActor, on db: any Database) async throws -> OAuthClient {
        let name = form.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else {
            throw AccountRefusal(field: "name", message: "Name the client (up to 100 characters), e.g. 'Acme HIE nightly sync'.")
        }
        do { _ = try JWKS(json: form.jwks) } catch let problem as JWKSProblem {
            throw AccountRefusal(field: "jwks", message: problem.message)
        }
        let scopes: SMARTScopes
        do { scopes = try SMARTScopes(parsing: form.scopes) } catch let problem as SMARTScopeProblem {
            throw AccountRefusal(field: "scopes", message: problem.description)
        }
        let user = try await UserAdministration.find(username: form.username.trimmingCharacters(in: .whitespaces), on: db)
        guard user.isActive else {
            throw AccountRefusal(field: "username", message: "'\(user.username)' is disabled: choose an active user or service account for the client to act as.")
        }
        let client = OAuthClient(name: name, jwks: form.jwks, scopes: scopes.description, userID: try user.requireID(), now: Date())
        try await db.transaction { db in
            try await client.create(on: db)
            try await AuditLog.record(.init(actorID: actor.id, actorName: actor.name, action: "client.register", outcome: .success,
                                            resourceType: "OAuthClient", resourceID: client.clientID,
                                            detail: "'\(name)' acting as \(user.username), scopes \(scopes)", request: actor.request), on: db)
        }
        return client
    }

    /// Ends the client: its next token request is refused, and so are the access tokens it already holds.
    static func revoke(_ client: OAuthClient, by actor: AccountActor, on db: any Database) async throws {
        guard client.revokedAt == nil else { return }
        try await db.transaction { db in
            client.revokedAt = Date()
            try await client.save(on: db)
            try await AuditLog.record(.init(actorID: actor.id, actorName: actor.name, action: "client.revoke", outcome: .success,
                                            resourceType: "OAuthClient", resourceID: client.clientID, detail: "'\(client.name)'",
                                            request: actor.request), on: db)
        }
    }
}

/// One client as the administrator's list shows it (web and CLI).
struct ClientRow: Sendable {
    var id: String
    var name: String
    var actsAs: String
    var scopes: String
    var keys: String
    var registered: String
    var state: String
    var revokeHref: String?

    static func all(on db: any Database) async throws -> [ClientRow] {
        try await OAuthClient.query(on: db).join(User.self, on: \OAuthClient.$user.$id == \User.$id)
            .sort(\.$createdAt, .descending).all().map { client in
                let keys = (try? JWKS(json: client.jwks))?.keys.map { $0.kid ?? $0.kty }.joined(separator: ", ") ?? ""
                return ClientRow(
                    id: client.clientID, name: client.name, actsAs: try client.joined(User.self).username, scopes: client.scopes,
                    keys: keys, registered: TokenRow.day(client.createdAt), state: client.revokedAt == nil ? "active" : "revoked",
                    revokeHref: client.revokedAt == nil ? SiteURL.admin(.client(try client.requireID(), .revoke)).path : nil
                )
            }
    }
}
