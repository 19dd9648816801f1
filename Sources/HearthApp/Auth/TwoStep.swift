import Fluent
import FluentSQL
import Foundation
import HearthCore
import Vapor

/// Two-step sign-in's records: setting up an authenticator, checking a code or a recovery code (each accepted once,
/// even when two instances receive it at the same moment), new recovery codes, turning it off. Changes are audited in
/// their transaction [45 CFR 164.312(d), 164.312(b)].
enum TwoStep {
    /// What a typed code turned out to be.
    enum Check: Equatable {
        case code, recoveryCode(left: Int)
        /// Refused: `reason` for the audit trail, `message` for the person.
        case refused(reason: String, message: String)
    }

    static let wrongCode = "That code is not right. Type the 6 digits your authenticator app shows now for Hearth."
    static let reusedCode = "That code was already used. Wait for your app to show a new code, then type it."
    static let wrongRecoveryCode = "That recovery code is not right or was already used. Check it, or use another of your codes."
    static let unreadableSecret = "Hearth cannot read your authenticator's key (the server's key changed). Use a recovery code, or ask an administrator to reset your two-step sign-in."

    /// The server's key outside the database, from which the secrets' keys are derived (the audit key).
    static func key(_ app: Application) -> SecretKey? { app.settings.auditKey.map(SecretKey.init) }

    /// The secret being set up: the one already shown, or a new one when there is none or `fresh` asks for it.
    static func pendingSecret(of user: User, key: SecretKey?, fresh: Bool = false, on db: any Database) async throws -> Data {
        let id = try user.requireID().uuidString
        if !fresh, let stored = user.totpPendingSecret, let secret = SealedSecret.open(stored, userID: id, key: key) { return secret }
        let secret = TOTP.newSecret()
        user.totpPendingSecret = try SealedSecret.seal(secret, userID: id, key: key)
        try await user.save(on: db)
        return secret
    }

    /// Turns the authenticator being set up on once a current code from it is typed; returns the new recovery codes
    /// (shown once), or nil when the code is wrong.
    static func confirm(_ user: User, code: String, now: Date, key: SecretKey?, by request: Request) async throws -> [String]? {
        let id = try user.requireID()
        guard let stored = user.totpPendingSecret, let secret = SealedSecret.open(stored, userID: id.uuidString, key: key),
              case .accepted(let step) = TOTP(secret: secret).check(code, now: now, lastUsedStep: nil) else { return nil }
        let codes = RecoveryCodes.generate()
        let replacing = user.hasTwoStep
        try await request.auditedWrite { db, audit in
            user.setAuthenticator(stored, since: now, lastStep: step)
            try await user.save(on: db)
            try await replaceRecoveryCodes(of: user, with: codes, now: now, key: key, on: db)
            // A session that had to set it up is signed in from now on.
            if case .session(let sessionID, _) = try request.currentUser.via {
                try await WebSession.query(on: db).filter(\.$id == sessionID).set(\.$stage, to: nil).update()
            }
            try await audit(replacing ? "mfa.replace" : "mfa.enrol", resourceType: "User", resourceID: id.uuidString,
                                    detail: "authenticator \(replacing ? "replaced" : "set up"); \(codes.count) recovery codes issued")
        }
        return codes
    }

    /// Checks the second step: a 6-digit code (one step either side, once), or a recovery code (used up).
    static func check(_ user: User, code: String?, recoveryCode: String?, now: Date, key: SecretKey?, on db: any Database) async throws -> Check {
        let id = try user.requireID()
        if let typed = recoveryCode?.trimmingCharacters(in: .whitespaces), !typed.isEmpty {
            guard let hash = RecoveryCodes.hash(typed, userID: id.uuidString, key: key),
                  let row = try await RecoveryCode.query(on: db).filter(\.$user.$id == id).filter(\.$codeHash == hash).first(),
                  row.usedAt == nil, try await use(row, now: now, on: db)
            else { return .refused(reason: "wrong or used recovery code", message: wrongRecoveryCode) }
            let left = try await RecoveryCode.query(on: db).filter(\.$user.$id == id).filter(\.$usedAt == nil).count()
            return .recoveryCode(left: left)
        }
        guard let stored = user.totpSecret, let secret = SealedSecret.open(stored, userID: id.uuidString, key: key) else {
            return .refused(reason: "authenticator key unreadable with this server's key", message: unreadableSecret)
        }
        switch TOTP(secret: secret).check(code ?? "", now: now, lastUsedStep: user.totpLastStep) {
        case .wrong: return .refused(reason: "wrong code", message: wrongCode)
        case .reused: return .refused(reason: "code already used (replay refused)", message: reusedCode)
        case .accepted(let step):
            guard try await remember(step, of: id, on: db) else { return .refused(reason: "code already used (replay refused)", message: reusedCode) }
            user.totpLastStep = step
            return .code
        }
    }

    /// New recovery codes in place of all the old ones, used or not.
    static func regenerate(_ user: User, now: Date, key: SecretKey?, by request: Request) async throws -> [String] {
        let codes = RecoveryCodes.generate()
        try await request.auditedWrite { db, audit in
            try await replaceRecoveryCodes(of: user, with: codes, now: now, key: key, on: db)
            try await audit("mfa.recovery-codes", resourceType: "User", resourceID: user.id?.uuidString,
                                    detail: "\(codes.count) new recovery codes; the old ones no longer work")
        }
        return codes
    }

    /// Removes the authenticator and the recovery codes: the user's own choice, or an administrator's reset.
    static func remove(from user: User, on db: any Database) async throws {
        user.setAuthenticator(nil, since: nil, lastStep: nil)
        try await user.save(on: db)
        try await RecoveryCode.query(on: db).filter(\.$user.$id == (try user.requireID())).delete()
    }

    static func recoveryCodesLeft(_ user: User, on db: any Database) async throws -> Int {
        try await RecoveryCode.query(on: db).filter(\.$user.$id == (try user.requireID())).filter(\.$usedAt == nil).count()
    }

    private static func replaceRecoveryCodes(of user: User, with codes: [String], now: Date, key: SecretKey?, on db: any Database) async throws {
        let id = try user.requireID()
        try await RecoveryCode.query(on: db).filter(\.$user.$id == id).delete()
        for code in codes {
            guard let hash = RecoveryCodes.hash(code, userID: id.uuidString, key: key) else { continue }
            try await RecoveryCode(userID: id, codeHash: hash, now: now).create(on: db)
        }
    }

    /// Marks a recovery code used only if no one else did first: true for the one request that did.
    private static func use(_ row: RecoveryCode, now: Date, on db: any Database) async throws -> Bool {
        let sql = try db.sql
        return try await !sql.update(RecoveryCode.schema).set("used_at", to: now)
            .where("id", .equal, try row.requireID()).where("used_at", .is, SQLLiteral.null)
            .returning("id").all().isEmpty
    }

    /// Records the code's time step only if it is newer than the last one used: true for the one request that did, so
    /// the same code sent twice at once (to two instances) signs in once.
    private static func remember(_ step: Int64, of userID: UUID, on db: any Database) async throws -> Bool {
        let sql = try db.sql
        return try await !sql.update(User.schema).set("totp_last_step", to: step)
            .where("id", .equal, userID)
            .where(group: { $0.where("totp_last_step", .is, SQLLiteral.null).orWhere("totp_last_step", .lessThan, step) })
            .returning("id").all().isEmpty
    }
}

extension User {
    /// Puts a sealed secret in use (or none), ending any set-up in progress and the count of wrong codes.
    func setAuthenticator(_ sealed: String?, since: Date?, lastStep: Int64?) {
        totpSecret = sealed
        totpPendingSecret = nil
        totpEnabledAt = since
        totpLastStep = lastStep
        mfaFailedAttempts = 0
        mfaLockedUntil = nil
    }
}

extension UserAdministration {
    /// An administrator's reset of someone's two-step sign-in (a lost phone): authenticator and recovery codes removed,
    /// sessions ended, audited. Refused when there is nothing to reset.
    static func resetTwoStep(_ user: User, by actor: AccountActor, on db: any Database) async throws {
        guard user.hasTwoStep || user.totpPendingSecret != nil else {
            throw AccountRefusal(field: "user", message: "\(user.username) has not set up two-step sign-in: there is nothing to reset.")
        }
        try await db.transaction { db in
            try await TwoStep.remove(from: user, on: db)
            let sessions = try await WebSession.query(on: db).filter(\.$user.$id == (try user.requireID())).count()
            try await WebSession.query(on: db).filter(\.$user.$id == (try user.requireID())).delete()
            try await AuditLog.record(.init(
                actorID: actor.id, actorName: actor.name, action: "user.mfa-reset", outcome: .success, resourceType: "User",
                resourceID: user.id?.uuidString, detail: "reset the two-step sign-in of \(user.username); ended \(sessions) session(s)", request: actor.request
            ), on: db)
        }
    }
}
