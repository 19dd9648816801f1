import Fluent
import Foundation
import HearthCore
import NIOCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct BadInputTests {
        @Test func unknownRouteIs404InTheClientsFormat() async throws {
            try await withHearth { app in
                let json = try await app.testing().sendRequest(.GET, "/no/such/page", headers: ["Accept": "application/json"])
                #expect(json.status == .notFound)
                #expect(json.body.string.contains(#""error":"not_found""#))
                #expect(json.body.string.contains(#""reason""#))
                let html = try await app.testing().sendRequest(.GET, "/no/such/page", headers: ["Accept": "text/html"])
                #expect(html.status == .notFound)
                #expect(html.body.string.contains("<h1>Not found</h1>"))
                let fhir = try await app.testing().sendRequest(.GET, "/fhir/Nothing/1")
                #expect(fhir.body.string.contains(#""resourceType":"OperationOutcome""#))
            }
        }

        @Test func wrongMethodIs405WithAllow() async throws {
            try await withHearth { app in
                let response = try await app.testing().sendRequest(.DELETE, "/login", headers: ["Accept": "application/json"])
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers.first(name: .allow) == "GET, HEAD, POST")
                let put = try await app.testing().sendRequest(.PUT, "/healthz")
                #expect(put.status == .methodNotAllowed)
            }
        }

        @Test func bodyOverOneMebibyteIs413() async throws {
            try await withHearth { app in
                let big = ByteBuffer(repeating: UInt8(ascii: "a"), count: 1_100_000)
                var headers = HTTPHeaders()
                headers.contentType = .urlEncodedForm
                headers.replaceOrAdd(name: .accept, value: "application/json")
                let response = try await app.testing().sendRequest(.POST, "/login", headers: headers, body: big)
                #expect(response.status == .payloadTooLarge)
                #expect(response.body.string.contains("larger than 1 MiB"))
            }
        }

        @Test func malformedJSONIs400WithTheReason() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let secret = "hth_" + Secret.make()
                try await APIToken(tokenHash: Secret.hash(secret), userID: cast.user(.caseManager).requireID(), name: "t", now: Date()).create(on: app.db)
                var headers = HTTPHeaders()
                headers.bearerAuthorization = .init(token: secret)
                headers.contentType = .json
                let response = try await app.testing().sendRequest(.POST, "/fhir/Patient", headers: headers, body: ByteBuffer(string: #"{"resourceType": "Patient", "name": [ "#))
                #expect(response.status == .badRequest)
                #expect(response.body.string.contains("not valid JSON"))
                #expect(response.body.string.contains("OperationOutcome"))
                let missing = try await app.testing().sendRequest(.POST, "/fhir/Patient", headers: headers, body: ByteBuffer(string: #"{"resourceType": "Patient"}"#))
                #expect(missing.status == .badRequest || missing.status == .unprocessableEntity)
                #expect(try await Patient.query(on: app.db).count() == 2)
            }
        }

        @Test func invalidFormReRendersWithMessagesBesideFields() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                let response = try await browser.post("/patients", form: [
                    "givenName": "Ruth", "familyName": "", "birthDate": "1944-02-30", "sex": "female", "postalCode": "4321",
                ])
                #expect(response.status == .unprocessableEntity)
                let page = response.body.string
                #expect(page.contains(#"id="familyName-error""#))
                #expect(page.contains("Enter the date of birth as YYYY-MM-DD"))
                #expect(page.contains("Use a 5-digit ZIP code"))
                #expect(page.contains(#"value="Ruth""#)) // what the user typed is kept
                #expect(page.contains(#"value="1944-02-30""#))
                #expect(try await Patient.query(on: app.db).filter(\.$givenName == "Ruth").count() == 0)
            }
        }

        @Test func unreadableDatabaseStopsStartupWithOneLine() async throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-db-\(UUID()).sqlite").path
            try Data(String(repeating: "this is not a database ", count: 100).utf8).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let app = try await Application.make(.testing)
            try await configure(app, settings: testSettings(.sqliteFile(path: path)))
            await #expect(throws: StartupError.self) { try await app.asyncBoot() }
            try? await app.asyncShutdown()
        }

        @Test func errorsNeverEchoPatientData() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                let response = try await browser.get("/patients/not-a-uuid")
                #expect(response.status == .notFound)
                #expect(!response.body.string.contains("not-a-uuid"))
            }
        }
    }
}

extension AllTests.BadInputTests {
    @Test(arguments: ["/patients?page=9223372036854775807", "/patients?page=-3", "/patients?page=abc", "/admin/audit?page=9223372036854775807"])
    func absurdPageNumbersNeverCrash(path: String) async throws {
        try await withHearth { app in
            _ = try await makeCast(app)
            let browser = Browser(app)
            try await browser.login("admin")
            #expect(try await browser.get(path).status == .ok)
        }
    }

    @Test func absurdFHIROffsetNeverCrashes() async throws {
        try await withHearth { app in
            let cast = try await makeCast(app)
            let secret = "hth_" + Secret.make()
            try await APIToken(tokenHash: Secret.hash(secret), userID: cast.user(.supervisor).requireID(), name: "t", now: Date()).create(on: app.db)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: secret)
            let response = try await app.testing().sendRequest(.GET, "/fhir/Patient?_offset=9223372036854775807&_count=9223372036854775807", headers: headers)
            #expect(response.status == .ok)
        }
    }
}
