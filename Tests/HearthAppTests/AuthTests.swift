import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct AuthTests {
        @Test func caseManagerSignsInAndSeesHerHomePage() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let browser = Browser(app)
                // act
                let response = try await browser.login("casemanager")
                // check
                #expect(response.status == .seeOther)
                let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix("hearth_session=") })
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Lax"))
                #expect(!cookie.contains("Secure"))
                let home = try await browser.get("/")
                #expect(home.status == .ok)
                #expect(home.body.string.contains("My caseload"))
                #expect(home.body.string.contains(cast.ownPatient.familyName))
                #expect(!home.body.string.contains(cast.otherPatient.familyName))
            }
        }

        @Test func sessionCookieIsSecureBehindTLS() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                try await browser.get("/login")
                var headers = HTTPHeaders()
                headers.contentType = .urlEncodedForm
                headers.add(name: "X-Forwarded-Proto", value: "https")
                let body = "username=casemanager&password=\(Cast.password)&_csrf=\(browser.csrfToken ?? "")"
                let response = try await browser.send(.POST, "/login", headers: headers, body: .init(string: body))
                let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix("hearth_session=") })
                #expect(cookie.contains("Secure"))
            }
        }

        @Test func wrongPasswordShowsErrorAndKeepsUsername() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                let response = try await browser.login("casemanager", password: "not-the-password")
                #expect(response.status == .unauthorized)
                #expect(response.body.string.contains("Incorrect username or password"))
                #expect(response.body.string.contains(#"value="casemanager""#))
                #expect(browser.cookies["hearth_session"] == nil)
                let failures = try await auditTrail(app).filter { $0.action == "login" && $0.outcome == "failure" }
                #expect(failures.count == 1)
            }
        }

        /// NIST SP 800-63B 5.2.2: after five wrong passwords the account waits, and each further failure doubles the
        /// wait (ThrottleTests); an administrator's unlock ends the wait at once.
        @Test func fiveWrongPasswordsMakeTheAccountWait() async throws {
            try await withHearth(adjust: AllTests.ThrottleTests.minuteWaits) { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                for _ in 1...5 { try await browser.login("casemanager", password: "wrong-password") }
                // The right password does not open the account during the wait.
                let waiting = try await browser.login("casemanager")
                #expect(waiting.status == .tooManyRequests)
                #expect(waiting.body.string.contains("Too many failed sign-ins"))
                let user = try #require(try await User.query(on: app.db).filter(\.$username == "casemanager").first())
                let until = try #require(user.lockedUntil)
                #expect(until.timeIntervalSinceNow <= 60)
                // Once the wait has passed, the right password works again.
                user.lockedUntil = Date().addingTimeInterval(-1)
                try await user.save(on: app.db)
                let after = try await browser.login("casemanager")
                #expect(after.status == .seeOther)
                #expect(try await auditTrail(app).contains { $0.action == "login.throttled" && $0.outcome == "denied" })
            }
        }

        @Test func idleSessionIsSignedOut() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                #expect(try await browser.get("/").status == .ok)
                // 16 minutes pass without a request.
                for session in try await WebSession.query(on: app.db).all() {
                    session.lastSeenAt = Date().addingTimeInterval(-16 * 60)
                    try await session.save(on: app.db)
                }
                let response = try await browser.get("/patients")
                #expect(response.status == .seeOther)
                let location = try #require(response.headers.first(name: .location))
                #expect(location.hasPrefix("/login?next=%2Fpatients"))
                #expect(location.contains("reason=idle"))
                #expect(try await WebSession.query(on: app.db).count() == 0)
                let login = try await browser.get(location)
                #expect(login.body.string.contains("signed out after 15 minutes"))
                #expect(try await auditTrail(app).contains { $0.action == "session.timeout" })
            }
        }

        @Test func formWithoutTokenIsRejected() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                let forged = try await browser.post("/patients", form: ["givenName": "Eve", "familyName": "Forger", "birthDate": "1950-01-01", "sex": "female"], csrf: .some(nil))
                #expect(forged.status == .forbidden)
                let wrong = try await browser.post("/patients", form: ["givenName": "Eve", "familyName": "Forger", "birthDate": "1950-01-01", "sex": "female"], csrf: "made-up-token")
                #expect(wrong.status == .forbidden)
                #expect(try await Patient.query(on: app.db).filter(\.$familyName == "Forger").count() == 0)
                // The log-in form is protected too.
                let anonymous = Browser(app)
                let login = try await anonymous.post("/login", form: ["username": "casemanager", "password": Cast.password])
                #expect(login.status == .forbidden)
            }
        }

        @Test func signingOutEndsTheSession() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                let stolenCookie = browser.cookies["hearth_session"]
                let response = try await browser.post("/logout", form: [:])
                #expect(response.status == .seeOther)
                #expect(response.headers.first(name: .location) == "/login?reason=signed-out")
                // The old cookie, replayed, no longer works.
                let replay = Browser(app)
                replay.cookies["hearth_session"] = stolenCookie
                #expect(try await replay.get("/").status == .seeOther)
                #expect(try await auditTrail(app).contains { $0.action == "logout" })
            }
        }

        @Test func bearerTokenOpensTheAPIButNotWithoutIt() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let secret = "hth_" + Secret.make()
                try await APIToken(tokenHash: Secret.hash(secret), userID: cast.user(.clinician).requireID(), name: "test", now: Date()).create(on: app.db)
                var headers = HTTPHeaders()
                headers.bearerAuthorization = .init(token: secret)
                let me = try await app.testing().sendRequest(.GET, "/api/me", headers: headers)
                #expect(me.status == .ok)
                #expect(me.body.string.contains(#""role":"clinician""#))
                let anonymous = try await app.testing().sendRequest(.GET, "/api/me")
                #expect(anonymous.status == .unauthorized)
                #expect(anonymous.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
                headers.bearerAuthorization = .init(token: "hth_forged")
                #expect(try await app.testing().sendRequest(.GET, "/api/me", headers: headers).status == .unauthorized)
                // Only the hash is stored.
                #expect(try await APIToken.query(on: app.db).filter(\.$tokenHash == secret).count() == 0)
            }
        }

        @Test func passwordsAreStoredAsBcryptHashes() async throws {
            try await withApp(configure: { app in try await configure(app, settings: testSettings(.sqliteMemory)) }) { app in
                let hash = try app.password.hash("hearth-demo")
                #expect(hash.hasPrefix("$2"))
                #expect(try app.password.verify("hearth-demo", created: hash))
            }
        }
    }
}
