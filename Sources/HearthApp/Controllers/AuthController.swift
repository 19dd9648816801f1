import Fluent
import Foundation
import HearthCore
import Vapor

/// Log-in and log-out for people in a browser.
struct AuthController {
    struct LoginForm: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    func show(req: Request) async throws -> Response {
        if req.auth.has(CurrentUser.self) { return req.redirect(to: Paths.home) }
        let notice: String? = switch req.query[String.self, at: "reason"] {
        case "idle": "You were signed out after \(Int(req.application.settings.session.idleTimeout / 60)) minutes without activity. Sign in again to continue."
        case "signed-out": "You have signed out."
        case "expired": "Your session ended before the form was saved. Sign in again: what you typed is kept on this device and put back into the form."
        default: nil
        }
        return try await render(req, username: "", error: nil, notice: notice, next: req.query[String.self, at: "next"], status: .ok)
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let username = (form.username ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form.password ?? ""
        guard !username.isEmpty, !password.isEmpty else {
            return try await render(req, username: username, error: "Enter your username and password.", next: form.next, status: .unprocessableEntity)
        }
        let outcome = try await LoginAttempt.check(username: username, password: password, on: req)
        switch outcome {
        case .success(let user):
            let cookie = try await startSession(for: user, on: req)
            let next = form.next.flatMap { Paths.isSafeReturnPath($0) ? $0 : nil } ?? Paths.home
            let response = req.redirect(to: next)
            response.cookies[SessionAuthenticator.cookieName] = cookie
            response.cookies[CSRFMiddleware.preSessionCookie] = .expired
            return response
        case .refused(let message):
            return try await render(req, username: username, error: message, next: form.next, status: .unauthorized)
        }
    }

    func logout(req: Request) async throws -> Response {
        let user = try req.currentUser
        if case .session(let sessionID, _) = user.via {
            try await req.db.transaction { db in
                try await WebSession.query(on: db).filter(\.$id == sessionID).delete()
                try await req.audit("logout", on: db)
            }
        }
        let response = req.redirect(to: Paths.login + "?reason=signed-out")
        response.cookies[SessionAuthenticator.cookieName] = .expired
        return response
    }

    private func startSession(for user: User, on req: Request) async throws -> HTTPCookies.Value {
        let token = Secret.make()
        let session = WebSession(tokenHash: Secret.hash(token), userID: try user.requireID(), csrfToken: Secret.make(), now: Date(), sourceIP: req.sourceIP)
        try await req.db.transaction { db in
            try await session.create(on: db)
            try await AuditLog.record(.init(actor: user, action: "login", outcome: .success, request: req), on: db)
        }
        return HTTPCookies.Value(string: token, path: "/", isSecure: req.isSecure, isHTTPOnly: true, sameSite: .lax)
    }

    private func render(_ req: Request, username: String, error: String?, notice: String? = nil, next: String?, status: HTTPResponseStatus) async throws -> Response {
        let page = LoginPage(
            shell: PageShell(request: req, title: "Sign in"),
            username: FormField(username), error: error, notice: notice,
            next: next.flatMap { Paths.isSafeReturnPath($0) ? $0 : nil } ?? ""
        )
        return page.html.response(status: status)
    }
}

/// One password check with lock-out, audited whatever the outcome.
enum LoginAttempt {
    enum Outcome { case success(User), refused(String) }

    static let incorrect = "Incorrect username or password. Check both and try again."
    /// Verified when the username is unknown, so a wrong name takes as long as a wrong password.
    static let decoyHash = try! Bcrypt.hash("not-a-real-password")

    static func check(username: String, password: String, on req: Request) async throws -> Outcome {
        let policy = req.application.settings.lockout
        let now = Date()
        guard let user = try await User.query(on: req.db).filter(\.$username == username).first(), user.isActive else {
            _ = try? await req.password.async.verify(password, created: decoyHash)
            try await AuditLog.record(.init(actorName: username, action: "login", outcome: .failure, detail: "unknown or inactive user", request: req), on: req.db)
            return .refused(incorrect)
        }
        let state = LockoutPolicy.State(failures: user.failedLogins, lockedUntil: user.lockedUntil)
        if policy.isLocked(state, now: now) {
            try await AuditLog.record(.init(actor: user, action: "login", outcome: .denied, detail: "account locked", request: req), on: req.db)
            return .refused(lockedMessage(until: state.lockedUntil, req: req))
        }
        if try await req.password.async.verify(password, created: user.passwordHash) {
            let reset = policy.afterSuccess()
            user.failedLogins = reset.failures
            user.lockedUntil = reset.lockedUntil
            try await user.save(on: req.db)
            return .success(user)
        }
        let next = policy.afterFailure(state, now: now)
        user.failedLogins = next.failures
        user.lockedUntil = next.lockedUntil
        try await req.db.transaction { db in
            try await user.save(on: db)
            try await AuditLog.record(.init(actor: user, action: "login", outcome: .failure, detail: next.lockedUntil == nil ? "wrong password" : "wrong password; account locked", request: req), on: db)
        }
        return next.lockedUntil == nil ? .refused(incorrect) : .refused(lockedMessage(until: next.lockedUntil, req: req))
    }

    static func lockedMessage(until: Date?, req: Request) -> String {
        let policy = req.application.settings.lockout
        var text = "This account is locked after \(policy.maxFailures) failed sign-ins."
        if let until {
            let formatter = DateFormatter()
            formatter.timeZone = req.application.settings.agencyTimeZone
            formatter.dateFormat = "h:mm a zzz"
            text += " Try again after \(formatter.string(from: until)), or ask an administrator to unlock it."
        }
        return text
    }
}
