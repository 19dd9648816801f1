import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

/// Two-step sign-in (TOTP, RFC 6238, with recovery codes): set up by anyone, required for the roles the agency names,
/// reset by an administrator [HHS proposed 45 CFR 164.312(d) update: MFA; ONC 45 CFR 170.315(d)(13); NIST SP 800-63B
/// 5.1.2 (look-up secrets), 5.1.4.2 (single-factor OTP: accepted once), 5.2.2 (rate limiting)].
extension AllTests {
    @Suite struct TwoStepTests {
        static let auditKey = AuditKey("two-step-test-key-0123456789abcdef0123")!

        static func keyed(_ settings: inout Settings) { settings.auditKey = auditKey }

        /// Sets up an authenticator through the pages, as a person would; returns its secret and the recovery codes shown.
        @discardableResult
        static func enrol(_ browser: Browser) async throws -> (secret: Data, codes: [String]) {
            let setup = try await browser.get(SiteURL.account(.twoStepSetup).path)
            #expect(setup.status == .ok)
            let text = try #require(setup.body.string.firstMatch(of: /id="totp-secret"><code>([A-Z2-7 ]+)</))
            let secret = try #require(Base32.decode(String(text.1)))
            #expect(setup.body.string.contains("otpauth://totp/Hearth:"))
            let done = try await browser.post(SiteURL.account(.twoStepConfirm).path, form: ["code": TOTP(secret: secret).code(at: Date())])
            #expect(done.status == .ok)
            let codes = done.body.string.matches(of: /<li><code>([0-9a-z-]{19})<\/code><\/li>/).map { String($0.1) }
            return (secret, codes)
        }

        /// A code for the next time step: the current one was used to set the authenticator up, and is refused again.
        static func nextCode(_ secret: Data) -> String { TOTP(secret: secret).code(step: TOTP.step(at: Date()) + 1) }

        static func user(_ name: String, _ app: Application) async throws -> User {
            try #require(try await User.query(on: app.db).filter(\.$username == name).first())
        }

        @Test func anyoneSetsUpAnAuthenticatorByTypingItsCodeAndSeesTheRecoveryCodesOnce() async throws {
            try await withHearth(adjust: Self.keyed) { app in
                // setup
                _ = try await makeCast(app)
                let nurse = Browser(app)
                try await nurse.login("clinician")
                #expect(try await nurse.get(SiteURL.account(.twoStep).path).body.string.contains("<strong>Off.</strong>"))
                // act: a wrong code is refused by the field, the same key still shown
                let setup = try await nurse.get(SiteURL.account(.twoStepSetup).path)
                let key = try #require(setup.body.string.firstMatch(of: /id="totp-secret"><code>([A-Z2-7 ]+)</)).1
                #expect(key.count == 39) // 32 base32 characters (20 bytes) in groups of four
                let wrong = try await nurse.post(SiteURL.account(.twoStepConfirm).path, form: ["code": "000000"])
                #expect(wrong.status == .unprocessableEntity)
                #expect(wrong.body.string.contains("That code does not match this key") && wrong.body.string.contains(String(key)))
                let (secret, codes) = try await Self.enrol(nurse)
                // check
                #expect(Base32.encode(secret) == key.replacingOccurrences(of: " ", with: ""))
                #expect(codes.count == 10 && Set(codes).count == 10)
                let stored = try await Self.user("clinician", app)
                #expect(stored.hasTwoStep && stored.totpPendingSecret == nil)
                #expect(stored.totpSecret?.hasPrefix("gcm:") == true && stored.totpSecret?.contains(Base32.encode(secret)) == false)
                let hashes = try await RecoveryCode.query(on: app.db).filter(\.$user.$id == stored.requireID()).all().map(\.codeHash)
                #expect(hashes.count == 10 && hashes.allSatisfy { $0.hasPrefix("hmac:") && !codes.contains($0) })
                // Shown once: the account page counts them, never lists them.
                let account = try await nurse.get(SiteURL.account(.twoStep).path).body.string
                #expect(account.contains("10 of 10 recovery codes left") && !account.contains(codes[0]))
                #expect(try await auditTrail(app).contains { $0.action == "mfa.enrol" && $0.outcome == "success" && $0.actorName == "clinician" })
                #expect(try await auditTrail(app).contains { $0.action == "mfa.enrol" && $0.outcome == "failure" })
            }
        }

        @Test func signInAsksForTheCodeAfterThePasswordAndRefusesAReplayedCode() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let (secret, _) = try await Self.enrol(try await { let b = Browser(app); try await b.login("clinician"); return b }())
                // act: the password is only the first step; the half-signed-in browser reaches no page
                let browser = Browser(app)
                try await browser.get("/login")
                let first = try await browser.post("/login", form: ["username": "clinician", "password": Cast.password, "next": SiteURL.patient(cast.ownPatient.requireID()).path])
                #expect(first.status == .seeOther)
                #expect(first.headers.first(name: .location)?.hasPrefix(SiteURL.loginCode.path) == true)
                let codePage = try await browser.get(first.headers.first(name: .location) ?? "")
                #expect(codePage.status == .ok && codePage.body.string.contains("Two-step sign-in"))
                for path in [SiteURL.home.path, SiteURL.patient(try cast.ownPatient.requireID()).path, SiteURL.account(.twoStep).path, SiteURL.account(.twoStepSetup).path] {
                    let page = try await browser.get(path)
                    #expect(page.status == .seeOther && page.headers.first(name: .location)?.hasPrefix(SiteURL.login.path) == true, "\(path)")
                }
                #expect(try await browser.get(SiteURL.api(.me).path, headers: ["Accept": "application/json"]).status == .unauthorized)
                let write = try await browser.post(SiteURL.tasks.path, form: ["title": "x"])
                #expect(write.status == .seeOther && write.headers.first(name: .location)?.hasPrefix(SiteURL.login.path) == true)
                let wrong = try await browser.post(SiteURL.loginCode.path, form: ["code": "123456"])
                #expect(wrong.status == .unauthorized && wrong.body.string.contains("That code is not right"))
                let code = Self.nextCode(secret)
                let signedIn = try await browser.post(SiteURL.loginCode.path, form: ["code": code, "next": SiteURL.patient(cast.ownPatient.requireID()).path])
                // check: signed in, on the page asked for, with a new session cookie
                #expect(signedIn.status == .seeOther)
                #expect(signedIn.headers.first(name: .location) == SiteURL.patient(try cast.ownPatient.requireID()).path)
                #expect(try await browser.get(SiteURL.home.path).body.string.contains("signed-in-user"))
                // The same code again, from another browser with the right password: refused as a replay.
                let other = Browser(app)
                try await other.login("clinician")
                let replay = try await other.post(SiteURL.loginCode.path, form: ["code": code])
                #expect(replay.status == .unauthorized && replay.body.string.contains("already used"))
                let trail = try await auditTrail(app)
                #expect(trail.contains { $0.action == "login.password" && $0.actorName == "clinician" })
                #expect(trail.contains { $0.action == "login" && $0.detail == "second step: authenticator code" })
                #expect(trail.contains { $0.action == "login.mfa" && $0.outcome == "failure" && $0.detail == "wrong code" })
                #expect(trail.contains { $0.action == "login.mfa" && $0.outcome == "failure" && $0.detail?.contains("replay") == true })
            }
        }

        @Test func aHalfDoneSignInEndsAfterFiveMinutes() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let (secret, _) = try await Self.enrol(try await { let b = Browser(app); try await b.login("aide"); return b }())
                let browser = Browser(app)
                try await browser.login("aide")
                let pending = try #require(try await WebSession.query(on: app.db).filter(\.$stage == SignInStage.awaitingCode.rawValue).first())
                pending.createdAt = Date().addingTimeInterval(-(SignInStage.codeWindow + 1))
                try await pending.save(on: app.db)
                let late = try await browser.post(SiteURL.loginCode.path, form: ["code": Self.nextCode(secret)])
                #expect(late.status == .seeOther && late.headers.first(name: .location)?.hasPrefix(SiteURL.login.path) == true)
                #expect(try await WebSession.query(on: app.db).filter(\.$stage == SignInStage.awaitingCode.rawValue).count() == 0)
            }
        }

        @Test func aRecoveryCodeSignsInOnceAndIsThenUsedUp() async throws {
            try await withHearth(adjust: Self.keyed) { app in
                _ = try await makeCast(app)
                let (_, codes) = try await Self.enrol(try await { let b = Browser(app); try await b.login("physician"); return b }())
                let browser = Browser(app)
                try await browser.login("physician")
                let used = try await browser.post(SiteURL.loginCode.path, form: ["recoveryCode": codes[3].uppercased()])
                #expect(used.status == .seeOther && used.headers.first(name: .location) == SiteURL.home.path)
                let again = Browser(app)
                try await again.login("physician")
                let refused = try await again.post(SiteURL.loginCode.path, form: ["recoveryCode": codes[3]])
                #expect(refused.status == .unauthorized && refused.body.string.contains("already used"))
                #expect(try await auditTrail(app).contains { $0.action == "login.recovery-code" && $0.detail == "signed in with a recovery code; 9 left" })
                // New codes replace the old ones (password asked again).
                #expect(try await browser.get(SiteURL.account(.twoStep).path).body.string.contains("9 of 10 recovery codes left"))
                #expect(try await browser.post(SiteURL.account(.twoStepRecoveryCodes).path, form: ["password": "wrong"]).status == .unprocessableEntity)
                let fresh = try await browser.post(SiteURL.account(.twoStepRecoveryCodes).path, form: ["password": Cast.password])
                #expect(fresh.status == .ok && fresh.body.string.contains("New recovery codes"))
                let third = Browser(app)
                try await third.login("physician")
                #expect(try await third.post(SiteURL.loginCode.path, form: ["recoveryCode": codes[5]]).status == .unauthorized)
            }
        }

        /// The agency's setting (HEARTH_MFA_REQUIRED): an administrator without an authenticator sets one up right after
        /// the password and can open nothing else until then; a role it does not name signs in with the password.
        @Test func aRequiredRoleWithoutAnAuthenticatorCanOnlySetOneUp() async throws {
            try await withHearth(adjust: { $0.twoStep = .standard }) { app in
                // setup
                _ = try await makeCast(app)
                let admin = Browser(app)
                try await admin.get("/login")
                // act
                let first = try await admin.post("/login", form: ["username": "admin", "password": Cast.password])
                // check
                #expect(first.headers.first(name: .location) == SiteURL.account(.twoStepSetup).path)
                for path in [SiteURL.home.path, SiteURL.admin(.users).path, SiteURL.admin(.audit).path, SiteURL.account(.twoStep).path, SiteURL.account(.password).path] {
                    let page = try await admin.get(path)
                    #expect(page.status == .seeOther && page.headers.first(name: .location) == SiteURL.account(.twoStepSetup).path, "\(path)")
                }
                let setup = try await admin.get(SiteURL.account(.twoStepSetup).path)
                #expect(setup.body.string.contains("Your role requires two-step sign-in"))
                #expect(try await admin.post(SiteURL.admin(.users).path, form: ["username": "x1", "role": "aide", "password": "river-stone-morning"]).status == .forbidden)
                #expect(try await User.query(on: app.db).filter(\.$username == "x1").count() == 0)
                let (secret, _) = try await Self.enrol(admin)
                #expect(try await admin.get(SiteURL.admin(.users).path).status == .ok)
                // Required: it cannot be turned off.
                #expect(try await admin.get(SiteURL.account(.twoStep).path).body.string.contains("cannot be turned off"))
                let off = try await admin.post(SiteURL.account(.twoStepTurnOff).path, form: ["password": Cast.password, "code": Self.nextCode(secret)])
                #expect(off.status == .forbidden)
                #expect(try await Self.user("admin", app).hasTwoStep)
                // The case manager's role is not named: the password signs her in.
                let caseManager = try await Browser(app).login("casemanager")
                #expect(caseManager.headers.first(name: .location) == SiteURL.home.path)
            }
        }

        @Test func aUserNotRequiredToTurnsItOffWithPasswordAndCode() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let nurse = Browser(app)
                try await nurse.login("clinician")
                let (secret, _) = try await Self.enrol(nurse)
                let wrong = try await nurse.post(SiteURL.account(.twoStepTurnOff).path, form: ["password": "nope", "code": Self.nextCode(secret)])
                #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("That is not your password"))
                let noCode = try await nurse.post(SiteURL.account(.twoStepTurnOff).path, form: ["password": Cast.password, "code": "111111"])
                #expect(noCode.status == .unprocessableEntity && noCode.body.string.contains("That code is not right"))
                let off = try await nurse.post(SiteURL.account(.twoStepTurnOff).path, form: ["password": Cast.password, "code": Self.nextCode(secret)])
                #expect(off.status == .seeOther)
                #expect(try await Self.user("clinician", app).hasTwoStep == false)
                #expect(try await RecoveryCode.query(on: app.db).count() == 0)
                #expect(try await Browser(app).login("clinician").headers.first(name: .location) == SiteURL.home.path)
                #expect(try await auditTrail(app).contains { $0.action == "mfa.turn-off" && $0.outcome == "success" })
            }
        }

        @Test func anAdministratorResetsALostAuthenticatorAndTheUsersSessionsEnd() async throws {
            try await withHearth { app in
                // setup
                _ = try await makeCast(app)
                let nurse = Browser(app)
                try await nurse.login("clinician")
                try await Self.enrol(nurse)
                let nurseUser = try await Self.user("clinician", app)
                let admin = Browser(app)
                try await admin.login("admin")
                let list = try await admin.get(SiteURL.admin(.users).path).body.string
                #expect(list.contains("id=\"two-step-clinician\">On<") && list.contains("reset-two-step-clinician"))
                // act
                let reset = try await admin.post(SiteURL.admin(.user(try nurseUser.requireID(), .resetTwoStep)).path, form: [:])
                // check
                #expect(reset.status == .seeOther)
                #expect(try await Self.user("clinician", app).hasTwoStep == false)
                #expect(try await RecoveryCode.query(on: app.db).count() == 0)
                #expect(try await nurse.get(SiteURL.home.path).status == .seeOther) // her session ended
                #expect(try await Browser(app).login("clinician").headers.first(name: .location) == SiteURL.home.path)
                let again = try await admin.post(SiteURL.admin(.user(try nurseUser.requireID(), .resetTwoStep)).path, form: [:])
                #expect(again.status == .unprocessableEntity && again.body.string.contains("nothing to reset"))
                let record = try #require(try await auditTrail(app).first { $0.action == "user.mfa-reset" })
                #expect(record.actorName == "admin" && record.resourceID == nurseUser.id?.uuidString)
            }
        }

        /// NIST SP 800-63B 5.2.2: wrong codes wait like wrong passwords, on a count of their own that a right password
        /// does not clear (else password, four guesses, password again … would never wait).
        @Test func wrongCodesMakeTheNextCodeWaitEvenAfterARightPassword() async throws {
            try await withHearth(adjust: { $0.lockout.firstWait = 60; $0.addressThrottle.firstWait = 60 }) { app in
                _ = try await makeCast(app)
                let (secret, _) = try await Self.enrol(try await { let b = Browser(app); try await b.login("supervisor"); return b }())
                let browser = Browser(app)
                try await browser.login("supervisor")
                for _ in 1...5 { #expect(try await browser.post(SiteURL.loginCode.path, form: ["code": "000000"]).status == .unauthorized) }
                let fresh = Browser(app)
                try await fresh.login("supervisor")
                let waiting = try await fresh.post(SiteURL.loginCode.path, form: ["code": Self.nextCode(secret)])
                #expect(waiting.status == .tooManyRequests && waiting.headers.first(name: .retryAfter) != nil)
                #expect(waiting.body.string.contains("Too many wrong codes"))
                #expect(try await Self.user("supervisor", app).mfaFailedAttempts == 5)
                #expect(try await auditTrail(app).contains { $0.action == "login.throttled" && $0.actorName == "supervisor" })
            }
        }
    }
}
