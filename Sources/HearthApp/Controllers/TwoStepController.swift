import Fluent
import Foundation
import HearthCore
import Vapor

/// A person's own two-step sign-in (their account page): set up an authenticator by typing a code from it, receive
/// recovery codes once, make new ones, turn it off with password and code unless the role requires it
/// [45 CFR 164.312(d); NIST SP 800-63B 5.1.3, 6.1].
struct TwoStepController {
    struct CodeForm: Content { var code: String? }
    struct PasswordForm: Content { var password: String? }
    struct TurnOffForm: Content {
        var password: String?
        var code: String?
    }

    func show(req: Request) async throws -> Response {
        let user = try await me(req)
        let notice: String? = req.query[String.self, at: "done"] == "off" ? "Two-step sign-in is off." : nil
        return try await page(req, user, notice: notice).html.response(status: .ok)
    }

    /// Shows the key being set up, making one the first time (a reload shows the same key).
    func setup(req: Request) async throws -> Response {
        let user = try await me(req)
        let secret = try await TwoStep.pendingSecret(of: user, key: TwoStep.key(req.application), on: req.db)
        return try setupPage(req, user, secret: secret, error: nil).html.response(status: .ok)
    }

    /// "Show a different key": replaces the key being set up (the one in use, if any, keeps working).
    func newKey(req: Request) async throws -> Response {
        let user = try await me(req)
        _ = try await TwoStep.pendingSecret(of: user, key: TwoStep.key(req.application), fresh: true, on: req.db)
        return req.redirect(to: SiteURL.account(.twoStepSetup).path)
    }

    func confirm(req: Request) async throws -> Response {
        let user = try await me(req)
        let form = try req.content.decode(CodeForm.self)
        let key = TwoStep.key(req.application)
        guard let codes = try await TwoStep.confirm(user, code: form.code ?? "", now: req.now, key: key, by: req) else {
            try await refused("mfa.enrol", user, "wrong code from the new authenticator", req)
            let secret = try await TwoStep.pendingSecret(of: user, key: key, on: req.db)
            return try setupPage(req, user, secret: secret, error: "That code does not match this key. Check the app shows Hearth's code and type the 6 digits it shows now.")
                .html.response(status: .unprocessableEntity)
        }
        return showOnce(codes, heading: "Two-step sign-in is on", req)
    }

    func regenerate(req: Request) async throws -> Response {
        let user = try await me(req)
        let form = try req.content.decode(PasswordForm.self)
        guard user.hasTwoStep else { return req.redirect(to: SiteURL.account(.twoStep).path) }
        guard try await passwordIsRight(form.password, of: user, req) else {
            try await refused("mfa.recovery-codes", user, "wrong password", req)
            return try await page(req, user, regenerateError: "That is not your password. Type the password you sign in with.").html.response(status: .unprocessableEntity)
        }
        let codes = try await TwoStep.regenerate(user, now: req.now, key: TwoStep.key(req.application), by: req)
        return showOnce(codes, heading: "New recovery codes", req)
    }

    /// Turning it off takes the password and a code (or a recovery code); a role that requires it cannot.
    func turnOff(req: Request) async throws -> Response {
        let user = try await me(req)
        let form = try req.content.decode(TurnOffForm.self)
        guard user.hasTwoStep else { return req.redirect(to: SiteURL.account(.twoStep).path) }
        if try req.application.settings.twoStep.requires(req.currentUser.role) {
            throw AppError.forbidden("Your role requires two-step sign-in, so it cannot be turned off. Ask an administrator to reset it if you lost your phone.")
        }
        var errors: [String: String] = [:]
        if try await !passwordIsRight(form.password, of: user, req) {
            errors["password"] = "That is not your password. Type the password you sign in with."
        } else {
            let typed = form.code ?? ""
            let isRecovery = RecoveryCodes.normalize(typed) != nil
            let check = try await TwoStep.check(user, code: isRecovery ? nil : typed, recoveryCode: isRecovery ? typed : nil,
                                                now: req.now, key: TwoStep.key(req.application), on: req.db)
            if case .refused(_, let message) = check { errors["code"] = message }
        }
        guard errors.isEmpty else {
            try await refused("mfa.turn-off", user, errors.keys.sorted().joined(separator: ", "), req)
            return try await page(req, user, turnOffErrors: errors).html.response(status: .unprocessableEntity)
        }
        try await req.auditedWrite { db, audit in
            try await TwoStep.remove(from: user, on: db)
            try await audit("mfa.turn-off", resourceType: "User", resourceID: user.id?.uuidString, detail: "\(user.username) turned off two-step sign-in")
        }
        return req.redirect(to: SiteURL.account(.twoStep).path + "?done=off")
    }

    /// The recovery codes, in the answer to the post that made them: never on a page that can be opened again.
    private func showOnce(_ codes: [String], heading: String, _ req: Request) -> Response {
        RecoveryCodesPage(shell: PageShell(request: req, title: heading), heading: heading, codes: codes).html.response(status: .ok)
    }

    private func refused(_ action: String, _ user: User, _ detail: String, _ req: Request) async throws {
        try await req.audit(action, outcome: .failure, resourceType: "User", resourceID: user.id?.uuidString, detail: detail)
    }

    private func me(_ req: Request) async throws -> User {
        guard let user = try await User.find(try req.currentUser.id, on: req.db) else { throw AppError.unauthenticated }
        return user
    }

    private func passwordIsRight(_ password: String?, of user: User, _ req: Request) async throws -> Bool {
        guard let password, !password.isEmpty else { return false }
        return try await req.password.async.verify(password, created: user.passwordHash)
    }

    private func page(_ req: Request, _ user: User, notice: String? = nil, regenerateError: String? = nil, turnOffErrors: [String: String] = [:]) async throws -> TwoStepPage {
        let me = try req.currentUser
        return TwoStepPage(
            shell: PageShell(request: req, title: "Two-step sign-in"),
            enabledOn: user.hasTwoStep ? user.totpEnabledAt.map { CalendarDate($0, in: req.application.settings.agencyTimeZone).description } : nil,
            codesLeft: user.hasTwoStep ? try await TwoStep.recoveryCodesLeft(user, on: req.db) : 0,
            required: req.application.settings.twoStep.requires(me.role), notice: notice,
            regenerateError: regenerateError, turnOffErrors: turnOffErrors
        )
    }

    private func setupPage(_ req: Request, _ user: User, secret: Data, error: String?) throws -> TwoStepSetupPage {
        let me = try req.currentUser
        return TwoStepSetupPage(
            shell: PageShell(request: req, title: "Set up two-step sign-in"),
            secretGroups: Base32.grouped(Base32.encode(secret)), uri: TOTP(secret: secret).uri(issuer: "Hearth", account: user.username),
            required: me.mustSetUpTwoStep, replacing: user.hasTwoStep, error: error
        )
    }
}
