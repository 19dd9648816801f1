import Foundation
import Testing
@testable import HearthCore

@Suite struct AuthPolicyTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// NIST SP 800-63B §5.2.2: limit failed attempts. Hearth: 5 failures lock for 15 minutes.
    @Test func fifthFailureLocksForFifteenMinutes() {
        let policy = LockoutPolicy.standard
        var state = LockoutPolicy.State(failures: 0, lockedUntil: nil)
        for _ in 1...4 { state = policy.afterFailure(state, now: now) }
        #expect(state.failures == 4)
        #expect(!policy.isLocked(state, now: now))
        state = policy.afterFailure(state, now: now)
        #expect(policy.isLocked(state, now: now))
        #expect(policy.isLocked(state, now: now.addingTimeInterval(15 * 60 - 1)))
        #expect(!policy.isLocked(state, now: now.addingTimeInterval(15 * 60)))
        // After the lock expires, one failure does not lock again.
        let after = policy.afterFailure(state, now: now.addingTimeInterval(16 * 60))
        #expect(after.failures == 1 && after.lockedUntil == nil)
        #expect(policy.afterSuccess() == .init(failures: 0, lockedUntil: nil))
    }

    /// HIPAA 45 CFR 164.312(a)(2)(iii) automatic logoff: 15 idle minutes by default.
    @Test func idleSessionExpiresAtFifteenMinutes() {
        let policy = SessionPolicy()
        #expect(!policy.isExpired(createdAt: now, lastSeenAt: now, now: now.addingTimeInterval(14 * 60 + 59)))
        #expect(policy.isExpired(createdAt: now, lastSeenAt: now, now: now.addingTimeInterval(15 * 60)))
        // An active session still ends after 12 hours.
        #expect(policy.isExpired(createdAt: now, lastSeenAt: now.addingTimeInterval(12 * 3600 - 60), now: now.addingTimeInterval(12 * 3600)))
    }

    @Test func passwordRules() {
        #expect(PasswordRules.problem(with: "short", username: "amy") != nil)
        #expect(PasswordRules.problem(with: "amy-is-great-2026", username: "amy") != nil)
        #expect(PasswordRules.problem(with: "hearth-demo", username: "casemanager") == nil)
    }
}
