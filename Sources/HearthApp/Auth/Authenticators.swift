import Fluent
import FluentSQL
import Foundation
import HearthCore
import Vapor

/// Signs the request in from the session cookie, ending sessions that sat idle too long.
struct SessionAuthenticator: AsyncMiddleware {
    static let cookieName = "hearth_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = request.cookies[Self.cookieName]?.string, !token.isEmpty {
            try await authenticate(token: token, request: request)
        }
        return try await next.respond(to: request)
    }

    private func authenticate(token: String, request: Request) async throws {
        // One statement for the session and its user: every page starts here.
        guard let row = try await request.db.sql.raw("""
            SELECT u.*, s.id AS session_id, s.token_hash AS session_token_hash, s.user_id AS session_user_id, s.csrf_token AS session_csrf_token,
                   s.created_at AS session_created_at, s.last_seen_at AS session_last_seen_at, s.source_ip AS session_source_ip,
                   s.stage AS session_stage
            FROM web_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = \(bind: Secret.hash(token))
            """).first()
        else { return }
        let session = try row.decode(fluentModel: WebSession.self, prefix: "session_")
        let user = try row.decode(fluentModel: User.self)
        let now = request.now
        let policy = request.application.settings.session
        if policy.isExpired(createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, now: now) || !user.isActive {
            try await request.db.transaction { db in
                try await session.delete(on: db)
                try await AuditLog.record(.init(actor: user, action: "session.timeout", outcome: .success, request: request), on: db)
            }
            request.storage[SessionEndedKey.self] = true
            return
        }
        let stage = SignInStage(stored: session.stage)
        if stage.hasExpired(startedAt: session.createdAt, now: now) {
            try await request.db.transaction { db in
                try await session.delete(on: db)
                try await AuditLog.record(.init(actor: user, action: "login.mfa", outcome: .failure, detail: "no code within \(Int(SignInStage.codeWindow / 60)) minutes of the password", request: request), on: db)
            }
            return
        }
        // Half signed in: no user for any page, only the second step's own form.
        if stage == .awaitingCode {
            request.storage[PendingSignIn.self] = PendingSignIn(sessionID: try session.requireID(), user: user, csrfToken: session.csrfToken)
            return
        }
        // Touch at most every 30 s so a page's many requests do not each write.
        if now.timeIntervalSince(session.lastSeenAt) > 30 {
            session.lastSeenAt = now
            try await session.save(on: request.db)
        }
        request.auth.login(try CurrentUser(user: user, via: .session(id: try session.requireID(), csrfToken: session.csrfToken), stage: stage))
    }
}

/// A browser whose password was right and whose authenticator code is still to come. It is not a signed-in user: only
/// the code form (`SiteURL.loginCode.path`) reads it.
struct PendingSignIn: StorageKey {
    typealias Value = PendingSignIn
    var sessionID: UUID
    var user: User
    var csrfToken: String
}

extension Request {
    var pendingSignIn: PendingSignIn? { storage[PendingSignIn.self] }
}

/// Set when this request arrived with a session that had just timed out, so log-in can say why.
struct SessionEndedKey: StorageKey { typealias Value = Bool }

/// Signs machine clients in from `Authorization: Bearer <token>`; an unknown, revoked or expired token, or one whose
/// owner was disabled, is refused with 401 (45 CFR 164.308(a)(3)(ii)(C): ended access stays ended).
struct BearerAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            let now = request.now
            let throttle = request.application.throttle, policy = request.application.settings.addressThrottle
            let key = "bearer tokens from " + request.throttleAddress
            let state = await throttle.state(key)
            if let wait = policy.wait(state, now: now) {
                // One record per wait, not one per request: a hammered bogus token must not fill the trail.
                if let refused = await throttle.refused(key, until: state.lockedUntil ?? now) {
                    try await AuditLog.record(.init(actorName: "unknown bearer token", action: "token.throttled", outcome: .denied,
                                                    detail: "\(key) wait \(Int(wait.rounded(.up))) s after \(state.failures) refused tokens; \(refused) request(s) refused since the last record",
                                                    request: request), on: request.db)
                }
                throw TooManyAttempts(wait: wait)
            }
            if bearer.token.hasPrefix("hsa_") {
                try await signInClient(bearer.token, request: request, now: now) { await throttle.failed(key, policy: policy, now: now) }
                return try await next.respond(to: request)
            }
            let found = try await request.db.sql.raw("""
                SELECT u.*, t.id AS token_id, t.token_hash AS token_token_hash, t.user_id AS token_user_id, t.name AS token_name,
                       t.created_at AS token_created_at, t.expires_at AS token_expires_at, t.last_used_at AS token_last_used_at,
                       t.revoked_at AS token_revoked_at, t.scope AS token_scope
                FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = \(bind: Secret.hash(bearer.token))
                """).first()
            guard let found else {
                await throttle.failed(key, policy: policy, now: now)
                try await AuditLog.record(.init(actorName: "unknown bearer token", action: "token.rejected", outcome: .failure, request: request), on: request.db)
                throw TokenRefused()
            }
            let token = try found.decode(fluentModel: APIToken.self, prefix: "token_"), user = try found.decode(fluentModel: User.self)
            let refusal: String? = token.revokedAt != nil ? "token revoked"
                : token.isExpired(now: now) ? "token expired"
                : !user.isActive ? "user disabled" : nil
            if let refusal {
                await throttle.failed(key, policy: policy, now: now)
                try await AuditLog.record(.init(actor: user, action: "token.rejected", outcome: .failure, detail: "\(refusal): \(token.name)", request: request), on: request.db)
                throw TokenRefused()
            }
            try await checkRefusals(of: user, request: request, now: now)
            request.auth.login(try CurrentUser(user: user, via: .bearer))
            // A scoped token (a partner hospital's) is held to its scopes as a SMART client's is; an unreadable scope grants nothing.
            if let scope = token.scope { request.storage[GrantedScopesKey.self] = (try? SMARTScopes(parsing: scope)) ?? SMARTScopes([]) }
            if (token.lastUsedAt.map { now.timeIntervalSince($0) > 60 } ?? true) {
                token.lastUsedAt = now
                try await token.save(on: request.db)
            }
        }
        return try await next.respond(to: request)
    }
}

extension BearerAuthenticator {
    /// An account whose token was refused patient after patient waits before its next request (by account, beside
    /// the address): one audit record per wait (issue 20 #6).
    func checkRefusals(of user: User, request: Request, now: Date) async throws {
        let throttle = request.application.throttle, key = PatientAccess.refusalKey(user.username)
        let state = await throttle.state(key)
        guard let wait = request.application.settings.refusalThrottle.wait(state, now: now) else { return }
        if let refused = await throttle.refused(key, until: state.lockedUntil ?? now) {
            try await AuditLog.record(.init(actor: user, action: "token.throttled", outcome: .denied,
                                            detail: "\(key) wait \(Int(wait.rounded(.up))) s after \(state.failures) refused requests; \(refused) request(s) refused since the last record",
                                            request: request), on: request.db)
        }
        throw TooManyAttempts(wait: wait)
    }
}

/// A bearer token that does not open Hearth; the same words whatever the reason, so a guess learns nothing.
struct TokenRefused: AbortError {
    var status: HTTPResponseStatus { .unauthorized }
    var reason: String {
        "This bearer token is unknown, expired or revoked. Ask an administrator for a new one (`hearth token create`)."
    }
}

/// Sends anyone not signed in to log-in (browsers) or answers 401 (machines). A person whose password an
/// administrator reset goes to the change-password page until they have chosen their own; one whose role requires
/// two-step sign-in, to its set-up until it is done.
struct RequireUser: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let user = try request.currentUser
        guard case .session = user.via else { return try await next.respond(to: request) }
        let path = request.url.path, isRead = request.method == .GET || request.method == .HEAD
        if user.mustChangePassword, ![SiteURL.account(.password).path, SiteURL.logout.path].contains(path) {
            if isRead { return request.redirect(to: SiteURL.account(.password).path) }
            throw AppError.forbidden("Choose a new password first: your administrator reset it. Open \(SiteURL.account(.password).path).")
        }
        if user.mustSetUpTwoStep, !user.mustChangePassword, !SiteURL.twoStepSetupPaths.contains(path) {
            if isRead { return request.redirect(to: SiteURL.account(.twoStepSetup).path) }
            throw AppError.forbidden("Set up two-step sign-in first: your role requires it. Open \(SiteURL.account(.twoStepSetup).path).")
        }
        return try await next.respond(to: request)
    }
}
