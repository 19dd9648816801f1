import Fluent
import Foundation
import HearthCore
import Vapor

/// The second step of signing in: a code from the authenticator (or a recovery code) after a right password. Throttled
/// like the password, by address and by account (its own count, which a right password does not clear), and audited
/// whatever the outcome [NIST SP 800-63B 5.2.2; 45 CFR 164.312(d)].
struct TwoStepSignInController {
    struct CodeForm: Content {
        var code: String?
        var recoveryCode: String?
        var next: String?
    }

    func show(req: Request) async throws -> Response {
        guard let pending = req.pendingSignIn else { return req.redirect(to: SiteURL.login.path) }
        return render(req, pending, error: nil, next: req.query[String.self, at: "next"], status: .ok)
    }

    func verify(req: Request) async throws -> Response {
        guard let pending = req.pendingSignIn, let user = try await User.find(pending.user.id, on: req.db) else { return req.redirect(to: SiteURL.login.path) }
        let form = try req.content.decode(CodeForm.self)
        switch try await CodeAttempt.check(form, user: user, on: req) {
        case .success(let detail):
            let cookie = try await AuthController.startSession(for: user, stage: .signedIn, detail: detail, on: req)
            let response = req.redirect(to: form.next.flatMap { SiteURL.isSafeReturnPath($0) ? $0 : nil } ?? SiteURL.home.path)
            response.cookies[SessionAuthenticator.cookieName] = cookie
            return response
        case .refused(let message):
            return render(req, pending, error: message, next: form.next, status: .unauthorized)
        case .throttled(let wait):
            let response = render(req, pending, error: "Too many wrong codes. Wait \(wait.seconds) seconds, then try again.", next: form.next, status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(wait.seconds))
            return response
        }
    }

    private func render(_ req: Request, _ pending: PendingSignIn, error: String?, next: String?, status: HTTPResponseStatus) -> Response {
        LoginCodePage(shell: PageShell(request: req, title: "Two-step sign-in"), username: pending.user.username, error: error,
                      next: next.flatMap { SiteURL.isSafeReturnPath($0) ? $0 : nil } ?? "").html.response(status: status)
    }
}

/// One second-step attempt: waits first (address and account), then the code, then the counts and the audit record.
enum CodeAttempt {
    enum Outcome { case success(String), refused(String), throttled(TooManyAttempts) }

    static func check(_ form: TwoStepSignInController.CodeForm, user: User, on req: Request) async throws -> Outcome {
        let settings = req.application.settings, throttle = req.application.throttle
        let now = req.now
        let addressKey = "second step from " + req.throttleAddress
        let account = LockoutPolicy.State(failures: user.mfaFailedAttempts, lockedUntil: user.mfaLockedUntil)
        if let wait = try await req.throttleWait([(addressKey, await throttle.state(addressKey), settings.addressThrottle),
                                                  ("second step as " + user.username, account, settings.lockout)],
                                                 now: now, action: "login.throttled", actorID: user.id, actorName: user.username) {
            return .throttled(wait)
        }
        let result = try await TwoStep.check(user, code: form.code, recoveryCode: form.recoveryCode, now: now, key: TwoStep.key(req.application), on: req.db)
        switch result {
        case .code, .recoveryCode:
            user.mfaFailedAttempts = 0
            user.mfaLockedUntil = nil
            try await user.save(on: req.db)
            if case .recoveryCode(let left) = result {
                try await AuditLog.record(.init(actor: user, action: "login.recovery-code", outcome: .success,
                                                detail: "signed in with a recovery code; \(left) left", request: req), on: req.db)
                return .success("second step: recovery code (\(left) left)")
            }
            return .success("second step: authenticator code")
        case .refused(let reason, let message):
            await throttle.failed(addressKey, policy: settings.addressThrottle, now: now)
            let next = settings.lockout.afterFailure(account, now: now)
            user.mfaFailedAttempts = next.failures
            user.mfaLockedUntil = next.lockedUntil
            try await req.db.transaction { db in
                try await user.save(on: db)
                try await AuditLog.record(.init(actor: user, action: "login.mfa", outcome: .failure, detail: reason, request: req), on: db)
            }
            return .refused(message)
        }
    }
}
