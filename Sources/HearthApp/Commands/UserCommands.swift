import Fluent
import Foundation
import HearthCore
import Vapor

/// `hearth create-user --role R --username U [--name "Display Name"]`; the password comes from stdin or a prompt.
struct CreateUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "role", help: "admin, supervisor, case-manager, clinician, aide, physician, intake or payer") var role: String?
        @Option(name: "username", help: "The sign-in name (letters, digits, . _ -)") var username: String?
        @Option(name: "name", help: "The name shown on screen (default: the username)") var name: String?
    }

    var help: String { "Creates a user; reads the password from standard input (or prompts on a terminal)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.requireMigrated()
        guard let roleText = signature.role, let role = Role(loose: roleText) else {
            throw CommandFailure("--role must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard let username = signature.username?.lowercased(), username.wholeMatch(of: /[a-z0-9._-]{2,64}/) != nil else {
            throw CommandFailure("--username must be 2–64 letters, digits, '.', '_' or '-'.")
        }
        let password = try readPassword(context)
        if let problem = PasswordRules.problem(with: password, username: username) {
            throw CommandFailure("password refused: \(problem)")
        }
        if try await User.query(on: app.db).filter(\.$username == username).first() != nil {
            throw CommandFailure("a user named '\(username)' already exists.")
        }
        let user = User(username: username, displayName: signature.name ?? username, role: role.rawValue, passwordHash: try app.password.hash(password))
        try await app.db.transaction { db in
            try await user.create(on: db)
            try await AuditLog.record(.init(actorName: "cli", action: "user.create", outcome: .success, resourceType: "User", resourceID: user.id?.uuidString, detail: "\(username) as \(role.rawValue)"), on: db)
        }
        context.console.print("Created \(role.title.lowercased()) '\(username)'.")
    }

    private func readPassword(_ context: CommandContext) throws -> String {
        if isatty(STDIN_FILENO) == 1 {
            let first = context.console.ask("Password:", isSecure: true)
            let second = context.console.ask("Repeat password:", isSecure: true)
            guard first == second else { throw CommandFailure("the passwords do not match.") }
            return first
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CommandFailure("no password on standard input: pipe it in, e.g. `printf '%s\\n' \"$PW\" | hearth create-user …`.")
        }
        return line
    }
}

/// `hearth token create --username U [--name N]`: prints a bearer token once and stores only its hash.
struct TokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create") var action: String
        @Option(name: "username", help: "Whose token it is") var username: String?
        @Option(name: "name", help: "What the token is for, e.g. 'lab interface'") var name: String?
    }

    var help: String { "Creates a bearer token for a machine client." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else { throw CommandFailure("unknown action '\(signature.action)': use `hearth token create --username U`.") }
        guard let username = signature.username?.lowercased() else { throw CommandFailure("--username is required.") }
        try await context.application.requireMigrated()
        let db = context.application.db
        guard let user = try await User.query(on: db).filter(\.$username == username).first() else {
            throw CommandFailure("no user named '\(username)'.")
        }
        let secret = "hth_" + Secret.make()
        let token = APIToken(tokenHash: Secret.hash(secret), userID: try user.requireID(), name: signature.name ?? "cli", now: Date())
        try await db.transaction { db in
            try await token.create(on: db)
            try await AuditLog.record(.init(actorName: "cli", action: "token.create", outcome: .success, resourceType: "APIToken", resourceID: token.id?.uuidString, detail: "for \(username)"), on: db)
        }
        context.console.print(secret)
    }
}

/// `hearth audit verify` checks the hash chain; `hearth audit seal` links waiting records now.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify or seal") var action: String
    }

    var help: String { "Verifies (or seals) the tamper-evident audit trail." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.requireMigrated()
        let db = context.application.db
        switch signature.action {
        case "seal":
            let sealed = try await AuditSealer.sealAll(on: db)
            context.console.print("Sealed \(sealed) audit records.")
        case "verify":
            let result = try await AuditVerification.run(on: db)
            if let problem = result.problem {
                throw CommandFailure("audit trail FAILED verification: \(problem) (\(result.checked) records checked before it).")
            }
            context.console.print("Audit trail OK: \(result.checked) sealed records verified; \(result.unsealed) recent records not yet sealed.")
        default:
            throw CommandFailure("unknown action '\(signature.action)': use `hearth audit verify` or `hearth audit seal`.")
        }
    }
}

/// A command that could not do its job: printed as one line, exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
