import Foundation
import Testing
@testable import HearthCore

@Suite struct TwoStepSignInTests {
    /// RFC 6238 Appendix B: the SHA1 seed "12345678901234567890" (ASCII), X = 30, T0 = 0, 8 digits.
    static let rfcSeed = Data("12345678901234567890".utf8)
    static let appendixB: [(seconds: TimeInterval, step: Int64, code: String)] = [
        (59, 0x1, "94287082"),
        (1_111_111_109, 0x23523EC, "07081804"),
        (1_111_111_111, 0x23523ED, "14050471"),
        (1_234_567_890, 0x273EF07, "89005924"),
        (2_000_000_000, 0x3F940AA, "69279037"),
        (20_000_000_000, 0x27BC86AA, "65353130"),
    ]

    /// RFC 6238 Appendix B, the SHA1 rows: time, T (hex) and TOTP all as the table gives them.
    @Test func theRFC6238AppendixBVectorsForSHA1() {
        let totp = TOTP(secret: Self.rfcSeed, digits: 8)
        for row in Self.appendixB {
            let time = Date(timeIntervalSince1970: row.seconds)
            #expect(TOTP.step(at: time) == row.step)
            #expect(totp.code(at: time) == row.code)
        }
    }

    /// Authenticator apps show six digits: the last six of the same truncation (RFC 4226 section 5.3, Digit = 6).
    @Test func sixDigitCodesAreTheLastSixOfTheVectors() {
        let totp = TOTP(secret: Self.rfcSeed)
        for row in Self.appendixB {
            #expect(totp.code(at: Date(timeIntervalSince1970: row.seconds)) == String(row.code.suffix(6)))
        }
    }

    /// RFC 6238 section 5.2: one step of drift either way is accepted, two is not; a code is accepted once.
    @Test func oneStepEitherSideIsAcceptedAndACodeIsNeverAcceptedTwice() {
        let totp = TOTP(secret: Self.rfcSeed)
        let now = Date(timeIntervalSince1970: 1_111_111_111)
        let step = TOTP.step(at: now)
        #expect(totp.check(totp.code(step: step), now: now, lastUsedStep: nil) == .accepted(step: step))
        #expect(totp.check(totp.code(step: step - 1), now: now, lastUsedStep: nil) == .accepted(step: step - 1))
        #expect(totp.check(totp.code(step: step + 1), now: now, lastUsedStep: nil) == .accepted(step: step + 1))
        #expect(totp.check(totp.code(step: step - 2), now: now, lastUsedStep: nil) == .wrong)
        #expect(totp.check(totp.code(step: step + 2), now: now, lastUsedStep: nil) == .wrong)
        // Replay: the same code again, or an older one after a newer was used.
        #expect(totp.check(totp.code(step: step), now: now, lastUsedStep: step) == .reused)
        #expect(totp.check(totp.code(step: step - 1), now: now, lastUsedStep: step) == .reused)
        #expect(totp.check(totp.code(step: step + 1), now: now, lastUsedStep: step) == .accepted(step: step + 1))
        // Typed with a space, as apps show it; letters and short codes are simply wrong.
        let code = totp.code(step: step)
        #expect(totp.check(code.prefix(3) + " " + code.suffix(3), now: now, lastUsedStep: nil) == .accepted(step: step))
        #expect(totp.check("12345", now: now, lastUsedStep: nil) == .wrong)
        #expect(totp.check("abcdef", now: now, lastUsedStep: nil) == .wrong)
    }

    /// RFC 4648 section 10 test vectors for base32, and the otpauth address apps scan.
    @Test func base32AndTheAuthenticatorAddress() {
        let vectors = ["": "", "f": "MY", "fo": "MZXQ", "foo": "MZXW6", "foob": "MZXW6YQ", "fooba": "MZXW6YTB", "foobar": "MZXW6YTBOI"]
        for (plain, encoded) in vectors {
            #expect(Base32.encode(Data(plain.utf8)) == encoded)
            #expect(Base32.decode(encoded) == Data(plain.utf8))
        }
        #expect(Base32.decode("mzxw 6ytb-oi======") == Data("foobar".utf8))
        #expect(Base32.decode("MZXW1") == nil)
        #expect(Base32.grouped("MZXW6YTBOI") == "MZXW 6YTB OI")
        let uri = TOTP(secret: Data("foobar".utf8)).uri(issuer: "Hearth", account: "m.jones")
        #expect(uri == "otpauth://totp/Hearth:m.jones?secret=MZXW6YTBOI&issuer=Hearth&algorithm=SHA1&digits=6&period=30")
        #expect(TOTP.newSecret().count == 20)
    }

    /// NIST SP 800-63B 5.1.2: look-up secrets are random, used once, and stored hashed; typing is forgiven
    /// (case, dashes, I/L for 1 and O for 0).
    @Test func recoveryCodesAreRandomReadableAndStoredOnlyAsHashes() throws {
        let codes = RecoveryCodes.generate()
        #expect(codes.count == 10 && Set(codes).count == 10)
        #expect(codes.allSatisfy { $0.wholeMatch(of: /[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}/) != nil })
        #expect(RecoveryCodes.normalize("ABCD EFGH-0123-4567") == "abcdefgh01234567")
        #expect(RecoveryCodes.normalize("abcd-efgh-oil3-4567") == "abcdefgh01134567")
        #expect(RecoveryCodes.normalize("abcd-efgh-0123") == nil)
        #expect(RecoveryCodes.normalize("abcd-efgh-0123-456u") == nil)
        let key = SecretKey(try #require(AuditKey(String(repeating: "k", count: 32))))
        let hash = try #require(RecoveryCodes.hash(codes[0], userID: "u1", key: key))
        #expect(hash.hasPrefix("hmac:") && !hash.contains(codes[0]))
        #expect(RecoveryCodes.hash(codes[0].uppercased(), userID: "u1", key: key) == hash)
        #expect(RecoveryCodes.hash(codes[0], userID: "u2", key: key) != hash)
        #expect(RecoveryCodes.hash(codes[0], userID: "u1", key: nil)?.hasPrefix("sha256:") == true)
    }

    /// The secret at rest opens only with the server's key and only for its own user.
    @Test func aSealedSecretOpensOnlyWithItsKeyForItsUser() throws {
        let secret = TOTP.newSecret()
        let key = SecretKey(try #require(AuditKey(String(repeating: "a", count: 40))))
        let other = SecretKey(try #require(AuditKey(String(repeating: "b", count: 40))))
        let sealed = try SealedSecret.seal(secret, userID: "u1", key: key)
        #expect(sealed.hasPrefix("gcm:") && !sealed.contains(Base32.encode(secret)))
        #expect(SealedSecret.open(sealed, userID: "u1", key: key) == secret)
        #expect(SealedSecret.open(sealed, userID: "u2", key: key) == nil)
        #expect(SealedSecret.open(sealed, userID: "u1", key: other) == nil)
        #expect(SealedSecret.open(sealed, userID: "u1", key: nil) == nil)
        let plain = try SealedSecret.seal(secret, userID: "u1", key: nil)
        #expect(SealedSecret.open(plain, userID: "u1", key: nil) == secret)
    }

    /// The agency's setting: which roles must use two-step sign-in, and where a correct password leads.
    @Test func theAgencySettingAndTheStageAfterThePassword() {
        #expect(TwoStepPolicy(setting: "admin, supervisor")?.requiredRoles == [.admin, .supervisor])
        #expect(TwoStepPolicy(setting: "case-manager")?.requires(.caseManager) == true)
        #expect(TwoStepPolicy(setting: "none")?.requiredRoles == [])
        #expect(TwoStepPolicy(setting: "")?.requiredRoles == [])
        #expect(TwoStepPolicy(setting: "admin,wizard") == nil)
        #expect(TwoStepPolicy.standard.setting == "admin,supervisor")
        #expect(SignInStage.afterPassword(enrolled: true, requiredForRole: false) == .awaitingCode)
        #expect(SignInStage.afterPassword(enrolled: true, requiredForRole: true) == .awaitingCode)
        #expect(SignInStage.afterPassword(enrolled: false, requiredForRole: true) == .mustEnrol)
        #expect(SignInStage.afterPassword(enrolled: false, requiredForRole: false) == .signedIn)
        #expect(SignInStage(stored: nil) == .signedIn)
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(!SignInStage.awaitingCode.hasExpired(startedAt: start, now: start.addingTimeInterval(300)))
        #expect(SignInStage.awaitingCode.hasExpired(startedAt: start, now: start.addingTimeInterval(301)))
        #expect(!SignInStage.mustEnrol.hasExpired(startedAt: start, now: start.addingTimeInterval(3600)))
    }
}
