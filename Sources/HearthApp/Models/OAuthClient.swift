import Fluent
import Foundation

/// A SMART Backend Services client an administrator registered: its public keys, the scopes it may ask for and the
/// Hearth user it acts as (whose role the access policy still applies to).
final class OAuthClient: Model, @unchecked Sendable {
    static let schema = "oauth_clients"
    var properties: [any AnyProperty] { listed([$id, $name, $jwks, $scopes, $user, $createdAt, $revokedAt]) }

    /// Also the `client_id` the client puts in its assertions' `iss` and `sub`.
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// The JSON Web Key Set as pasted, checked by `JWKS(json:)` before it is stored.
    @Field(key: "jwks") var jwks: String
    /// The SMART v2 scopes it may be granted, space-separated.
    @Field(key: "scopes") var scopes: String
    @Parent(key: "user_id") var user: User
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(name: String, jwks: String, scopes: String, userID: UUID, now: Date) {
        self.name = name
        self.jwks = jwks
        self.scopes = scopes
        self.$user.id = userID
        self.createdAt = now
    }

    var clientID: String { id?.uuidString.lowercased() ?? "" }
}

/// A short-lived access token granted to a client: its hash, scopes and end.
final class OAuthAccessToken: Model, @unchecked Sendable {
    static let schema = "oauth_access_tokens"
    var properties: [any AnyProperty] { listed([$id, $tokenHash, $client, $scope, $createdAt, $expiresAt]) }

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "client_id") var client: OAuthClient
    @Field(key: "scope") var scope: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(tokenHash: String, clientID: UUID, scope: String, now: Date, lifetime: TimeInterval) {
        self.tokenHash = tokenHash
        self.$client.id = clientID
        self.scope = scope
        self.createdAt = now
        self.expiresAt = now.addingTimeInterval(lifetime)
    }
}

/// An assertion's `jti` seen from one client, kept until the assertion expires, so it is accepted once (RFC 7523 §3 #7).
final class OAuthAssertionUse: Model, @unchecked Sendable {
    static let schema = "oauth_assertion_uses"
    var properties: [any AnyProperty] { listed([$id, $client, $jti, $expiresAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "client_id") var client: OAuthClient
    @Field(key: "jti") var jti: String
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(clientID: UUID, jti: String, expiresAt: Date) {
        self.$client.id = clientID
        self.jti = jti
        self.expiresAt = expiresAt
    }
}
