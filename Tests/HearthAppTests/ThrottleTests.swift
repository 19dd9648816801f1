import Fluent
import Foundation
import HearthCore
import NIOCore
import Testing
import VaporTesting
@testable import HearthApp

/// Guessing slowed by growing waits by client address and by account, never a lock anyone can put on anyone, never
/// telling which usernames exist, and a flood recorded as one audit event per wait (issue 20 #6, #7, #9):
/// NIST SP 800-63B 5.2.2 (rate limiting), 45 CFR 164.308(a)(5)(ii)(C) (log-in monitoring), 45 CFR 164.312(b).
extension AllTests {
    @Suite struct ThrottleTests {
        /// What the person is told, without what differs per request (tokens, the typed name, the seconds left, which
        /// depend on how long the machine took between two requests).
        func answer(_ response: TestingHTTPResponse) -> String {
            let body = response.body.string
            let error = body.firstMatch(of: /(Incorrect username or password[^<]*|Too many failed sign-ins[^<]*)/).map { String($0.1) } ?? "-"
            let retry = response.headers.first(name: .retryAfter).map { Int($0) != nil ? "n" : $0 } ?? "-"
            return "\(response.status.code) \(retry) \(error.replacing(/Wait \d+ seconds/, with: "Wait n seconds"))"
        }

        /// Waits of a minute, so a slow machine cannot let one pass between two requests.
        static func minuteWaits(_ settings: inout Settings) {
            settings.lockout.firstWait = 60
            settings.addressThrottle.firstWait = 60
        }

        @Test func anAccountWaitsLongerAfterEachFailureInsteadOfLocking() async throws {
            try await withHearth(adjust: Self.minuteWaits) { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                for _ in 1...5 { #expect(try await browser.login("casemanager", password: "wrong-password").status == .unauthorized) }
                // Even the right password waits: checking it now would tell a guesser when they were right.
                let waiting = try await browser.login("casemanager")
                #expect(waiting.status == .tooManyRequests)
                let seconds = try #require(waiting.headers.first(name: .retryAfter).flatMap { Int($0) })
                #expect((1...60).contains(seconds))
                #expect(waiting.body.string.contains("Wait \(seconds) seconds, then try again") || waiting.body.string.contains("Wait \(seconds + 1) seconds"))
                // Another person at the same address signs in meanwhile.
                #expect(try await Browser(app).login("clinician").status == .seeOther)
                // When the wait is over the right password opens the account and the count starts over.
                let user = try #require(try await User.query(on: app.db).filter(\.$username == "casemanager").first())
                #expect(user.failedLogins == 5)
                user.lockedUntil = Date().addingTimeInterval(-1)
                try await user.save(on: app.db)
                #expect(try await browser.login("casemanager").status == .seeOther)
                let after = try #require(try await User.query(on: app.db).filter(\.$username == "casemanager").first())
                #expect(after.failedLogins == 0 && after.lockedUntil == nil)
                let throttled = try #require(try await auditTrail(app).first { $0.action == "login.throttled" })
                #expect(throttled.outcome == "denied")
                #expect(throttled.actorName == "casemanager")
            }
        }

        @Test func anUnknownUsernameIsAnsweredExactlyLikeARealOne() async throws {
            try await withHearth(adjust: Self.minuteWaits) { app in
                _ = try await makeCast(app)
                var real: [String] = [], unknown: [String] = []
                for _ in 1...7 {
                    real.append(answer(try await Browser(app).login("casemanager", password: "wrong-password")))
                    unknown.append(answer(try await Browser(app).login("nosuchperson", password: "wrong-password")))
                }
                #expect(real == unknown)
                #expect(real.first == "401 - Incorrect username or password. Check both and try again.")
                #expect(real.last?.hasPrefix("429 ") == true)
            }
        }

        @Test func oneAddressIsSlowedWithoutLockingItsAccountsForOtherAddresses() async throws {
            try await withHearth(adjust: { Self.minuteWaits(&$0); $0.trustedProxies = ["10.0.0.1"] }) { app in
                _ = try await makeCast(app)
                let attacker = AddressedBrowser(app, peer: "10.0.0.1", forwardedFor: "203.0.113.5")
                // 20 wrong guesses spread over names, fewer than 5 each: the address, not any account, is slowed.
                for name in ["casemanager", "clinician", "aide", "supervisor", "nobody"] {
                    for _ in 1...4 { #expect(try await attacker.login(name, password: "wrong-password").status == .unauthorized) }
                }
                #expect(try await attacker.login("supervisor").status == .tooManyRequests)
                // The nurse at the office next door signs in.
                let nurse = AddressedBrowser(app, peer: "10.0.0.1", forwardedFor: "198.51.100.20")
                #expect(try await nurse.login("casemanager").status == .seeOther)
                // A client that is not a configured proxy cannot choose its address with the header.
                let spoofer = AddressedBrowser(app, peer: "192.0.2.44", forwardedFor: "198.51.100.20")
                try await spoofer.login("nobody", password: "wrong-password")
                let records = try await auditTrail(app).filter { $0.action == "login" }
                #expect(records.filter { $0.sourceIP == "203.0.113.5" }.count == 20)
                #expect(records.contains { $0.sourceIP == "192.0.2.44" && $0.actorName == "nobody" })
            }
        }

        /// Was: one client wrote 6,618 audit rows in 10 s with a bogus bearer token.
        @Test func aHammeredBogusBearerTokenLeavesAFewAuditRowsNotOnePerRequest() async throws {
            try await withHearth(adjust: Self.minuteWaits) { app in
                _ = try await makeCast(app)
                let headers: HTTPHeaders = ["Authorization": "Bearer hth_not-a-real-token", "Accept": "application/fhir+json"]
                var statuses: [UInt] = []
                var retryAfter: String?
                for _ in 1...400 {
                    let response = try await app.testing().sendRequest(.GET, "/fhir/Patient", headers: headers)
                    statuses.append(response.status.code)
                    if response.status == .tooManyRequests { retryAfter = response.headers.first(name: .retryAfter) }
                }
                #expect(statuses.prefix(20).allSatisfy { $0 == 401 })
                #expect(statuses.filter { $0 == 429 }.count >= 350)
                #expect(retryAfter != nil)
                let rows = try await auditTrail(app).filter { $0.action.hasPrefix("token.") }
                #expect(rows.count < 40)
                let summary = try #require(rows.last { $0.action == "token.throttled" })
                #expect(summary.detail?.contains("refused since the last record") == true)
            }
        }

        /// A valid token scanning other patients' records: refused each time (audited), then made to wait, by account.
        @Test func anAPIAccountRefusedPatientAfterPatientWaits() async throws {
            try await withHearth(adjust: { Self.minuteWaits(&$0); $0.refusalThrottle = LockoutPolicy(freeFailures: 10, firstWait: 900, longestWait: 3600) }) { app in
                // A 15-minute first wait: on a loaded machine 60 requests have taken over a minute, and a shorter wait ran out mid-scan.
                let cast = try await makeCast(app)
                let secret = "hth_" + Secret.make()
                try await APIToken(tokenHash: Secret.hash(secret), userID: cast.user(.caseManager).requireID(), name: "emr", now: Date()).create(on: app.db)
                let headers: HTTPHeaders = ["Authorization": "Bearer \(secret)", "Accept": "application/fhir+json"]
                let other = try cast.otherPatient.requireID().uuidString.lowercased()
                var statuses: [UInt] = []
                for _ in 1...60 { statuses.append(try await app.testing().sendRequest(.GET, "/fhir/Patient/\(other)", headers: headers).status.code) }
                #expect(statuses.prefix(10).allSatisfy { $0 == 404 })
                #expect(statuses.dropFirst(10).allSatisfy { $0 == 429 })
                // Its own patient waits too: the wait is the account's.
                let own = try await app.testing().sendRequest(.GET, "/fhir/Patient/\(try cast.ownPatient.requireID().uuidString.lowercased())", headers: headers)
                #expect(own.status == .tooManyRequests)
                #expect(own.headers.first(name: .retryAfter) != nil)
                let trail = try await auditTrail(app)
                #expect(trail.filter { $0.outcome == "denied" && $0.action.hasPrefix("patient.") }.count == 10)
                #expect(trail.filter { $0.action == "token.throttled" }.count == 1)
                // Another account's token is not slowed.
                let nurse = "hth_" + Secret.make()
                try await APIToken(tokenHash: Secret.hash(nurse), userID: cast.user(.clinician).requireID(), name: "emr", now: Date()).create(on: app.db)
                let ownForNurse = try await app.testing().sendRequest(.GET, "/fhir/Patient/\(try cast.ownPatient.requireID().uuidString.lowercased())",
                                                                     headers: ["Authorization": "Bearer \(nurse)", "Accept": "application/fhir+json"])
                #expect(ownForNurse.status == .ok)
            }
        }

        @Test func theClientAddressComesFromForwardedForOnlyThroughConfiguredProxies() {
            let proxies: Set<String> = ["10.0.0.1", "10.0.0.2"]
            #expect(Request.clientAddress(peer: "192.0.2.9", forwardedFor: ["1.2.3.4"], trusted: proxies) == "192.0.2.9")
            #expect(Request.clientAddress(peer: "10.0.0.1", forwardedFor: ["1.2.3.4, 203.0.113.5"], trusted: proxies) == "203.0.113.5")
            #expect(Request.clientAddress(peer: "10.0.0.1", forwardedFor: ["203.0.113.5, 10.0.0.2"], trusted: proxies) == "203.0.113.5")
            #expect(Request.clientAddress(peer: "10.0.0.1", forwardedFor: [], trusted: proxies) == "10.0.0.1")
            #expect(Request.clientAddress(peer: nil, forwardedFor: ["1.2.3.4"], trusted: proxies) == nil)
            let settings = try? Settings.fromEnvironment(["HEARTH_TRUSTED_PROXIES": "10.0.0.1, 10.0.0.2", "DATABASE_URL": ":memory:"])
            #expect(settings?.trustedProxies == proxies)
        }
    }
}

/// A browser reaching Hearth from a given socket address (and X-Forwarded-For), through the app's responder.
final class AddressedBrowser: @unchecked Sendable {
    let app: Application
    let peer: String
    let forwardedFor: String?
    var cookies: [String: String] = [:]
    var csrfToken: String?

    init(_ app: Application, peer: String, forwardedFor: String? = nil) {
        self.app = app
        self.peer = peer
        self.forwardedFor = forwardedFor
    }

    @discardableResult
    func login(_ username: String, password: String = Cast.password) async throws -> Response {
        try await send(.GET, "/login", body: nil)
        let form = ["username": username, "password": password, "_csrf": csrfToken ?? ""]
        return try await send(.POST, "/login", body: form.map { "\(Browser.encode($0.key))=\(Browser.encode($0.value))" }.joined(separator: "&"))
    }

    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, body: String?) async throws -> Response {
        var headers: HTTPHeaders = ["Accept": "text/html"]
        if let forwardedFor { headers.add(name: "X-Forwarded-For", value: forwardedFor) }
        if body != nil { headers.contentType = .urlEncodedForm }
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        let request = Request(application: app, method: method, url: URI(path: path), headers: headers,
                              collectedBody: body.map { ByteBuffer(string: $0) }, remoteAddress: try SocketAddress(ipAddress: peer, port: 40_000),
                              on: app.eventLoopGroup.next())
        let response = try await app.responder.respond(to: request).get()
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { cookies[pair[0]] = pair[1].isEmpty ? nil : pair[1] }
        }
        if let text = response.body.string, let match = text.firstMatch(of: /name="_csrf" value="([^"]+)"/) { csrfToken = String(match.1) }
        return response
    }
}
