import Fluent
import Foundation
import HearthCore
import Vapor

/// Who changes an account: an administrator on the web, or the operator at the command line.
struct AccountActor: Sendable {
    var id: UUID?
    var name: String
    var request: Request?

    static let commandLine = AccountActor(id: nil, name: "cli", request: nil)

    init(id: UUID?, name: String, request: Request?) {
        self.id = id
        self.name = name
        self.request = request
    }

    init(_ user: CurrentUser, request: Request) {
        self.init(id: user.id, name: user.username, request: request)
    }
}

/// An account change refused, naming the form field to show it by.
struct AccountRefusal: Error, Sendable {
    var field: String
    var message: String
}

/// Granting and ending access, shared by the administrator's pages and `hearth user …`: every change is audited
/// (who did what to whom) in the transaction that makes it [45 CFR 164.308(a)(3)(ii)(C), 164.308(a)(4), 164.312(b)].
enum UserAdministration {
    /// A user name as typed, normalised: 2–64 lower-case letters, digits, '.', '_' or '-'.
    static func username(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard name.wholeMatch(of: /[a-z0-9._-]{2,64}/) != nil else {
            throw AccountRefusal(field: "username", message: "Use 2–64 letters, digits, '.', '_' or '-' for the username.")
        }
        return name
    }

    static func role(_ raw: String) throws -> Role {
        guard let role = Role(loose: raw) else {
            throw AccountRefusal(field: "role", message: "Choose a role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return role
    }

    /// Refuses a password NIST SP 800-63B §5.1.1.2 would: too short, containing the username, or a common one.
    static func checkPassword(_ password: String, username: String, common: CommonPasswords, field: String = "password") throws {
        if let problem = PasswordRules.problem(with: password, username: username, common: common) {
            throw AccountRefusal(field: field, message: problem)
        }
    }

    static func find(username: String, on db: any Database) async throws -> User {
        guard let user = try await User.query(on: db).filter(\.$username == username.lowercased()).first() else {
            throw AccountRefusal(field: "username", message: "There is no user named '\(username)'. Check the spelling with `hearth user list`.")
        }
        return user
    }

    /// `mustChangePassword` when someone else chose the password (an administrator on the web): the user replaces it.
    static func create(
        username: String, displayName: String, role: Role, passwordHash: String, mustChangePassword: Bool = false,
        by actor: AccountActor, on db: any Database
    ) async throws -> User {
        if try await User.query(on: db).filter(\.$username == username).first() != nil {
            throw AccountRefusal(field: "username", message: "A user named '\(username)' already exists. Choose another username.")
        }
        let name = displayName.trimmingCharacters(in: .whitespaces)
        if name.hasHiddenCharacters {
            throw AccountRefusal(field: "displayName", message: String.hiddenCharactersProblem)
        }
        let user = User(username: username, displayName: name.isEmpty ? username : String(name.prefix(100)), role: role.rawValue, passwordHash: passwordHash)
        user.mustChangePassword = mustChangePassword
        try await db.transaction { db in
            try await user.create(on: db)
            try await record("user.create", user, "\(username) as \(role.rawValue)", actor, db)
        }
        return user
    }

    /// Ends every session and token of the user at once; their next request is signed out or answered 401.
    static func disable(_ user: User, by actor: AccountActor, on db: any Database) async throws {
        if user.id == actor.id {
            throw AccountRefusal(field: "user", message: "You cannot disable your own account. Ask another administrator.")
        }
        try await requireAnotherAdmin(besides: user, on: db)
        try await db.transaction { db in
            user.isActive = false
            try await user.save(on: db)
            let ended = try await endAccess(of: user, on: db)
            try await record("user.disable", user, "disabled \(user.username); ended \(ended.sessions) session(s) and \(ended.tokens) token(s)", actor, db)
        }
    }

    static func enable(_ user: User, by actor: AccountActor, on db: any Database) async throws {
        try await db.transaction { db in
            user.isActive = true
            user.failedLogins = 0
            user.lockedUntil = nil
            try await user.save(on: db)
            try await record("user.enable", user, "re-enabled \(user.username)", actor, db)
        }
    }

    static func setRole(_ user: User, to role: Role, by actor: AccountActor, on db: any Database) async throws {
        let old = user.role
        guard old != role.rawValue else { return }
        if old == Role.admin.rawValue { try await requireAnotherAdmin(besides: user, on: db) }
        try await db.transaction { db in
            user.role = role.rawValue
            try await user.save(on: db)
            try await record("user.role", user, "\(user.username) from \(old) to \(role.rawValue)", actor, db)
        }
    }

    /// Sets a temporary password the user must change at the next sign-in; their sessions end now.
    static func resetPassword(_ user: User, passwordHash: String, by actor: AccountActor, on db: any Database) async throws {
        try await db.transaction { db in
            user.passwordHash = passwordHash
            user.mustChangePassword = true
            user.failedLogins = 0
            user.lockedUntil = nil
            try await user.save(on: db)
            try await WebSession.query(on: db).filter(\.$user.$id == (try user.requireID())).delete()
            try await record("user.reset-password", user, "reset the password of \(user.username); change required at next sign-in", actor, db)
        }
    }

    static func unlock(_ user: User, by actor: AccountActor, on db: any Database) async throws {
        try await db.transaction { db in
            user.failedLogins = 0
            user.lockedUntil = nil
            try await user.save(on: db)
            try await record("user.unlock", user, "unlocked \(user.username)", actor, db)
        }
    }

    /// The user's own change: their other sessions end, this one continues.
    static func changeOwnPassword(_ user: User, passwordHash: String, keepingSession sessionID: UUID?, by actor: AccountActor, on db: any Database) async throws {
        try await db.transaction { db in
            user.passwordHash = passwordHash
            user.mustChangePassword = false
            try await user.save(on: db)
            let others = WebSession.query(on: db).filter(\.$user.$id == (try user.requireID()))
            if let sessionID { others.filter(\.$id != sessionID) }
            try await others.delete()
            try await record("password.change", user, "\(user.username) changed their password", actor, db)
        }
    }

    /// Revokes one token, audited; revoking a revoked token changes nothing.
    static func revoke(_ token: APIToken, by actor: AccountActor, on db: any Database) async throws {
        guard token.revokedAt == nil else { return }
        try await db.transaction { db in
            token.revokedAt = Date()
            try await token.save(on: db)
            try await AuditLog.record(.init(
                actorID: actor.id, actorName: actor.name, action: "token.revoke", outcome: .success,
                resourceType: "APIToken", resourceID: token.id?.uuidString, detail: "'\(token.name)'", request: actor.request
            ), on: db)
        }
    }

    private static func endAccess(of user: User, on db: any Database) async throws -> (sessions: Int, tokens: Int) {
        let id = try user.requireID()
        let sessions = try await WebSession.query(on: db).filter(\.$user.$id == id).count()
        try await WebSession.query(on: db).filter(\.$user.$id == id).delete()
        let tokens = try await APIToken.query(on: db).filter(\.$user.$id == id).filter(\.$revokedAt == nil).all()
        for token in tokens {
            token.revokedAt = Date()
            try await token.save(on: db)
        }
        return (sessions, tokens.count)
    }

    /// Hearth keeps at least one active administrator, or no one could manage users again.
    private static func requireAnotherAdmin(besides user: User, on db: any Database) async throws {
        guard user.role == Role.admin.rawValue, user.isActive else { return }
        let others = try await User.query(on: db).filter(\.$role == Role.admin.rawValue).filter(\.$isActive == true)
            .filter(\.$id != (try user.requireID())).count()
        if others == 0 {
            throw AccountRefusal(field: "user", message: "\(user.username) is the only active administrator. Make another user an administrator first.")
        }
    }

    private static func record(_ action: String, _ user: User, _ detail: String, _ actor: AccountActor, _ db: any Database) async throws {
        try await AuditLog.record(.init(
            actorID: actor.id, actorName: actor.name, action: action, outcome: .success,
            resourceType: "User", resourceID: user.id?.uuidString, detail: detail, request: actor.request
        ), on: db)
    }
}
