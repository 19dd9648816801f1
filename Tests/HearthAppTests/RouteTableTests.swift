import Foundation
import Testing
import Vapor
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// `SiteURL` is the one list of Hearth's addresses: the routes registered are exactly its patterns, and its links
    /// reach those routes.
    @Suite struct RouteTableTests {
        private static func pattern(_ components: [PathComponent]) -> String {
            "/" + components.map(\.description).joined(separator: "/")
        }

        @Test func everyRegisteredRouteComesFromSiteURL() async throws {
            try await withHearth { app in
                // setup
                let registered = Set(app.routes.all.map { Self.pattern($0.path) })
                let listed = SiteURL.routes.map { Self.pattern($0.pathComponents) }

                // check: each pattern listed once, every one registered, nothing registered that is not listed
                #expect(listed.count == Set(listed).count, "a pattern is listed twice")
                #expect(Set(listed).subtracting(registered).sorted() == [], "listed in SiteURL.routes but not registered")
                #expect(registered.subtracting(listed).sorted() == [], "registered from outside SiteURL")
            }
        }

        @Test func linksAndPatternsAgree() {
            let patient = UUID(uuidString: "6A1B2C3D-0000-4000-8000-000000000001")!
            let assessment = UUID(uuidString: "6A1B2C3D-0000-4000-8000-000000000002")!

            // a link fills the values in, lower-case, where the pattern names them
            #expect(SiteURL.home.path == "/")
            #expect(SiteURL.patient(patient).path == "/patients/6a1b2c3d-0000-4000-8000-000000000001")
            #expect(SiteURL.patient(patient, .carePlan(.print)).path == "/patients/6a1b2c3d-0000-4000-8000-000000000001/care-plan/print")
            #expect(SiteURL.patient(patient, .assessment(assessment, .review)).path
                == "/patients/6a1b2c3d-0000-4000-8000-000000000001/assessments/6a1b2c3d-0000-4000-8000-000000000002/review")
            #expect(SiteURL.account(.twoStepSetup).path == "/account/two-step/setup")
            #expect(SiteURL.calendarFeed(token: "abc").path == "/calendar/abc.ics")
            #expect(SiteURL.fhir(.resource(.Patient, id: patient)).path == "/fhir/Patient/6a1b2c3d-0000-4000-8000-000000000001")
            #expect(Self.pattern(SiteURL.patient(.key, .assessment(.key, .section(.key))).pathComponents)
                == "/patients/:patientID/assessments/:assessmentID/sections/:sectionID")

            // every link has as many steps as its pattern, so a link always lands on its own route
            for url in SiteURL.routes {
                #expect(url.path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).count == url.pathComponents.count || url == .home, "\(url)")
            }
        }

        /// A link built by a page is answered by its route, not by the not-found page.
        @Test func aLinkReachesItsRoute() async throws {
            try await withHearth { app in
                for url in [SiteURL.login, .healthz, .fhir(.metadata), .smartConfiguration] {
                    let response = try await app.testing().sendRequest(.GET, url.path)
                    #expect(response.status == .ok, "\(url.path)")
                }
            }
        }
    }
}
