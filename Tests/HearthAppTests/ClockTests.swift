import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

/// Issue 19, one clock: every page reads now from the application's clock, so a test can pin time.
extension AllTests {
    @Suite struct ClockTests {
        @Test func aPinnedClockIsTheNowThePagesShow() async throws {
            try await withHearth { app in
                // setup: 15:30 UTC on 14 July 2031 is 11:30 in the agency's zone (New York, daylight time)
                app.clock = .fixed(try #require(ISO8601DateFormatter().date(from: "2031-07-14T15:30:00Z")))
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                // act
                let chart = try await browser.get(SiteURL.patient(try cast.ownPatient.requireID()).path).body.string
                // check: the assessment form offers the pinned day and time as the visit's
                #expect(chart.contains(#"name="visitDate" type="date" value="2031-07-14""#))
                #expect(chart.contains(#"name="visitTime" type="time" value="11:30""#))
            }
        }
    }
}
