import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

/// Issue 17 #5: a form saved after the idle sign-off is not a dead end (it was a 403 and the typing was gone): the
/// browser is sent to sign in and brought back to the page it was on, where Public/js/keep.js puts the typing back.
extension AllTests {
    @Suite struct SessionExpiryTests {
        @Test func aFormPostedAfterTheIdleSignOffGoesToSignInAndBack() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                let chart = SiteURL.patient(try cast.ownPatient.requireID()).path
                try await browser.get(chart)
                for session in try await WebSession.query(on: app.db).all() {
                    session.lastSeenAt = Date().addingTimeInterval(-16 * 60)
                    try await session.save(on: app.db)
                }
                var headers = HTTPHeaders()
                headers.contentType = .urlEncodedForm
                headers.replaceOrAdd(name: .referer, value: "http://127.0.0.1:8080\(chart)?tab=visits")
                let body = "_csrf=\(browser.csrfToken ?? "")&substance=Latex&reaction=rash&severity=mild"
                let late = try await browser.send(.POST, chart + "/allergies", headers: headers, body: ByteBuffer(string: body))
                #expect(late.status == .seeOther)
                let location = try #require(late.headers.first(name: .location))
                #expect(location.hasPrefix("/login?reason=expired&next="))
                #expect(location.removingPercentEncoding?.contains("next=\(chart)?tab=visits") == true)
                #expect(try await Allergy.query(on: app.db).filter(\.$substance == "Latex").count() == 0) // nothing saved unauthenticated
                let login = try await browser.get(location).body.string
                #expect(login.contains("what you typed is kept on this device"))
                #expect(login.contains("keep.js"))
                // A page from another site is not a place to come back to.
                headers.replaceOrAdd(name: .referer, value: "https://evil.example//evil.example/x")
                let offsite = try await browser.send(.POST, chart + "/allergies", headers: headers, body: ByteBuffer(string: body))
                #expect(offsite.headers.first(name: .location)?.contains("next=%2F&") == true || offsite.headers.first(name: .location)?.hasSuffix("next=%2F") == true)
            }
        }
    }
}
