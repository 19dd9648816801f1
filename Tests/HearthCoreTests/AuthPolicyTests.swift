import Foundation
import Testing
@testable import HearthCore

@Suite struct AuthPolicyTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// NIST SP 800-63B 5.2.2: limit failed attempts by growing waits, not a lock anyone could put on an account.
    @Test func failuresAfterTheFreeTriesMakeTheNextAttemptWaitTwiceAsLong() {
        let policy = LockoutPolicy.standard
        var state = LockoutPolicy.State(failures: 0, lockedUntil: nil)
        for _ in 1...4 { state = policy.afterFailure(state, now: now) }
        #expect(state.failures == 4)
        #expect(policy.wait(state, now: now) == nil)
        state = policy.afterFailure(state, now: now)
        #expect(policy.wait(state, now: now) == 1)
        var waits: [TimeInterval] = []
        var clock = now
        for _ in 1...12 {
            clock = state.lockedUntil ?? clock
            state = policy.afterFailure(state, now: clock)
            waits.append((policy.wait(state, now: clock) ?? 0).rounded())
        }
        #expect(Array(waits.prefix(5)) == [2, 4, 8, 16, 32])
        #expect(waits.allSatisfy { $0 <= 15 * 60 } && waits.last.map { abs($0 - 15 * 60) < 1 } == true) // never longer
        // An hour after the last wait ended, the count starts over; a success resets it at once.
        let later = policy.afterFailure(state, now: state.lockedUntil!.addingTimeInterval(60 * 60 + 1))
        #expect(later == .init(failures: 1, lockedUntil: nil))
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
        #expect(PasswordRules.problem(with: "quiet-harbor-lantern", username: "casemanager") == nil)
        #expect(PasswordRules.problem(with: String(repeating: "x", count: 129), username: "amy") != nil)
    }

    /// NIST SP 800-63B §5.1.1.2: a new password is checked against a list of commonly used or compromised ones.
    /// Issue 20 #8 names three that were accepted.
    @Test func theShippedListRefusesCommonPasswordsWhateverTheirCase() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/Auth/common-passwords.txt")
        let common = CommonPasswords(text: try String(contentsOf: file, encoding: .utf8))
        #expect(common.count > 100)
        for weak in ["password1234", "1234567890", "hearth-demo", "Password1234", "QWERTYUIOP"] {
            #expect(PasswordRules.problem(with: weak, username: "amy", common: common)?.contains("commonly used") == true, "\(weak)")
        }
        #expect(PasswordRules.problem(with: "quiet-harbor-lantern", username: "amy", common: common) == nil)
        #expect(!common.contains("# Commonly used and breached passwords that Hearth refuses (NIST SP 800-63B 5.1.1.2)."))
    }

    /// 45 CFR 164.308(a)(4)(ii)(C): a machine's access ends on a date; 90 days unless said otherwise.
    @Test func tokensExpire() {
        let made = now
        #expect(TokenLifetime.expiry(createdAt: made, days: 30) == made.addingTimeInterval(30 * 86_400))
        #expect(!TokenLifetime.isExpired(createdAt: made, expiresAt: nil, now: made.addingTimeInterval(89 * 86_400)))
        #expect(TokenLifetime.isExpired(createdAt: made, expiresAt: nil, now: made.addingTimeInterval(90 * 86_400)))
        #expect(TokenLifetime.isExpired(createdAt: made, expiresAt: made.addingTimeInterval(60), now: made.addingTimeInterval(60)))
    }
}
