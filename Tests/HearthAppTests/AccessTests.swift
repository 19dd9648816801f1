import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct AccessTests {
        /// Opening a chart, by role: the own patient is related to every cast member but the payer.
        static let chartAccess: [(Role, own: HTTPStatus, other: HTTPStatus)] = [
            (.supervisor, .ok, .ok),
            (.admin, .forbidden, .forbidden), // minimum necessary: users and the audit trail need no chart
            (.caseManager, .ok, .notFound),
            (.clinician, .ok, .notFound),
            (.aide, .ok, .notFound),
            (.physician, .ok, .notFound),
            (.intake, .ok, .notFound),
            (.payer, .notFound, .notFound),
        ]

        @Test(arguments: chartAccess)
        func chartOpensOnlyForRelatedUsers(role: Role, own: HTTPStatus, other: HTTPStatus) async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login(cast.user(role).username)
                let ownChart = try await browser.get(SiteURL.patient(cast.ownPatient.requireID()).path)
                #expect(ownChart.status == own)
                if own == .ok { #expect(ownChart.body.string.contains("Dorothy Abernathy")) }
                let otherChart = try await browser.get(SiteURL.patient(cast.otherPatient.requireID()).path)
                #expect(otherChart.status == other)
                // A hidden patient's name never appears in the refusal.
                if other != .ok { #expect(!otherChart.body.string.contains("Baptiste")) }
            }
        }

        @Test func everyChartOpeningAndRefusalIsAudited() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                try await browser.get(SiteURL.patient(cast.ownPatient.requireID()).path)
                try await browser.get(SiteURL.patient(cast.otherPatient.requireID()).path)
                let trail = try await auditTrail(app)
                let read = try #require(trail.first { $0.action == "patient.read" && $0.outcome == "success" })
                #expect(read.patientID == cast.ownPatient.id)
                #expect(read.actorName == "casemanager")
                #expect(read.requestID != nil)
                let denied = try #require(trail.first { $0.action == "patient.read" && $0.outcome == "denied" })
                #expect(denied.patientID == cast.otherPatient.id)
            }
        }

        @Test func patientListShowsOnlyWhatTheUserMayOpen() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("clinician")
                let list = try await browser.get("/patients")
                #expect(list.body.string.contains("Abernathy"))
                #expect(!list.body.string.contains("Baptiste"))
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                let all = try await supervisor.get("/patients")
                #expect(all.body.string.contains("Abernathy"))
                #expect(all.body.string.contains("Baptiste"))
                _ = cast
            }
        }

        static let registration: [(Role, allowed: Bool)] = [
            (.caseManager, true), (.intake, true), (.supervisor, true),
            (.admin, false), (.clinician, false), (.aide, false), (.physician, false), (.payer, false),
        ]

        @Test(arguments: registration)
        func registeringPatientsFollowsRole(role: Role, allowed: Bool) async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login(cast.user(role).username)
                let response = try await browser.post("/patients", form: [
                    "givenName": "Ruth", "familyName": "Castillo", "birthDate": "1944-07-02", "sex": "female",
                ])
                #expect(response.status == (allowed ? .seeOther : .forbidden))
                let created = try await Patient.query(on: app.db).filter(\.$familyName == "Castillo").count()
                #expect(created == (allowed ? 1 : 0))
                let trail = try await auditTrail(app)
                if allowed {
                    #expect(trail.contains { $0.action == "patient.create" && $0.outcome == "success" })
                } else {
                    #expect(trail.contains { $0.action == "agency.registerPatient" && $0.outcome == "denied" })
                }
            }
        }

        @Test(arguments: Role.allCases)
        func onlyAdministratorsSeeTheAuditTrail(role: Role) async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login(cast.user(role).username)
                let page = try await browser.get("/admin/audit")
                #expect(page.status == (role == .admin ? .ok : .forbidden))
            }
        }

        @Test func fhirReadFollowsTheSamePolicy() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let secret = "hth_" + Secret.make()
                try await APIToken(tokenHash: Secret.hash(secret), userID: cast.user(.physician).requireID(), name: "emr", now: Date()).create(on: app.db)
                var headers = HTTPHeaders()
                headers.bearerAuthorization = .init(token: secret)
                let own = try await app.testing().sendRequest(.GET, SiteURL.fhir(.resource(.Patient, id: cast.ownPatient.requireID())).path, headers: headers)
                #expect(own.status == .ok)
                #expect(own.headers.contentType?.subType == "fhir+json")
                #expect(own.body.string.contains(#""resourceType":"Patient""#))
                let other = try await app.testing().sendRequest(.GET, SiteURL.fhir(.resource(.Patient, id: cast.otherPatient.requireID())).path, headers: headers)
                #expect(other.status == .notFound)
                #expect(other.body.string.contains("OperationOutcome"))
                let search = try await app.testing().sendRequest(.GET, "/fhir/Patient", headers: headers)
                #expect(search.body.string.contains("Abernathy"))
                #expect(!search.body.string.contains("Baptiste"))
            }
        }
    }
}
