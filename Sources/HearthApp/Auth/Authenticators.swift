import Fluent
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
        // One query for the session and its user: every page starts here.
        guard let session = try await WebSession.query(on: request.db)
            .filter(\.$tokenHash == Secret.hash(token))
            .join(User.self, on: \WebSession.$user.$id == \User.$id)
            .first()
        else { return }
        let now = Date()
        let policy = request.application.settings.session
        let user = try session.joined(User.self)
        if policy.isExpired(createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, now: now) || !user.isActive {
            try await request.db.transaction { db in
                try await session.delete(on: db)
                try await AuditLog.record(.init(actor: user, action: "session.timeout", outcome: .success, request: request), on: db)
            }
            request.storage[SessionEndedKey.self] = true
            return
        }
        // Touch at most every 30 s so a page's many requests do not each write.
        if now.timeIntervalSince(session.lastSeenAt) > 30 {
            session.lastSeenAt = now
            try await session.save(on: request.db)
        }
        request.auth.login(try CurrentUser(user: user, via: .session(id: try session.requireID(), csrfToken: session.csrfToken)))
    }
}

/// Set when this request arrived with a session that had just timed out, so log-in can say why.
struct SessionEndedKey: StorageKey { typealias Value = Bool }

/// Signs machine clients in from `Authorization: Bearer <token>`.
struct BearerAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            guard let token = try await APIToken.query(on: request.db)
                .filter(\.$tokenHash == Secret.hash(bearer.token))
                .filter(\.$revokedAt == nil)
                .join(User.self, on: \APIToken.$user.$id == \User.$id)
                .first(), let user = try? token.joined(User.self), user.isActive
            else {
                try await AuditLog.record(.init(actorName: "unknown bearer token", action: "token.rejected", outcome: .failure, request: request), on: request.db)
                throw AppError.unauthenticated
            }
            request.auth.login(try CurrentUser(user: user, via: .bearer))
            if (token.lastUsedAt.map { Date().timeIntervalSince($0) > 60 } ?? true) {
                token.lastUsedAt = Date()
                try await token.save(on: request.db)
            }
        }
        return try await next.respond(to: request)
    }
}

/// Sends anyone not signed in to log-in (browsers) or answers 401 (machines).
struct RequireUser: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        _ = try request.currentUser
        return try await next.respond(to: request)
    }
}
