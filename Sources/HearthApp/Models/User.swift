import Fluent
import Foundation
import HearthCore

/// A person who signs in to Hearth.
final class User: Model, @unchecked Sendable {
    static let schema = "users"
    var properties: [any AnyProperty] {
        listed([
            $id, $username, $displayName, $role, $passwordHash, $isActive, $failedLogins, $lockedUntil, $mustChangePassword,
            $createdAt, $updatedAt, $totpSecret, $totpPendingSecret, $totpEnabledAt, $totpLastStep, $mfaFailedAttempts, $mfaLockedUntil,
        ])
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    /// A `Role` raw value.
    @Field(key: "role") var role: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "is_active") var isActive: Bool
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    /// Set when an administrator resets the password: the user picks their own before anything else.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// The authenticator's secret, sealed (`HearthCore.SealedSecret`); nil without two-step sign-in.
    @OptionalField(key: "totp_secret") var totpSecret: String?
    /// A secret shown for setting up an authenticator, until a code from it is typed.
    @OptionalField(key: "totp_pending_secret") var totpPendingSecret: String?
    @OptionalField(key: "totp_enabled_at") var totpEnabledAt: Date?
    /// The time step of the last code accepted: that code and older ones are refused (replay).
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?
    /// Wrong codes since the last right one, counted apart from wrong passwords, so a right password cannot reset them.
    @Field(key: "mfa_failed_attempts") var mfaFailedAttempts: Int
    @OptionalField(key: "mfa_locked_until") var mfaLockedUntil: Date?

    init() {}

    /// Whether this user signs in with a second step.
    var hasTwoStep: Bool { totpEnabledAt != nil && totpSecret != nil }

    init(id: UUID? = nil, username: String, displayName: String, role: String, passwordHash: String) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.passwordHash = passwordHash
        self.isActive = true
        self.failedLogins = 0
        self.mustChangePassword = false
        self.mfaFailedAttempts = 0
    }
}

/// A signed-in browser session, kept in the database so any app instance can serve the next request.
final class WebSession: Model, @unchecked Sendable {
    static let schema = "web_sessions"
    var properties: [any AnyProperty] { listed([$id, $tokenHash, $user, $csrfToken, $createdAt, $lastSeenAt, $sourceIP, $stage]) }

    @ID(key: .id) var id: UUID?
    /// SHA-256 of the cookie value; the cookie itself is never stored.
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    /// The anti-forgery token every form of this session must carry.
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @OptionalField(key: "source_ip") var sourceIP: String?
    /// A `SignInStage` raw value while the sign-in is half done; nil once signed in.
    @OptionalField(key: "stage") var stage: String?

    init() {}

    init(tokenHash: String, userID: UUID, csrfToken: String, now: Date, sourceIP: String?, stage: SignInStage = .signedIn) {
        self.stage = stage == .signedIn ? nil : stage.rawValue
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.createdAt = now
        self.lastSeenAt = now
        self.sourceIP = sourceIP
    }
}

/// A bearer token for a machine client; only its hash is stored.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    var properties: [any AnyProperty] { listed([$id, $tokenHash, $user, $name, $createdAt, $expiresAt, $lastUsedAt, $revokedAt, $scope]) }

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "name") var name: String
    @Field(key: "created_at") var createdAt: Date
    /// Nil on tokens made before tokens expired: they end `TokenLifetime.defaultDays` after `createdAt`.
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    /// SMART scopes the token is held to (`ScopeGate`), e.g. a partner hospital's referral scopes; nil, the user's role alone.
    @OptionalField(key: "scope") var scope: String?

    init() {}

    init(tokenHash: String, userID: UUID, name: String, now: Date, lifetimeDays: Int = TokenLifetime.defaultDays) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.name = name
        self.createdAt = now
        self.expiresAt = TokenLifetime.expiry(createdAt: now, days: lifetimeDays)
    }

    func isExpired(now: Date) -> Bool {
        TokenLifetime.isExpired(createdAt: createdAt, expiresAt: expiresAt, now: now)
    }
}
