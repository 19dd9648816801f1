import Crypto
import Foundation
import HearthCore
import Vapor

/// The signed-in user of this request, as every handler receives it.
struct CurrentUser: Authenticatable, Sendable {
    enum Via: Sendable { case session(id: UUID, csrfToken: String), bearer }

    let id: UUID
    let username: String
    let displayName: String
    let role: Role
    let via: Via
    /// An administrator reset the password: every page but the change-password page waits until it is changed.
    let mustChangePassword: Bool
    /// Their role requires two-step sign-in and they have none: only its set-up opens until it is done.
    let mustSetUpTwoStep: Bool

    init(user: User, via: Via, stage: SignInStage = .signedIn) throws {
        guard let role = Role(rawValue: user.role) else {
            throw AppError.forbidden("Your account has no valid role. Ask an administrator to set one.")
        }
        self.id = try user.requireID()
        self.username = user.username
        self.displayName = user.displayName
        self.role = role
        self.via = via
        self.mustChangePassword = user.mustChangePassword
        self.mustSetUpTwoStep = stage == .mustEnrol
    }

    var csrfToken: String? {
        if case .session(_, let token) = via { return token }
        return nil
    }
}

extension Request {
    /// The signed-in user; throws 401 (a redirect to log-in for browsers) when there is none.
    var currentUser: CurrentUser {
        get throws {
            guard let user = auth.get(CurrentUser.self) else { throw AppError.unauthenticated }
            return user
        }
    }

    /// True when the client reached us over TLS (directly or through a proxy that says so).
    var isSecure: Bool {
        application.settings.forceSecureCookies
            || headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https"
            || url.scheme == "https"
    }
}

/// Random secrets and their stored hashes.
enum Secret {
    /// 32 random bytes, URL-safe base64: for cookies, CSRF and bearer tokens.
    static func make() -> String {
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares without leaking through timing how much of the guess was right.
    static func equal(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
