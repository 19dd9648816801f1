import Foundation

/// Locks an account after repeated wrong passwords (NIST SP 800-63B §5.2.2, rate limiting).
public struct LockoutPolicy: Sendable {
    public var maxFailures: Int
    public var lockDuration: TimeInterval

    public static let standard = LockoutPolicy(maxFailures: 5, lockDuration: 15 * 60)

    public init(maxFailures: Int, lockDuration: TimeInterval) {
        self.maxFailures = maxFailures
        self.lockDuration = lockDuration
    }

    public struct State: Sendable, Equatable {
        public var failures: Int
        public var lockedUntil: Date?

        public init(failures: Int, lockedUntil: Date?) {
            self.failures = failures
            self.lockedUntil = lockedUntil
        }
    }

    public func isLocked(_ state: State, now: Date) -> Bool {
        guard let until = state.lockedUntil else { return false }
        return until > now
    }

    /// After a wrong password: count it, and lock once the limit is reached.
    public func afterFailure(_ state: State, now: Date) -> State {
        let failures = (state.lockedUntil.map { $0 <= now } ?? false) ? 1 : state.failures + 1
        if failures >= maxFailures {
            return State(failures: 0, lockedUntil: now.addingTimeInterval(lockDuration))
        }
        return State(failures: failures, lockedUntil: nil)
    }

    /// After a correct password the count starts over.
    public func afterSuccess() -> State { State(failures: 0, lockedUntil: nil) }
}
