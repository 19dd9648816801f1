import Foundation

/// Slows guessing with growing waits instead of a hard lock an attacker could put on anyone's account
/// (NIST SP 800-63B 5.2.2, rate limiting): after `freeFailures` wrong attempts each further one makes the next attempt
/// wait twice as long, from `firstWait` up to `longestWait`. Failures are forgotten `forgetAfter` after the last wait
/// ended, and at once after a success.
public struct LockoutPolicy: Sendable {
    public var freeFailures: Int
    public var firstWait: TimeInterval
    public var longestWait: TimeInterval
    public var forgetAfter: TimeInterval

    /// An account (by the name typed): 5 free tries, then 1 s, 2 s, 4 s … up to 15 minutes.
    public static let standard = LockoutPolicy(freeFailures: 5, firstWait: 1, longestWait: 15 * 60)
    /// One client address: more free tries (an agency office shares one address), the same growth.
    public static let address = LockoutPolicy(freeFailures: 20, firstWait: 1, longestWait: 15 * 60)

    public init(freeFailures: Int, firstWait: TimeInterval, longestWait: TimeInterval, forgetAfter: TimeInterval = 60 * 60) {
        self.freeFailures = freeFailures
        self.firstWait = firstWait
        self.longestWait = longestWait
        self.forgetAfter = forgetAfter
    }

    public struct State: Sendable, Equatable {
        public var failures: Int
        /// No attempt is checked before this time.
        public var lockedUntil: Date?

        public init(failures: Int, lockedUntil: Date?) {
            self.failures = failures
            self.lockedUntil = lockedUntil
        }
    }

    /// How long the next attempt must still wait; nil when it may go ahead.
    public func wait(_ state: State, now: Date) -> TimeInterval? {
        guard let until = state.lockedUntil, until > now else { return nil }
        return until.timeIntervalSince(now)
    }

    public func isLocked(_ state: State, now: Date) -> Bool { wait(state, now: now) != nil }

    /// After a wrong attempt: count it, and make the next one wait once the free tries are used.
    public func afterFailure(_ state: State, now: Date) -> State {
        let forgotten = state.lockedUntil.map { now.timeIntervalSince($0) > forgetAfter } ?? false
        let failures = (forgotten ? 0 : state.failures) + 1
        guard failures >= freeFailures else { return State(failures: failures, lockedUntil: nil) }
        let doublings = Double(min(failures - freeFailures, 30))
        return State(failures: failures, lockedUntil: now.addingTimeInterval(min(firstWait * pow(2, doublings), longestWait)))
    }

    /// After a correct attempt the count starts over.
    public func afterSuccess() -> State { State(failures: 0, lockedUntil: nil) }
}
