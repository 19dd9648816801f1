import Foundation

/// When a signed-in session ends on its own: automatic log-off (HIPAA 45 CFR 164.312(a)(2)(iii)).
public struct SessionPolicy: Sendable {
    /// Idle time after which the user must sign in again.
    public var idleTimeout: TimeInterval
    /// A session never outlives a working day, however active.
    public var absoluteLifetime: TimeInterval

    public init(idleTimeout: TimeInterval = 15 * 60, absoluteLifetime: TimeInterval = 12 * 60 * 60) {
        self.idleTimeout = idleTimeout
        self.absoluteLifetime = absoluteLifetime
    }

    public func isExpired(createdAt: Date, lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) >= idleTimeout || now.timeIntervalSince(createdAt) >= absoluteLifetime
    }
}

/// Rules a new password must meet (NIST SP 800-63B §5.1.1.2: length over complexity, and never a password
/// from a list of commonly used or breached ones).
public enum PasswordRules {
    /// 800-63B asks for at least 8; Hearth has always asked for 10.
    public static let minimumLength = 10
    public static let maximumLength = 128

    /// A reason the password is refused, or nil when it is acceptable. `common` is the shipped list (lower case).
    public static func problem(with password: String, username: String, common: CommonPasswords = .init()) -> String? {
        if password.count < minimumLength {
            return "Use at least \(minimumLength) characters."
        }
        if password.count > maximumLength {
            return "Use at most \(maximumLength) characters."
        }
        if !username.isEmpty, password.lowercased().contains(username.lowercased()) {
            return "The password must not contain the username."
        }
        if common.contains(password) {
            return "This password is on the list of commonly used passwords. Choose a longer phrase of your own."
        }
        return nil
    }
}

/// Passwords that attackers try first: shipped as data (Resources/Auth/common-passwords.txt), one a line.
public struct CommonPasswords: Sendable {
    private let passwords: Set<String>

    public init(_ passwords: some Sequence<String> = []) {
        self.passwords = Set(passwords.map { $0.lowercased() })
    }

    /// One password a line; blank lines and lines starting with `#` are skipped.
    public init(text: String) {
        self.init(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    public var count: Int { passwords.count }

    /// Case does not make a common password uncommon ("Password1234" is "password1234").
    public func contains(_ password: String) -> Bool { passwords.contains(password.lowercased()) }
}

/// How long a machine client's bearer token lives (45 CFR 164.308(a)(4)(ii)(C): access is reviewed and ended).
public enum TokenLifetime {
    public static let defaultDays = 90
    public static let maximumDays = 365

    /// When a token made at `createdAt` stops working; `days` must be 1...maximumDays.
    public static func expiry(createdAt: Date, days: Int) -> Date {
        createdAt.addingTimeInterval(TimeInterval(days) * 24 * 60 * 60)
    }

    /// Tokens made before expiry existed end `defaultDays` after they were made.
    public static func isExpired(createdAt: Date, expiresAt: Date?, now: Date) -> Bool {
        now >= (expiresAt ?? expiry(createdAt: createdAt, days: defaultDays))
    }
}
