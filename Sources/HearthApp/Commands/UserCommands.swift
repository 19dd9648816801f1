import Fluent
import Foundation
import HearthCore
import Vapor

/// `hearth user create|list|disable|enable|set-role|reset-password|unlock|mfa-reset`: the operator's side of granting and
/// ending access [45 CFR 164.308(a)(3)(ii)(C)]. Passwords come from standard input or a prompt, never an argument.
struct UserCommand: AsyncCommandGroup {
    var help: String { "Creates, lists, disables, re-enables and unlocks users, sets roles, resets passwords and two-step sign-in." }
    var commands: [String: any AnyAsyncCommand] {
        [
            "create": CreateUserCommand(), "list": ListUsersCommand(),
            "disable": UserChangeCommand(change: .disable), "enable": UserChangeCommand(change: .enable),
            "unlock": UserChangeCommand(change: .unlock), "set-role": SetRoleCommand(), "reset-password": ResetPasswordCommand(),
            "mfa-reset": ResetTwoStepCommand(),
        ]
    }
}

/// `hearth user create --role R --username U [--name "Display Name"]` (also `hearth create-user`).
struct CreateUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "role", help: "admin, supervisor, case-manager, clinician, aide, physician, intake, payer or hospital-case-manager") var role: String?
        @Option(name: "username", help: "The sign-in name (letters, digits, . _ -)") var username: String?
        @Option(name: "name", help: "The name shown on screen (default: the username)") var name: String?
    }

    var help: String { "Creates a user; reads the password from standard input (or prompts on a terminal)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.requireMigrated()
        let role = try cli { try UserAdministration.role(signature.role ?? "") }
        let username = try cli { try UserAdministration.username(signature.username ?? "") }
        let password = try readPassword(context)
        try cli { try UserAdministration.checkPassword(password, username: username, common: app.commonPasswords) }
        _ = try await cli {
            try await UserAdministration.create(
                username: username, displayName: signature.name ?? username, role: role,
                passwordHash: try app.password.hash(password), by: .commandLine, on: app.db
            )
        }
        context.console.print("Created \(role.title.lowercased()) '\(username)'.")
    }
}

/// `hearth user list`: who can sign in, with role and status.
struct ListUsersCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Lists users: username, role, status (active, locked, disabled, must change password)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.requireMigrated()
        let now = Date()
        for user in try await User.query(on: context.application.db).sort(\.$username).all() {
            context.console.print([user.username, user.role, AccountStatus(user, now: now).label].joined(separator: "\t"))
        }
    }
}

/// `hearth user disable|enable|unlock --username U`.
struct UserChangeCommand: AsyncCommand {
    enum Change: String, Sendable { case disable, enable, unlock }
    struct Signature: CommandSignature {
        @Option(name: "username", help: "Whose account") var username: String?
    }

    let change: Change
    var help: String {
        switch change {
        case .disable: "Disables a user: their sessions and tokens end at once."
        case .enable: "Re-enables a disabled user."
        case .unlock: "Unlocks an account locked after failed sign-ins."
        }
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        try await context.application.requireMigrated()
        let user = try await cli { try await UserAdministration.find(username: try requiredUsername(signature.username), on: db) }
        try await cli {
            switch change {
            case .disable: try await UserAdministration.disable(user, by: .commandLine, on: db)
            case .enable: try await UserAdministration.enable(user, by: .commandLine, on: db)
            case .unlock: try await UserAdministration.unlock(user, by: .commandLine, on: db)
            }
        }
        let done = switch change {
        case .disable: "Disabled '\(user.username)'; their sessions and tokens have ended."
        case .enable: "Re-enabled '\(user.username)'."
        case .unlock: "Unlocked '\(user.username)'."
        }
        context.console.print(done)
    }
}

/// `hearth user set-role --username U --role R`.
struct SetRoleCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "username", help: "Whose account") var username: String?
        @Option(name: "role", help: "The new role") var role: String?
    }

    var help: String { "Changes a user's role." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        try await context.application.requireMigrated()
        let role = try cli { try UserAdministration.role(signature.role ?? "") }
        let user = try await cli { try await UserAdministration.find(username: try requiredUsername(signature.username), on: db) }
        try await cli { try await UserAdministration.setRole(user, to: role, by: .commandLine, on: db) }
        context.console.print("'\(user.username)' is now \(role.title.lowercased()).")
    }
}

/// `hearth user reset-password --username U`: a temporary password from stdin that must be changed at next sign-in.
struct ResetPasswordCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "username", help: "Whose account") var username: String?
    }

    var help: String { "Sets a temporary password (from standard input) that the user must change at the next sign-in." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.requireMigrated()
        let user = try await cli { try await UserAdministration.find(username: try requiredUsername(signature.username), on: app.db) }
        let password = try readPassword(context)
        try cli { try UserAdministration.checkPassword(password, username: user.username, common: app.commonPasswords) }
        try await UserAdministration.resetPassword(user, passwordHash: try app.password.hash(password), by: .commandLine, on: app.db)
        context.console.print("Reset the password of '\(user.username)'; they must choose a new one at their next sign-in.")
    }
}

/// `hearth user mfa-reset <username>`: removes a user's authenticator and recovery codes (a lost phone) and ends their
/// sessions; they set it up again, at once at their next sign-in when their role requires it.
struct ResetTwoStepCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "username", help: "Whose two-step sign-in to reset") var username: String
    }

    var help: String { "Resets a user's two-step sign-in (authenticator and recovery codes) and ends their sessions." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        try await context.application.requireMigrated()
        let user = try await cli { try await UserAdministration.find(username: signature.username, on: db) }
        try await cli { try await UserAdministration.resetTwoStep(user, by: .commandLine, on: db) }
        context.console.print("Reset the two-step sign-in of '\(user.username)'; their sessions have ended and they set it up again from their account page.")
    }
}

/// An account's state as an administrator reads it.
enum AccountStatus: Sendable {
    case active, locked, disabled, mustChangePassword

    init(_ user: User, now: Date) {
        if !user.isActive { self = .disabled }
        else if let until = user.lockedUntil, until > now { self = .locked }
        else if user.mustChangePassword { self = .mustChangePassword }
        else { self = .active }
    }

    var label: String {
        switch self {
        case .active: "Active"
        case .locked: "Locked"
        case .disabled: "Disabled"
        case .mustChangePassword: "Must change password"
        }
    }
}

private func requiredUsername(_ value: String?) throws -> String {
    guard let value, !value.isEmpty else { throw AccountRefusal(field: "username", message: "--username is required.") }
    return value
}

/// Runs a step, turning a refused account change into the one-line failure operators see.
func cli<T>(_ step: () async throws -> T) async throws -> T {
    do { return try await step() } catch let refusal as AccountRefusal { throw CommandFailure(refusal.message) }
}

func cli<T>(_ step: () throws -> T) throws -> T {
    do { return try step() } catch let refusal as AccountRefusal { throw CommandFailure(refusal.message) }
}

/// A password from a prompt on a terminal (asked twice), else the first line of standard input.
func readPassword(_ context: CommandContext) throws -> String {
    if isatty(STDIN_FILENO) == 1 {
        let first = context.console.ask("Password:", isSecure: true)
        let second = context.console.ask("Repeat password:", isSecure: true)
        guard first == second else { throw CommandFailure("the passwords do not match.") }
        return first
    }
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw CommandFailure("no password on standard input: pipe it in, e.g. `printf '%s\\n' \"$PW\" | hearth user create …`.")
    }
    return line
}
