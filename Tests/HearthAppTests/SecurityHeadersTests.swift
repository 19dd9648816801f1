import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// Headers on every response (issue 17 #6, issue 20 #5; OWASP Secure Headers): a chart is never kept by the
    /// browser, so Back after signing out shows nothing [45 CFR 164.312(a)(2)(iii) automatic logoff], and never framed.
    @Suite struct SecurityHeadersTests {
        func chart(_ app: Application, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
            let cast = try await makeCast(app)
            let browser = Browser(app)
            try await browser.login("casemanager")
            let response = try await browser.get(SiteURL.patient(cast.ownPatient.requireID()).path, headers: headers)
            #expect(response.status == .ok)
            return response
        }

        @Test func theChartIsNeverStored() async throws {
            try await withHearth { app in
                let value = try await chart(app).headers.first(name: .cacheControl)
                #expect(value == "no-store")
            }
        }

        @Test func contentSecurityPolicyAllowsOnlyTheAppItself() async throws {
            try await withHearth { app in
                let response = try await chart(app)
                let csp = try #require(response.headers.first(name: "Content-Security-Policy"))
                #expect(csp.contains("default-src 'self'"))
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(csp.contains("form-action 'self'"))
                #expect(!csp.contains("script-src 'self' 'unsafe-inline'"))
            }
        }

        @Test func noSniffing() async throws {
            try await withHearth { app in
                let value = try await chart(app).headers.first(name: "X-Content-Type-Options")
                #expect(value == "nosniff")
            }
        }

        @Test func noReferrerLeavesTheSite() async throws {
            try await withHearth { app in
                let value = try await chart(app).headers.first(name: "Referrer-Policy")
                #expect(value == "same-origin")
            }
        }

        @Test func noFraming() async throws {
            try await withHearth { app in
                let value = try await chart(app).headers.first(name: "X-Frame-Options")
                #expect(value == "DENY")
            }
        }

        @Test func strictTransportSecurityOnlyOverTLS() async throws {
            try await withHearth { app in
                var https = HTTPHeaders()
                https.replaceOrAdd(name: "X-Forwarded-Proto", value: "https")
                let login = try await app.testing().sendRequest(.GET, SiteURL.login.path, headers: https)
                #expect(login.headers.first(name: "Strict-Transport-Security")?.hasPrefix("max-age=31536000") == true)
                let plain = try await app.testing().sendRequest(.GET, SiteURL.login.path)
                #expect(plain.headers.first(name: "Strict-Transport-Security") == nil)
            }
            try await withHearth(adjust: { $0.forceSecureCookies = true }) { app in
                let login = try await app.testing().sendRequest(.GET, SiteURL.login.path)
                #expect(login.headers.first(name: "Strict-Transport-Security") != nil)
            }
        }

        @Test func errorsAndSignInCarryThemAndStylesheetsMayBeCached() async throws {
            try await withHearth { app in
                let missing = try await app.testing().sendRequest(.GET, "/no-such-page", headers: ["Accept": "text/html"])
                #expect(missing.status == .notFound)
                #expect(missing.headers.first(name: "X-Frame-Options") == "DENY")
                #expect(missing.headers.first(name: .cacheControl) == "no-store")
                let fhir = try await app.testing().sendRequest(.GET, "/fhir/Patient")
                #expect(fhir.status == .unauthorized)
                #expect(fhir.headers.first(name: .cacheControl) == "no-store")
                let css = try await app.testing().sendRequest(.GET, SiteURL.stylesheet.path)
                #expect(css.status == .ok)
                #expect(css.headers.first(name: .cacheControl) != "no-store")
                #expect(css.headers.first(name: "X-Content-Type-Options") == "nosniff")
            }
        }
    }
}
