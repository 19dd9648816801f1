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
        // Every form carries one (`_once`): a chart of thirty forms makes thirty, so no per-byte random calls and no
        // string replacing (3% of the chart before).
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 { withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) } }
        return base64URL(bytes)
    }

    /// URL-safe base64 without padding (RFC 4648 §5).
    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var text: [UInt8] = []
        text.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * $1.offset) }
            for position in 0...chunk.count { text.append(alphabet[Int((value >> (18 - 6 * position)) & 0x3f)]) }
            index += 3
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).hexString
    }

    /// Compares without leaking through timing how much of the guess was right.
    static func equal(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
