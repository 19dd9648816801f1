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

/// Rules a new password must meet (NIST SP 800-63B §5.1.1: length over complexity).
public enum PasswordRules {
    public static let minimumLength = 10

    /// A reason the password is refused, or nil when it is acceptable.
    public static func problem(with password: String, username: String) -> String? {
        if password.count < minimumLength {
            return "Use at least \(minimumLength) characters."
        }
        if password.lowercased().contains(username.lowercased()) {
            return "The password must not contain the username."
        }
        return nil
    }
}
