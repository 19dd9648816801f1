import Fluent
import Foundation
import HearthCore
import Vapor

/// Everyone changes their own password here, giving the current one; after an administrator's reset it is the
/// only page open until they do (NIST SP 800-63B §5.1.1.2; 45 CFR 164.308(a)(5)(ii)(D)).
struct AccountController {
    struct PasswordForm: Content {
        var currentPassword: String?
        var newPassword: String?
        var repeatPassword: String?
    }

    func show(req: Request) async throws -> Response {
        try await render(req, errors: [:], status: .ok)
    }

    func change(req: Request) async throws -> Response {
        let me = try req.currentUser
        let form = try req.content.decode(PasswordForm.self)
        guard let user = try await User.find(me.id, on: req.db) else { throw AppError.unauthenticated }
        let current = form.currentPassword ?? "", new = form.newPassword ?? ""
        var errors: [String: String] = [:]
        let currentIsRight = current.isEmpty ? false : try await req.password.async.verify(current, created: user.passwordHash)
        if !currentIsRight {
            errors["currentPassword"] = "That is not your current password. Type the password you signed in with."
        } else if let problem = PasswordRules.problem(with: new, username: user.username, common: req.application.commonPasswords) {
            errors["newPassword"] = problem
        } else if new == current {
            errors["newPassword"] = "Choose a password different from the current one."
        } else if new != (form.repeatPassword ?? "") {
            errors["repeatPassword"] = "The two new passwords differ. Type the same password twice."
        }
        guard errors.isEmpty else {
            try await req.audit("password.change", outcome: .failure, resourceType: "User", resourceID: me.id.uuidString, detail: errors.keys.sorted().joined(separator: ", "))
            return try await render(req, errors: errors, status: .unprocessableEntity)
        }
        var sessionID: UUID?
        if case .session(let id, _) = me.via { sessionID = id }
        try await UserAdministration.changeOwnPassword(
            user, passwordHash: try await req.password.async.hash(new), keepingSession: sessionID, by: AccountActor(me, request: req), on: req.db
        )
        return req.redirect(to: SiteURL.home.path)
    }

    private func render(_ req: Request, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let me = try req.currentUser
        // Passwords are never echoed back into the form, even when one of them was wrong.
        let page = ChangePasswordPage(
            shell: PageShell(request: req, title: "Change password"), required: me.mustChangePassword,
            fields: [
                InputField(id: "current-password", name: "currentPassword", label: "Current password", type: "password", error: errors["currentPassword"]),
                InputField(id: "new-password", name: "newPassword", label: "New password", type: "password", error: errors["newPassword"],
                           hint: "At least \(PasswordRules.minimumLength) characters; a phrase of a few words is easiest to remember. Common passwords are refused."),
                InputField(id: "repeat-password", name: "repeatPassword", label: "New password again", type: "password", error: errors["repeatPassword"]),
            ]
        )
        return try await ChangePasswordView.render(page).encodeResponse(status: status, for: req)
    }
}
