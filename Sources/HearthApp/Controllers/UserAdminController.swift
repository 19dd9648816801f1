import Fluent
import Foundation
import HearthCore
import Vapor

/// The administrator's user list: create, disable, re-enable, change role, reset a password, unlock
/// [45 CFR 164.308(a)(3)(ii)(C), 164.308(a)(4)]. Every action is audited by `UserAdministration`.
struct UserAdminController {
    struct CreateForm: Content {
        var username: String?
        var displayName: String?
        var role: String?
        var password: String?
    }

    struct RoleForm: Content { var role: String? }
    struct PasswordForm: Content { var password: String? }

    func list(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.manageUsers, on: req)
        let notice = req.query[String.self, at: "done"].flatMap(UsersPage.notice(for:))
        return try await render(req, create: CreateForm(), notice: notice, status: .ok)
    }

    func create(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.manageUsers, on: req)
        let form = try req.content.decode(CreateForm.self)
        do {
            let username = try UserAdministration.username(form.username ?? "")
            let role = try UserAdministration.role(form.role ?? "")
            let password = form.password ?? ""
            try UserAdministration.checkPassword(password, username: username, common: req.application.commonPasswords)
            let hash = try await req.password.async.hash(password)
            _ = try await UserAdministration.create(
                username: username, displayName: form.displayName ?? "", role: role, passwordHash: hash, mustChangePassword: true,
                by: AccountActor(try req.currentUser, request: req), on: req.db
            )
            return req.redirect(to: SiteURL.admin(.users).path + "?done=created")
        } catch let refusal as AccountRefusal {
            return try await render(req, create: form, createError: refusal, status: .unprocessableEntity)
        }
    }

    func disable(req: Request) async throws -> Response {
        try await change(req, done: "disabled") { user, actor in try await UserAdministration.disable(user, by: actor, on: req.db) }
    }

    func enable(req: Request) async throws -> Response {
        try await change(req, done: "enabled") { user, actor in try await UserAdministration.enable(user, by: actor, on: req.db) }
    }

    func unlock(req: Request) async throws -> Response {
        try await change(req, done: "unlocked") { user, actor in try await UserAdministration.unlock(user, by: actor, on: req.db) }
    }

    func setRole(req: Request) async throws -> Response {
        let form = try req.content.decode(RoleForm.self)
        return try await change(req, done: "role") { user, actor in
            try await UserAdministration.setRole(user, to: try UserAdministration.role(form.role ?? ""), by: actor, on: req.db)
        }
    }

    func resetPassword(req: Request) async throws -> Response {
        let form = try req.content.decode(PasswordForm.self)
        return try await change(req, done: "reset") { user, actor in
            let password = form.password ?? ""
            try UserAdministration.checkPassword(password, username: user.username, common: req.application.commonPasswords)
            try await UserAdministration.resetPassword(user, passwordHash: try await req.password.async.hash(password), by: actor, on: req.db)
        }
    }

    /// Removes a user's authenticator and recovery codes (a lost phone); their sessions end, and a role that requires
    /// two-step sign-in sets it up again at the next sign-in.
    func resetTwoStep(req: Request) async throws -> Response {
        try await change(req, done: "two-step") { user, actor in try await UserAdministration.resetTwoStep(user, by: actor, on: req.db) }
    }

    /// One action on one user: authorized, then done, then back to the list (or the list again with the refusal).
    private func change(_ req: Request, done: String, _ action: (User, AccountActor) async throws -> Void) async throws -> Response {
        try await PatientAccess.authorize(.manageUsers, on: req)
        guard let id = req.parameters.get("userID", as: UUID.self), let user = try await User.find(id, on: req.db) else {
            throw AppError.notFound("There is no such user. Go back to the list of users and try again.")
        }
        do {
            try await action(user, AccountActor(try req.currentUser, request: req))
            return req.redirect(to: SiteURL.admin(.users).path + "?done=\(done)")
        } catch let refusal as AccountRefusal {
            return try await render(req, create: CreateForm(), rowError: (id, refusal.message), status: .unprocessableEntity)
        }
    }

    private func render(
        _ req: Request, create: CreateForm, createError: AccountRefusal? = nil, rowError: (UUID, String)? = nil,
        notice: String? = nil, status: HTTPResponseStatus
    ) async throws -> Response {
        let me = try req.currentUser
        let now = req.now
        let users = try await User.query(on: req.db).sort(\.$username).all()
        let rows = try users.map { user in
            let id = try user.requireID()
            return UsersPage.Row(
                id: id, username: user.username, displayName: user.displayName,
                role: Role(rawValue: user.role) ?? .aide, status: AccountStatus(user, now: now), isSelf: id == me.id, hasTwoStep: user.hasTwoStep,
                error: rowError?.0 == id ? rowError?.1 : nil
            )
        }
        func error(_ field: String) -> String? { createError?.field == field ? createError?.message : nil }
        let page = UsersPage(
            shell: PageShell(request: req, title: "Users"), rows: rows, notice: notice, twoStepRequired: req.application.settings.twoStep.requiredRoles,
            createFields: [
                InputField(id: "new-username", name: "username", label: "Username", value: create.username ?? "", error: error("username"),
                           hint: "Letters, digits, '.', '_' or '-'; what they type to sign in."),
                InputField(id: "new-name", name: "displayName", label: "Name shown on screen", value: create.displayName ?? "", error: error("displayName")),
                InputField(id: "new-role", name: "role", label: "Role", type: "select", error: error("role"),
                           options: Role.allCases.map { FieldOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == create.role) }),
                InputField(id: "new-password", name: "password", label: "Temporary password", type: "password", error: error("password"),
                           hint: "At least \(PasswordRules.minimumLength) characters, not a common password. Tell the person in person or by phone."),
            ],
            createOpen: createError != nil
        )
        return try await UsersView.render(page).encodeResponse(status: status, for: req)
    }
}
