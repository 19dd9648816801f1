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
        if req.auth.has(CurrentUser.self) { return req.redirect(to: SiteURL.home.path) }
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
            // The password is the first step: an authenticator's code follows, or its set-up when the role requires one.
            let role = Role(rawValue: user.role) ?? .aide
            let stage = SignInStage.afterPassword(enrolled: user.hasTwoStep, requiredForRole: req.application.settings.twoStep.requires(role))
            let cookie = try await Self.startSession(for: user, stage: stage, on: req)
            let next = form.next.flatMap { SiteURL.isSafeReturnPath($0) ? $0 : nil } ?? SiteURL.home.path
            let response = switch stage {
            case .signedIn: req.redirect(to: next)
            case .awaitingCode: req.redirect(to: SiteURL.loginCode.path + (next == SiteURL.home.path ? "" : "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")))
            case .mustEnrol: req.redirect(to: SiteURL.account(.twoStepSetup).path)
            }
            response.cookies[SessionAuthenticator.cookieName] = cookie
            response.cookies[CSRFMiddleware.preSessionCookie] = .expired
            return response
        case .refused(let message):
            return try await render(req, username: username, error: message, next: form.next, status: .unauthorized)
        case .throttled(let wait):
            let response = try await render(req, username: username, error: LoginAttempt.waitMessage(wait), next: form.next, status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(wait.seconds))
            return response
        }
    }

    func logout(req: Request) async throws -> Response {
        let user = try req.currentUser
        if case .session(let sessionID, _) = user.via {
            try await req.auditedWrite { db, audit in
                try await WebSession.query(on: db).filter(\.$id == sessionID).delete()
                try await audit("logout")
            }
        }
        let response = req.redirect(to: SiteURL.login.path + "?reason=signed-out")
        response.cookies[SessionAuthenticator.cookieName] = .expired
        return response
    }

    /// A new session (a new cookie: never one the browser had before), in place of a half-done sign-in it may carry.
    static func startSession(for user: User, stage: SignInStage, detail: String? = nil, on req: Request) async throws -> HTTPCookies.Value {
        let token = Secret.make()
        let session = WebSession(tokenHash: Secret.hash(token), userID: try user.requireID(), csrfToken: Secret.make(), now: req.now,
                                 sourceIP: req.sourceIP, stage: stage)
        let (action, note) = switch stage {
        case .signedIn: ("login", detail)
        case .awaitingCode: ("login.password", "password right; the authenticator code is next")
        case .mustEnrol: ("login", "two-step sign-in is required for this role: sent to set it up")
        }
        try await req.db.transaction { db in
            if let pending = req.pendingSignIn { try await WebSession.query(on: db).filter(\.$id == pending.sessionID).delete() }
            try await session.create(on: db)
            try await AuditLog.record(.init(actor: user, action: action, outcome: .success, detail: note, request: req), on: db)
        }
        return HTTPCookies.Value(string: token, path: "/", isSecure: req.isSecure, isHTTPOnly: true, sameSite: .lax)
    }

    private func render(_ req: Request, username: String, error: String?, notice: String? = nil, next: String?, status: HTTPResponseStatus) async throws -> Response {
        let page = LoginPage(
            shell: PageShell(request: req, title: "Sign in"),
            username: FormField(username), error: error, notice: notice,
            next: next.flatMap { SiteURL.isSafeReturnPath($0) ? $0 : nil } ?? ""
        )
        return page.html.response(status: status)
    }
}

/// One password check, throttled by client address and by the name typed, audited whatever the outcome.
/// An unknown name and a real one are answered alike, by the same path: the same words, the same waits, a password
/// hash checked either way (NIST SP 800-63B 5.2.2).
enum LoginAttempt {
    enum Outcome { case success(User), refused(String), throttled(TooManyAttempts) }

    static let incorrect = "Incorrect username or password. Check both and try again."
    /// Verified when the username is unknown, so a wrong name takes as long as a wrong password.
    static let decoyHash = try! Bcrypt.hash("not-a-real-password")

    static func waitMessage(_ wait: TooManyAttempts) -> String {
        "Too many failed sign-ins from this device or for this username. Wait \(wait.seconds) seconds, then try again."
    }

    static func check(username: String, password: String, on req: Request) async throws -> Outcome {
        let settings = req.application.settings, throttle = req.application.throttle
        let now = req.now
        let addressKey = "sign-in from " + req.throttleAddress, nameKey = "sign-in as " + username
        // An account keeps its count on its row (shared by every instance, cleared by an administrator's unlock);
        // a name no one has keeps one here, so the two cannot be told apart.
        let user = try await User.query(on: req.db).filter(\.$username == username).first()
        let remembered = await throttle.state(nameKey)
        let account = user.map { LockoutPolicy.State(failures: $0.failedLogins, lockedUntil: $0.lockedUntil) } ?? remembered
        let address = await throttle.state(addressKey)
        if let wait = try await req.throttleWait([(addressKey, address, settings.addressThrottle), (nameKey, account, settings.lockout)],
                                                 now: now, action: "login.throttled", actorName: username) {
            return .throttled(wait)
        }
        let hash = user.flatMap { $0.isActive ? $0.passwordHash : nil } ?? decoyHash
        let verified = (try? await req.password.async.verify(password, created: hash)) ?? false
        if let user, user.isActive, verified {
            let reset = settings.lockout.afterSuccess()
            user.failedLogins = reset.failures
            user.lockedUntil = reset.lockedUntil
            try await user.save(on: req.db)
            return .success(user)
        }
        await throttle.failed(addressKey, policy: settings.addressThrottle, now: now)
        guard let user else {
            await throttle.failed(nameKey, policy: settings.lockout, now: now)
            try await AuditLog.record(.init(actorName: username, action: "login", outcome: .failure, detail: "unknown user", request: req), on: req.db)
            return .refused(incorrect)
        }
        let next = settings.lockout.afterFailure(account, now: now)
        user.failedLogins = next.failures
        user.lockedUntil = next.lockedUntil
        try await req.db.transaction { db in
            try await user.save(on: db)
            try await AuditLog.record(.init(actor: user, action: "login", outcome: .failure, detail: user.isActive ? "wrong password" : "inactive user", request: req), on: db)
        }
        return .refused(incorrect)
    }
}
