import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// SMART Backend Services (issue 24): a registered client trades a JWT signed with its key for a five-minute token
    /// within its scopes [SMART App Launch 2.0 "Backend Services"; RFC 7523 §3; RFC 6749 §5.2].
    @Suite struct SMARTBackendServicesTests {
        /// A client acting as the case manager, which may read and search patients and search conditions.
        func registered(_ app: Application, _ client: SMARTTestClient, scopes: String = "system/Patient.rs system/Condition.s") async throws -> (Cast, SMARTTestClient) {
            let cast = try await makeCast(app)
            var client = client
            let stored = try await ClientRegistration.register(.init(name: "HIE sync", jwks: client.jwks, scopes: scopes, username: "casemanager"),
                                                              by: .commandLine, on: app.db)
            client.clientID = stored.clientID
            return (cast, client)
        }

        func fhir(_ app: Application, _ method: HTTPMethod, _ path: String, token: String, body: String? = nil) async throws -> TestingHTTPResponse {
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: token)
            headers.replaceOrAdd(name: .accept, value: "application/fhir+json")
            if body != nil { headers.contentType = .init(type: "application", subType: "fhir+json") }
            return try await app.testing().sendRequest(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) })
        }

        func error(_ response: TestingHTTPResponse) -> String? {
            (try? JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])?["error"] as? String
        }

        @Test func discoveryNamesTheTokenEndpointAndTheAssertionAlgorithms() async throws {
            try await withHearth { app in
                var headers = HTTPHeaders()
                headers.replaceOrAdd(name: .host, value: SMARTTestClient.host)
                let response = try await app.testing().sendRequest(.GET, "/.well-known/smart-configuration", headers: headers)
                #expect(response.status == .ok)
                let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
                #expect(document["token_endpoint"] as? String == SMARTTestClient.tokenURL)
                #expect(document["token_endpoint_auth_signing_alg_values_supported"] as? [String] == ["ES384", "RS384"])
                #expect((document["capabilities"] as? [String])?.contains("client-confidential-asymmetric") == true)
                // The CapabilityStatement names the same token URL in rest.security (SMART's oauth-uris extension).
                let metadata = try await app.testing().sendRequest(.GET, "/fhir/metadata", headers: headers)
                let statement = try #require(try JSONSerialization.jsonObject(with: Data(metadata.body.string.utf8)) as? [String: Any])
                let security = try #require(((statement["rest"] as? [[String: Any]])?.first)?["security"] as? [String: Any])
                let uris = try #require((security["extension"] as? [[String: Any]])?.first?["extension"] as? [[String: Any]])
                #expect(uris.first { $0["url"] as? String == "token" }?["valueUri"] as? String == SMARTTestClient.tokenURL)
            }
        }

        @Test func anES384AssertionGetsAFiveMinuteTokenThatReadsWithinItsScopes() async throws {
            try await withHearth { app in
                // setup
                let (cast, client) = try await registered(app, .ec())
                // act
                let response = try await SMARTTestClient.requestToken(app, assertion: try client.assertion(), scope: "system/Patient.rs")
                // check
                #expect(response.status == .ok)
                #expect(response.headers.first(name: .cacheControl) == "no-store")
                let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
                #expect(body["expires_in"] as? Int == 300)
                #expect(body["scope"] as? String == "system/Patient.rs")
                let token = try SMARTTestClient.accessToken(response)
                #expect(try await fhir(app, .GET, SiteURL.fhir(.resource(.Patient, id: cast.ownPatient.requireID())).path, token: token).status == .ok)
                // The case manager's role still decides which patients: another caseload's patient stays hidden.
                #expect(try await fhir(app, .GET, SiteURL.fhir(.resource(.Patient, id: cast.otherPatient.requireID())).path, token: token).status == .notFound)
            }
        }

        @Test func anRS384AssertionIsAcceptedToo() async throws {
            try await withHearth { app in
                let (_, client) = try await registered(app, try .rsa())
                let response = try await SMARTTestClient.requestToken(app, assertion: try client.assertion(), scope: "system/Patient.rs")
                #expect(response.status == .ok)
            }
        }

        @Test func aTokenIsRefusedOutsideItsScopesWithAnOperationOutcome() async throws {
            try await withHearth { app in
                let (cast, client) = try await registered(app, .ec())
                let token = try SMARTTestClient.accessToken(try await SMARTTestClient.requestToken(app, assertion: try client.assertion(), scope: "system/Patient.r"))
                let patientID = try cast.ownPatient.requireID().uuidString.lowercased()
                // read granted, search not
                #expect(try await fhir(app, .GET, "/fhir/Patient/\(patientID)", token: token).status == .ok)
                let search = try await fhir(app, .GET, "/fhir/Patient?family=Abernathy", token: token)
                #expect(search.status == .forbidden)
                #expect(search.body.string.contains("OperationOutcome"))
                #expect(try await fhir(app, .GET, "/fhir/Coverage?patient=\(patientID)", token: token).status == .forbidden)
                #expect(try await fhir(app, .POST, "/fhir/Patient", token: token, body: #"{"resourceType":"Patient"}"#).status == .forbidden)
                #expect(try await fhir(app, .GET, "/api/me", token: token).status == .ok)
                let refusals = try await auditTrail(app).filter { $0.action == "token.scope" }
                #expect(refusals.count == 3)
            }
        }

        @Test func aTransactionIsRefusedWhenOneEntryIsOutsideTheScopes() async throws {
            try await withHearth { app in
                let (_, client) = try await registered(app, .ec(), scopes: "system/Patient.cruds")
                let token = try SMARTTestClient.accessToken(try await SMARTTestClient.requestToken(app, assertion: try client.assertion(), scope: "system/Patient.cruds"))
                let bundle = #"{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Condition"},"request":{"method":"POST","url":"Condition"}}]}"#
                let response = try await fhir(app, .POST, "/fhir", token: token, body: bundle)
                #expect(response.status == .forbidden)
                #expect(response.body.string.contains("Condition.c"))
            }
        }

        @Test func anAssertionSignedWithAnUnregisteredKeyIsRefused() async throws {
            try await withHearth { app in
                let (_, client) = try await registered(app, .ec())
                var impostor = SMARTTestClient.ec()
                impostor.clientID = client.clientID
                let response = try await SMARTTestClient.requestToken(app, assertion: try impostor.assertion(), scope: "system/Patient.rs")
                #expect(response.status == .unauthorized)
                #expect(error(response) == "invalid_client")
            }
        }

        @Test func expiredOrTooLongLivedAssertionsAreRefused() async throws {
            try await withHearth { app in
                let (_, client) = try await registered(app, .ec())
                let expired = try await SMARTTestClient.requestToken(app, assertion: try client.assertion(expiresIn: -120), scope: "system/Patient.rs")
                #expect(expired.status == .unauthorized)
                #expect(expired.body.string.contains("expired"))
                let tooLong = try await SMARTTestClient.requestToken(app, assertion: try client.assertion(expiresIn: 3600), scope: "system/Patient.rs")
                #expect(tooLong.status == .unauthorized)
                #expect(tooLong.body.string.contains("five minutes"))
            }
        }

        @Test func aReplayedAssertionIsRefused() async throws {
            try await withHearth { app in
                let (_, client) = try await registered(app, .ec())
                let assertion = try client.assertion()
                #expect(try await SMARTTestClient.requestToken(app, assertion: assertion, scope: "system/Patient.rs").status == .ok)
                let replay = try await SMARTTestClient.requestToken(app, assertion: assertion, scope: "system/Patient.rs")
                #expect(replay.status == .unauthorized)
                #expect(replay.body.string.contains("already used"))
            }
        }

        @Test func anAssertionForAnotherAudienceIsRefused() async throws {
            try await withHearth { app in
                let (_, client) = try await registered(app, .ec())
                let response = try await SMARTTestClient.requestToken(app, assertion: try client.assertion(aud: "https://other.example/token"), scope: "system/Patient.rs")
                #expect(response.status == .unauthorized)
                #expect(error(response) == "invalid_client")
            }
        }

        @Test func scopesBeyondTheRegistrationOrAnotherGrantAreRefusedAs400() async throws {
            try await withHearth { app in
                let (_, client) = try await registered(app, .ec())
                let wider = try await SMARTTestClient.requestToken(app, assertion: try client.assertion(), scope: "system/*.rs")
                #expect(wider.status == .badRequest)
                #expect(error(wider) == "invalid_scope")
                let grant = try await SMARTTestClient.requestToken(app, assertion: try client.assertion(), scope: "system/Patient.rs", grantType: "password")
                #expect(grant.status == .badRequest)
                #expect(error(grant) == "unsupported_grant_type")
            }
        }

        @Test func aRevokedClientGetsNoTokenAndItsTokensStopWorking() async throws {
            try await withHearth { app in
                let (cast, client) = try await registered(app, .ec())
                let token = try SMARTTestClient.accessToken(try await SMARTTestClient.requestToken(app, assertion: try client.assertion(), scope: "system/Patient.rs"))
                let stored = try #require(try await OAuthClient.find(UUID(uuidString: client.clientID), on: app.db))
                try await ClientRegistration.revoke(stored, by: .commandLine, on: app.db)
                #expect(try await fhir(app, .GET, SiteURL.fhir(.resource(.Patient, id: cast.ownPatient.requireID())).path, token: token).status == .unauthorized)
                let again = try await SMARTTestClient.requestToken(app, assertion: try client.assertion(), scope: "system/Patient.rs")
                #expect(again.status == .unauthorized)
                #expect(try await auditTrail(app).contains { $0.action == "client.revoke" })
            }
        }

        @Test func theAdministratorRegistersAClientOnThePageAndABadKeySetIsShownByItsField() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("admin")
                #expect(try await browser.get(SiteURL.admin(.clients).path).status == .ok)
                let bad = try await browser.post(SiteURL.admin(.clients).path, form: ["name": "Lab feed", "username": "casemanager", "scopes": "system/Patient.rs", "jwks": "{\"keys\": []}"])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains("has no keys"))
                #expect(bad.body.string.contains("Lab feed"))
                let good = try await browser.post(SiteURL.admin(.clients).path, form: ["name": "Lab feed", "username": "casemanager", "scopes": "system/Patient.rs", "jwks": SMARTTestClient.ec().jwks])
                #expect(good.status == .created)
                #expect(good.body.string.contains("client_id is"))
                #expect(try await OAuthClient.query(on: app.db).count() == 1)
                #expect(try await auditTrail(app).contains { $0.action == "client.register" && $0.actorName == "admin" })
            }
        }

        @Test func aClinicianCannotOpenTheClientsPage() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("clinician")
                #expect(try await browser.get(SiteURL.admin(.clients).path).status == .forbidden)
            }
        }

        /// A payer's client sees the members whose coverage names the payer's case manager, and no one else
        /// (`PatientAccess+Payer`; minimum necessary, 45 CFR 164.502(b)).
        @Test func aPayersClientReadsItsMembersAndTheirCoverageOnly() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let coverage = Coverage()
                coverage.$patient.id = try cast.ownPatient.requireID()
                coverage.payer = "Buckeye Senior Advantage"
                coverage.memberID = "BSA-1"
                coverage.order = 1
                coverage.$payerCaseManager.id = try cast.user(.payer).requireID()
                try await coverage.create(on: app.db)
                var client = SMARTTestClient.ec()
                client.clientID = try await ClientRegistration.register(.init(name: "Plan care management", jwks: client.jwks,
                                                                              scopes: "system/Patient.rs system/Coverage.rs", username: "payer"),
                                                                        by: .commandLine, on: app.db).clientID
                let token = try SMARTTestClient.accessToken(try await SMARTTestClient.requestToken(app, assertion: try client.assertion(), scope: "system/Patient.rs system/Coverage.s"))
                let member = try cast.ownPatient.requireID().uuidString.lowercased(), stranger = try cast.otherPatient.requireID().uuidString.lowercased()
                #expect(try await fhir(app, .GET, "/fhir/Patient/\(member)", token: token).status == .ok)
                let coverages = try await fhir(app, .GET, "/fhir/Coverage?patient=\(member)", token: token)
                #expect(coverages.status == .ok)
                #expect(coverages.body.string.contains("BSA-1"))
                #expect(try await fhir(app, .GET, "/fhir/Patient/\(stranger)", token: token).status == .notFound)
                #expect(try await fhir(app, .GET, "/fhir/Coverage?patient=\(stranger)", token: token).status == .notFound)
                #expect(try await fhir(app, .GET, "/fhir/Condition?patient=\(member)", token: token).status == .forbidden) // outside its scopes
            }
        }

        @Test func corsAnswersOnlyTheConfiguredOrigins() async throws {
            try await withHearth(adjust: { $0.corsOrigins = ["https://app.example.org"] }) { app in
                var preflight = HTTPHeaders()
                preflight.replaceOrAdd(name: .origin, value: "https://app.example.org")
                preflight.replaceOrAdd(name: .accessControlRequestMethod, value: "GET")
                let allowed = try await app.testing().sendRequest(.OPTIONS, "/fhir/Patient", headers: preflight)
                #expect(allowed.status == .noContent)
                #expect(allowed.headers.first(name: .accessControlAllowOrigin) == "https://app.example.org")
                #expect(allowed.headers.first(name: .accessControlAllowHeaders)?.contains("Authorization") == true)
                preflight.replaceOrAdd(name: .origin, value: "https://evil.example")
                let other = try await app.testing().sendRequest(.OPTIONS, "/fhir/Patient", headers: preflight)
                #expect(other.headers.first(name: .accessControlAllowOrigin) == nil)
                var get = HTTPHeaders()
                get.replaceOrAdd(name: .origin, value: "https://app.example.org")
                let metadata = try await app.testing().sendRequest(.GET, "/fhir/metadata", headers: get)
                #expect(metadata.headers.first(name: .accessControlAllowOrigin) == "https://app.example.org")
            }
        }
    }
}
