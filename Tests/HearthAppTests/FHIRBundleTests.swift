import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// Transaction and batch Bundles at `POST /fhir` (FHIR R4 http.html#transaction).
    @Suite struct FHIRBundleTests {
        typealias Writer = FHIRPatientWriteTests.Writer

        static func entry(_ resource: [String: Any], fullUrl: String? = nil, method: String = "POST", url: String = "Patient", ifNoneExist: String? = nil) -> [String: Any] {
            var request: [String: Any] = ["method": method, "url": url]
            if let ifNoneExist { request["ifNoneExist"] = ifNoneExist }
            var entry: [String: Any] = ["resource": resource, "request": request]
            if let fullUrl { entry["fullUrl"] = fullUrl }
            return entry
        }

        static func bundle(_ type: String, _ entries: [[String: Any]]) -> [String: Any] {
            ["resourceType": "Bundle", "type": type, "entry": entries]
        }

        /// Two outside patients, each created only if its hospital identifier is new.
        static func twoPatients(secondBirthDate: String = "1950-01-15") -> [[String: Any]] {
            var second = FHIRPatientWriteTests.patient(identifier: "H-2")
            second["birthDate"] = secondBirthDate
            second["name"] = [["use": "official", "family": "Lindqvist", "given": ["Erik"]]]
            return [
                entry(FHIRPatientWriteTests.patient(identifier: "H-1"), fullUrl: "urn:uuid:7f3c1e2a-0000-4000-8000-000000000001",
                      ifNoneExist: "identifier=\(FHIRPatientWriteTests.hospital)|H-1"),
                entry(second, fullUrl: "urn:uuid:7f3c1e2a-0000-4000-8000-000000000002", ifNoneExist: "identifier=\(FHIRPatientWriteTests.hospital)|H-2"),
            ]
        }

        static func statuses(_ json: [String: Any]) -> [String] {
            (json["entry"] as? [[String: Any]] ?? []).compactMap { ($0["response"] as? [String: Any])?["status"] as? String }
        }

        @Test func aTransactionIsWrittenOnceAndARepostChangesNothing() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let writer = try await Writer(app, cast.user(.intake))
                // act
                let first = try await writer.send(.POST, "/fhir", Self.bundle("transaction", Self.twoPatients()))
                let again = try await writer.send(.POST, "/fhir", Self.bundle("transaction", Self.twoPatients()))
                // check
                #expect(first.status == .ok, "\(first.json)")
                #expect(first.json["type"] as? String == "transaction-response")
                #expect(Self.statuses(first.json) == ["201 Created", "201 Created"])
                let locations = (first.json["entry"] as? [[String: Any]] ?? []).compactMap { ($0["response"] as? [String: Any])?["location"] as? String }
                #expect(locations.count == 2 && locations.allSatisfy { $0.hasPrefix("Patient/") })
                #expect(Self.statuses(again.json) == ["200 OK", "200 OK"])
                #expect(try await Patient.query(on: app.db).count() == 4)
                #expect(try await auditTrail(app).filter { $0.action == "fhir.transaction" }.count == 2)
            }
        }

        @Test func aBadEntryRollsTheWholeTransactionBackAndIsNamed() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let writer = try await Writer(app, cast.user(.caseManager))
                // act
                let answer = try await writer.send(.POST, "/fhir", Self.bundle("transaction", Self.twoPatients(secondBirthDate: "2199-01-01")))
                // check: nothing written, not even the first patient or its audit record, and entry 1's birthDate named
                #expect(answer.status == .unprocessableEntity)
                #expect(answer.json["resourceType"] as? String == "OperationOutcome")
                let expression = (answer.json["issue"] as? [[String: Any]])?.first?["expression"] as? [String]
                #expect(expression == ["Bundle.entry[1].resource.birthDate"])
                #expect(!answer.response.body.string.contains("2199"))
                #expect(try await Patient.query(on: app.db).count() == 2)
                #expect(try await PatientIdentifier.query(on: app.db).count() == 0)
                let audit = try await auditTrail(app)
                #expect(!audit.contains { $0.action == "patient.create" })
                #expect(audit.contains { $0.action == "fhir.bundle" && $0.outcome == "failure" })
            }
        }

        @Test func aBatchAnswersEachEntryOnItsOwn() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let writer = try await Writer(app, cast.user(.caseManager))
                var entries = Self.twoPatients(secondBirthDate: "not a date")
                entries.append(Self.entry(["resourceType": "Basic"], url: "Basic"))
                // act
                let answer = try await writer.send(.POST, "/fhir", Self.bundle("batch", entries))
                // check
                #expect(answer.status == .ok)
                #expect(answer.json["type"] as? String == "batch-response")
                #expect(Self.statuses(answer.json) == ["201 Created", "422 Unprocessable Entity", "422 Unprocessable Entity"])
                let outcomes = (answer.json["entry"] as? [[String: Any]] ?? []).map { (($0["response"] as? [String: Any])?["outcome"] as? [String: Any])?["issue"] as? [[String: Any]] }
                #expect(outcomes[1]?.first?["expression"] as? [String] == ["Bundle.entry[1].resource.birthDate"])
                #expect(outcomes[2]?.first?["code"] as? String == "not-supported")
                #expect(try await Patient.query(on: app.db).count() == 3)
            }
        }

        @Test func malformedBundlesAreRefusedBeforeAnythingIsWritten() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let writer = try await Writer(app, cast.user(.caseManager))
                var twins = Self.twoPatients()
                twins[1]["fullUrl"] = twins[0]["fullUrl"]
                let many = Array(repeating: Self.entry(FHIRPatientWriteTests.patient()), count: FHIRController.maxBundleEntries + 1)
                // act
                let duplicate = try await writer.send(.POST, "/fhir", Self.bundle("transaction", twins))
                let history = try await writer.send(.POST, "/fhir", Self.bundle("history", []))
                let tooMany = try await writer.send(.POST, "/fhir", Self.bundle("transaction", many))
                let wrongURL = try await writer.send(.POST, "/fhir", Self.bundle("transaction", [Self.entry(FHIRPatientWriteTests.patient(), url: "Condition")]))
                // check
                #expect(duplicate.status == .badRequest)
                #expect(history.status == .unprocessableEntity)
                #expect(tooMany.status == .payloadTooLarge)
                #expect(wrongURL.status == .unprocessableEntity)
                #expect(try await Patient.query(on: app.db).count() == 2)
            }
        }
    }
}

extension AllTests.FHIRBundleTests {
    /// An outside patient with a diagnosis and an allergy, referring to the patient by its entry's urn:uuid.
    static func referral(code: String = "I50.9") -> [[String: Any]] {
        let patientURL = "urn:uuid:7f3c1e2a-0000-4000-8000-0000000000aa"
        return [
            entry(["resourceType": "Condition", "subject": ["reference": patientURL], "category": [["text": "Primary diagnosis"]],
                   "code": ["coding": [["system": FHIRCondition.icd10, "code": code]]], "onsetDateTime": "2026-11-20T08:00:00Z"], url: "Condition"),
            entry(["resourceType": "AllergyIntolerance", "patient": ["reference": patientURL], "code": ["text": "Penicillin"],
                   "reaction": [["manifestation": [["text": "Hives"]], "severity": "moderate"]]], url: "AllergyIntolerance"),
            entry(AllTests.FHIRPatientWriteTests.patient(identifier: "H-77"), fullUrl: patientURL, ifNoneExist: "identifier=\(AllTests.FHIRPatientWriteTests.hospital)|H-77"),
        ]
    }

    @Test func aTransactionCarriesConditionsAndAllergiesForItsPatientOnce() async throws {
        try await withHearth { app in
            // setup
            let cast = try await makeCast(app)
            let writer = try await Writer(app, cast.user(.caseManager))
            // act
            let first = try await writer.send(.POST, "/fhir", Self.bundle("transaction", Self.referral()))
            let again = try await writer.send(.POST, "/fhir", Self.bundle("transaction", Self.referral()))
            let badCode = try await writer.send(.POST, "/fhir", Self.bundle("transaction", Self.referral(code: "I50")))
            // check: the patient entry was written first; the condition points at it; nothing doubled
            #expect(Self.statuses(first.json) == ["201 Created", "201 Created", "201 Created"], "\(first.json)")
            #expect(Self.statuses(again.json) == ["200 OK", "200 OK", "200 OK"])
            let diagnosis = try #require(try await Diagnosis.query(on: app.db).filter(\.$code == "I50.9").first())
            let patient = try #require(try await PatientIdentifier.query(on: app.db).filter(\.$value == "H-77").first())
            #expect(diagnosis.$patient.id == patient.$patient.id && diagnosis.rank == "primary" && diagnosis.onsetDate == "2026-11-20")
            #expect(try await Allergy.query(on: app.db).filter(\.$substance == "Penicillin").count() == 1)
            #expect(badCode.status == .unprocessableEntity)
            let expression = (badCode.json["issue"] as? [[String: Any]])?.first?["expression"] as? [String]
            #expect(expression == ["Bundle.entry[0].resource.code.coding"])
        }
    }
}
