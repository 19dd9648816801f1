import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct OrganizationTests {
        @Test func aPayerTypedTwiceIsOneOrganizationThatFHIRCoverageReferences() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                try await browser.get(SiteURL.patient(patientID).path)
                // act: the same payer typed two ways
                try await browser.post(SiteURL.patient(patientID, .coverages).path, form: ["payer": "Medicare", "program": "medicare", "memberID": "1EG4-TE5-MK73", "order": "1"])
                try await browser.post(SiteURL.patient(patientID, .coverages).path, form: ["payer": "MEDICARE", "program": "medicare", "memberID": "1EG4-TE5-MK74", "order": "2"])
                // check
                let payers = try await Organization.query(on: app.db).filter(\.$kind == "payer").all()
                #expect(payers.count == 1)
                let payerID = try #require(payers.first?.id).uuidString.lowercased()
                let secret = "hth_" + Secret.make()
                try await APIToken(tokenHash: Secret.hash(secret), userID: cast.user(.caseManager).requireID(), name: "emr", now: Date()).create(on: app.db)
                var headers = HTTPHeaders()
                headers.bearerAuthorization = .init(token: secret)
                let coverage = try await app.testing().sendRequest(.GET, "/fhir/Coverage?patient=\(patientID)", headers: headers)
                // JSON may or may not escape the slash ("Organization\/…" and "Organization/…" are the same string).
                #expect(coverage.body.string.replacingOccurrences(of: "\\/", with: "/").contains(#""reference":"Organization/\#(payerID)""#))
                let organization = try await app.testing().sendRequest(.GET, "/fhir/Organization/\(payerID)", headers: headers)
                #expect(organization.status == .ok)
                #expect(organization.body.string.contains(#""code":"pay""#))
                let byName = try await app.testing().sendRequest(.GET, "/fhir/Organization?name=medi", headers: headers)
                #expect(byName.body.string.contains(#""name":"Medicare""#))
                let badType = try await app.testing().sendRequest(.GET, "/fhir/Organization?type=spaceship", headers: headers)
                #expect(badType.status == .badRequest)
                let anonymous = try await app.testing().sendRequest(.GET, "/fhir/Organization/\(payerID)")
                #expect(anonymous.status == .unauthorized)
            }
        }
    }
}
