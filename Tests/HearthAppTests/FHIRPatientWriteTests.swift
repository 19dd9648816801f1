import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// Partners writing patients over FHIR: what is posted reads back, conditional writes never duplicate, and a
    /// refusal names the element without repeating the data.
    @Suite struct FHIRPatientWriteTests {
        /// A FHIR client with one user's bearer token that writes JSON.
        struct Writer {
            let app: Application
            let headers: HTTPHeaders

            init(_ app: Application, _ user: User) async throws {
                self.app = app
                let secret = "hth_" + Secret.make()
                try await APIToken(tokenHash: Secret.hash(secret), userID: user.requireID(), name: "hospital", now: Date()).create(on: app.db)
                var headers = HTTPHeaders()
                headers.bearerAuthorization = .init(token: secret)
                headers.contentType = .init(type: "application", subType: "fhir+json")
                self.headers = headers
            }

            func send(_ method: HTTPMethod, _ path: String, _ body: [String: Any]? = nil, extra: [(String, String)] = []) async throws -> (status: HTTPStatus, json: [String: Any], response: TestingHTTPResponse) {
                var headers = self.headers
                for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
                let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
                let response = try await app.testing().sendRequest(method, path, headers: headers, body: data.map { ByteBuffer(data: $0) })
                let json = (try? JSONSerialization.jsonObject(with: Data(response.body.string.utf8))) as? [String: Any] ?? [:]
                return (response.status, json, response)
            }
        }

        static let hospital = "urn:oid:2.16.840.1.113883.19.5"

        /// A US Core patient with every demographic Hearth keeps.
        static func patient(identifier: String = "H-4471", physicianID: UUID? = nil) -> [String: Any] {
            var patient: [String: Any] = [
                "resourceType": "Patient",
                "identifier": [["system": hospital, "value": identifier, "use": "usual",
                                "type": ["coding": [["system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"]], "text": "Hospital MRN"]]],
                "name": [["use": "official", "family": "Okafor", "given": ["Mary", "Ann"]], ["use": "usual", "given": ["Mae"]]],
                "telecom": [["system": "phone", "value": "614-555-0142", "use": "home"], ["system": "phone", "value": "614-555-0199", "use": "mobile"]],
                "gender": "female", "birthDate": "1944-06-02",
                "address": [["use": "home", "line": ["12 Elm St Apt 3"], "city": "Columbus", "state": "OH", "postalCode": "43215", "country": "US"]],
                "communication": [["language": ["coding": [["system": "urn:ietf:bcp:47", "code": "es", "display": "Spanish"]], "text": "Spanish"], "preferred": true]],
                "extension": [
                    ["url": PatientWrite.urls.race, "extension": [
                        ["url": "ombCategory", "valueCoding": ["system": RaceAndEthnicity.cdcSystem, "code": "2054-5", "display": "Black or African American"]],
                        ["url": "ombCategory", "valueCoding": ["system": RaceAndEthnicity.cdcSystem, "code": "2028-9", "display": "Asian"]],
                        ["url": "detailed", "valueCoding": ["system": RaceAndEthnicity.cdcSystem, "code": "2060-2", "display": "African"]],
                        ["url": "text", "valueString": "Nigerian and Filipino"],
                    ]],
                    ["url": PatientWrite.urls.ethnicity, "extension": [
                        ["url": "ombCategory", "valueCoding": ["system": RaceAndEthnicity.cdcSystem, "code": "2186-5", "display": "Not Hispanic or Latino"]],
                        ["url": "text", "valueString": "Not Hispanic or Latino"],
                    ]],
                    ["url": PatientWrite.urls.birthSex, "valueCode": "F"],
                    ["url": PatientWrite.urls.interpreter, "valueBoolean": true],
                ],
            ]
            if let physicianID { patient["generalPractitioner"] = [["reference": "Practitioner/\(physicianID.uuidString.lowercased())"]] }
            return patient
        }

        static func extensionNamed(_ url: String, in resource: [String: Any]) -> [String: Any]? {
            (resource["extension"] as? [[String: Any]])?.first { $0["url"] as? String == url }
        }

        @Test func aPatientPostedReadsBackWithEveryDemographicAndShowsOnTheProfile() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let writer = try await Writer(app, cast.user(.caseManager))
                let sent = Self.patient(physicianID: try cast.user(.physician).requireID())
                // act
                let created = try await writer.send(.POST, "/fhir/Patient", sent)
                // check: created, and read back as sent
                #expect(created.status == .created, "\(created.json)")
                // Location is absolute (the public base and the typed address); the test client takes the path.
                let location = try #require(created.response.headers.first(name: .location).flatMap { URLComponents(string: $0)?.path })
                #expect(created.response.headers.first(name: .location)?.hasPrefix("http") == true)
                let read = try await writer.send(.GET, location)
                let back = read.json
                let identifiers = try #require(back["identifier"] as? [[String: Any]])
                #expect(identifiers.count == 2)
                #expect(identifiers[0]["system"] as? String == FHIRPatient.mrnSystem)
                #expect(NSDictionary(dictionary: identifiers[1]).isEqual(to: (sent["identifier"] as! [[String: Any]])[0]))
                let names = try #require(back["name"] as? [[String: Any]])
                #expect(names[0]["given"] as? [String] == ["Mary", "Ann"])
                #expect(names[1]["given"] as? [String] == ["Mae"])
                #expect((back["telecom"] as? [[String: Any]])?.map { $0["value"] as? String } == ["614-555-0142", "614-555-0199"])
                #expect((back["address"] as? [[String: Any]])?.first?["line"] as? [String] == ["12 Elm St Apt 3"])
                let language = (back["communication"] as? [[String: Any]])?.first?["language"] as? [String: Any]
                #expect(NSDictionary(dictionary: language ?? [:]).isEqual(to: ((sent["communication"] as! [[String: Any]])[0]["language"] as! [String: Any])))
                #expect((back["generalPractitioner"] as? [[String: Any]])?.first?["reference"] as? String == "Practitioner/\(try cast.user(.physician).requireID().uuidString.lowercased())")
                for url in [PatientWrite.urls.race, PatientWrite.urls.ethnicity, PatientWrite.urls.birthSex, PatientWrite.urls.interpreter] {
                    let posted = try #require(Self.extensionNamed(url, in: sent))
                    #expect(NSDictionary(dictionary: Self.extensionNamed(url, in: back) ?? [:]).isEqual(to: posted), "\(url)")
                }
                let audit = try await auditTrail(app)
                #expect(audit.contains { $0.action == "patient.create" && $0.detail == "FHIR" })
                // check: the case manager sees race, ethnicity and sex at birth on the profile, in words
                let browser = Browser(app)
                try await browser.login("casemanager")
                let profile = try await browser.get(location.replacingOccurrences(of: "/fhir/Patient", with: "/patients") + "/profile").body.string
                #expect(profile.contains(#"id="race-2054-5" name="race[]" value="2054-5" checked"#))
                #expect(profile.contains(#"<option value="2186-5" selected>Not Hispanic or Latino</option>"#))
                #expect(profile.contains(#"<option value="F" selected>Female</option>"#))
                #expect(profile.contains(#"value="Ann""#))
            }
        }

        @Test func theProfileFormSavesRaceAndKeepsAPartnersDetailedCodes() async throws {
            try await withHearth { app in
                // setup: a partner's patient with a detailed race code
                let cast = try await makeCast(app)
                let writer = try await Writer(app, cast.user(.caseManager))
                let location = try #require(try await writer.send(.POST, "/fhir/Patient", Self.patient()).response.headers.first(name: .location))
                let id = try #require(UUID(uuidString: String(location.split(separator: "/").last!)))
                let browser = Browser(app)
                try await browser.login("casemanager")
                try await browser.get(SiteURL.patient(id, .profile).path)
                let patient = try #require(try await Patient.find(id, on: app.db))
                var form = ["givenName": "Mary", "middleNames": "Ann", "familyName": "Okafor", "birthDate": "1944-06-02", "sex": "female",
                            "ethnicity": "2186-5", "birthSex": "F", "race[]": "2054-5", "language": "Spanish", "interpreterNeeded": "yes",
                            "phone": "614-555-0142", "alternatePhone": "614-555-0199", "addressLine": "12 Elm St Apt 3", "city": "Columbus", "state": "OH", "postalCode": "43215"]
                // act: the nurse corrects race to one category, then tries a contradictory answer
                #expect(try await browser.post(SiteURL.patient(id).path + "/profile", form: form).status == .seeOther)
                let corrected = try #require(try await Patient.find(id, on: app.db))
                form["race[]"] = "UNK"
                form["birthSex"] = "X"
                let refused = try await browser.post(SiteURL.patient(id).path + "/profile", form: form)
                // check
                #expect(patient.race?.details.map(\.code) == ["2060-2"])
                #expect(corrected.race?.categories == ["2054-5"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains(#"id="birthSex-error""#))
            }
        }

        @Test func conditionalCreateAndUpdateByIdentifierNeverDuplicate() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let intake = try await Writer(app, cast.user(.intake))
                let writer = try await Writer(app, cast.user(.supervisor))
                let condition = [("If-None-Exist", "identifier=\(Self.hospital)|H-4471")]
                // act
                let first = try await intake.send(.POST, "/fhir/Patient", Self.patient(), extra: condition)
                let again = try await intake.send(.POST, "/fhir/Patient", Self.patient(), extra: condition)
                var changed = Self.patient()
                changed["birthDate"] = "1944-06-03"
                let intakeMayNotChange = try await intake.send(.PUT, "/fhir/Patient?identifier=\(Self.hospital)|H-4471", changed)
                let updated = try await writer.send(.PUT, "/fhir/Patient?identifier=\(Self.hospital)|H-4471", changed)
                let createdByPut = try await writer.send(.PUT, "/fhir/Patient?identifier=\(Self.hospital)|H-9000", Self.patient(identifier: "H-9000"))
                let byIdentifier = try await writer.send(.GET, "/fhir/Patient?identifier=\(Self.hospital)|H-4471")
                let mrn = try #require((first.json["identifier"] as? [[String: Any]])?.first?["value"] as? String)
                let otherSystem = try await writer.send(.GET, "/fhir/Patient?identifier=\(Self.hospital)|\(mrn)")
                // check
                #expect(first.status == .created)
                #expect(again.status == .ok)
                #expect(again.json["id"] as? String == first.json["id"] as? String)
                #expect(intakeMayNotChange.status == .forbidden)
                #expect(updated.status == .ok && updated.json["birthDate"] as? String == "1944-06-03")
                #expect(createdByPut.status == .created)
                #expect(try await Patient.query(on: app.db).count() == 4)
                #expect((byIdentifier.json["entry"] as? [Any])?.count == 1)
                #expect((otherSystem.json["entry"] as? [Any] ?? []).isEmpty)
            }
        }

        @Test func whatHearthDoesNotKeepIsRefusedByItsPathWithoutEchoingIt() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let writer = try await Writer(app, cast.user(.caseManager))
                var email = Self.patient()
                email["telecom"] = [["system": "email", "value": "mary.okafor@example.org"]]
                var marital = Self.patient()
                marital["maritalStatus"] = ["text": "Widowed"]
                var badDate = Self.patient()
                badDate["birthDate"] = "1944-02-30"
                // act
                let emailAnswer = try await writer.send(.POST, "/fhir/Patient", email)
                let maritalAnswer = try await writer.send(.POST, "/fhir/Patient", marital)
                let dateAnswer = try await writer.send(.PUT, "/fhir/Patient/\(try cast.ownPatient.requireID())", badDate)
                let hidden = try await writer.send(.PUT, "/fhir/Patient/\(try cast.otherPatient.requireID())", Self.patient())
                let clinician = try await Writer(app, cast.user(.clinician)).send(.POST, "/fhir/Patient", Self.patient())
                // check
                func expression(_ json: [String: Any]) -> [String]? { (json["issue"] as? [[String: Any]])?.first?["expression"] as? [String] }
                #expect(emailAnswer.status == .unprocessableEntity)
                #expect(expression(emailAnswer.json) == ["Patient.telecom[0].system"])
                #expect(!emailAnswer.response.body.string.contains("mary.okafor"))
                #expect(expression(maritalAnswer.json) == ["Patient.maritalStatus"])
                #expect(expression(dateAnswer.json) == ["Patient.birthDate"])
                #expect(!dateAnswer.response.body.string.contains("1944"))
                #expect(hidden.status == .notFound)
                #expect(clinician.status == .forbidden)
                #expect(try await Patient.query(on: app.db).count() == 2)
                let denials = try await auditTrail(app).filter { $0.outcome == "denied" }
                #expect(denials.contains { $0.action == "patient.write" && $0.patientID == cast.otherPatient.id })
                #expect(denials.contains { $0.action == "agency.registerPatient" })
            }
        }
    }
}
