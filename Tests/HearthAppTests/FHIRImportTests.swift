import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// `hearth fhir import` (issue 21): the same policy, checks and audit as `POST /fhir`, at import speed.
    @Suite struct FHIRImportTests {
        typealias Bundles = FHIRBundleTests

        /// A transaction Bundle file of one new patient (`urn:uuid:…01`) with a diagnosis, plus `extra` entries.
        static func file(_ extra: [[String: Any]] = []) throws -> FHIRImportSource {
            let person = "urn:uuid:5a1e0000-0000-4000-8000-000000000001"
            let entries = [
                Bundles.entry(FHIRPatientWriteTests.patient(identifier: "IMP-1"), fullUrl: person, ifNoneExist: "identifier=\(FHIRPatientWriteTests.hospital)|IMP-1"),
                Bundles.entry(condition(person, "I50.9"), url: "Condition"),
            ] + extra
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).json").path
            try JSONSerialization.data(withJSONObject: Bundles.bundle("transaction", entries)).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            return try FHIRImportSource(file: path)
        }

        static func condition(_ subject: String, _ code: String) -> [String: Any] {
            ["resourceType": "Condition", "subject": ["reference": subject],
             "code": ["coding": [["system": "http://hl7.org/fhir/sid/icd-10-cm", "code": code]]]]
        }

        static func vital(_ subject: String, _ code: String, _ value: Double, _ unit: String) -> [String: Any] {
            ["resourceType": "Observation", "status": "final", "subject": ["reference": subject], "effectiveDateTime": "2026-11-20T08:30:00-05:00",
             "category": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs"]]]],
             "code": ["coding": [["system": "http://loinc.org", "code": code]]],
             "valueQuantity": ["value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit]]
        }

        static func importer(_ app: Application, _ user: User, skipBad: Bool) throws -> FHIRImporter {
            FHIRImporter(app: app, user: try CurrentUser(user: user, via: .bearer), skipBad: skipBad)
        }

        @Test func anEntryForAPatientTheImporterMayNotWriteIsRefusedAndStopsItsTransaction() async throws {
            try await withHearth { app in
                // setup: a case manager imports a Bundle with a diagnosis for another case manager's patient
                let cast = try await makeCast(app)
                let stranger = try cast.otherPatient.requireID()
                let source = try Self.file([Bundles.entry(Self.condition("Patient/\(stranger.uuidString.lowercased())", "E11.9"), url: "Condition")])
                var importer = try Self.importer(app, cast.user(.caseManager), skipBad: false)
                // act
                let (tally, refusals) = try await importer.load(source) { _ in }
                // check: the entry is named, nothing of the transaction is written, and the policy's refusal is audited
                #expect(tally.loaded == 0)
                #expect(refusals.map(\.place) == ["Bundle.entry[2]"], "\(refusals)")
                #expect(refusals.first?.path == "Condition.subject.reference")
                #expect(try await Diagnosis.query(on: app.db).count() == 0)
                #expect(try await PatientIdentifier.query(on: app.db).count() == 0)
                let audit = try await auditTrail(app)
                #expect(audit.contains { $0.outcome == "denied" && $0.patientID == stranger })
                #expect(!audit.contains { $0.action == "patient.create" })
            }
        }

        @Test func skipBadRefusesThePatientTheImporterMayNotWriteAndWritesTheRestInOnePass() async throws {
            try await withHearth { app in
                // setup: the same Bundle, plus an entry Hearth refuses for what it says (a laboratory result)
                let cast = try await makeCast(app)
                let stranger = try cast.otherPatient.requireID()
                var lab = Self.vital("urn:uuid:5a1e0000-0000-4000-8000-000000000001", "2345-7", 98, "mg/dL")
                lab["category"] = [["coding": [["system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory"]]]]
                let source = try Self.file([
                    Bundles.entry(Self.condition("Patient/\(stranger.uuidString.lowercased())", "E11.9"), url: "Condition"),
                    Bundles.entry(lab, url: "Observation"),
                    Bundles.entry(Self.vital("urn:uuid:5a1e0000-0000-4000-8000-000000000001", "8867-4", 72, "/min"), url: "Observation"),
                ])
                var importer = try Self.importer(app, cast.user(.caseManager), skipBad: true)
                // act
                let (tally, refusals) = try await importer.load(source) { _ in }
                // check: both bad entries named with their reasons; the good ones written once, in one transaction
                #expect(tally.created == 3 && tally.refused == 2, "\(tally)")
                #expect(refusals.map(\.place) == ["Bundle.entry[2]", "Bundle.entry[3]"], "\(refusals)")
                #expect(refusals.allSatisfy { !$0.reason.isEmpty })
                #expect(try await Diagnosis.query(on: app.db).filter(\.$patient.$id == stranger).count() == 0)
                #expect(try await Diagnosis.query(on: app.db).count() == 1)
                #expect(try await ReportedVitalSign.query(on: app.db).count() == 1)
                let audit = try await auditTrail(app)
                #expect(audit.contains { $0.outcome == "denied" && $0.patientID == stranger })
                #expect(audit.filter { $0.action == "fhir.transaction" }.map(\.detail) == ["5 entries, 2 refused"])
                #expect(audit.filter { $0.action == "patient.create" }.count == 1)
            }
        }

        @Test func aTransactionsSecondCopyOfADiagnosisAllergyOrReadingIsAnsweredAsOnFileThoughItsRowsAreInsertedAtTheEnd() async throws {
            try await withHearth { app in
                // setup: a diagnosis, an allergy and a reading each sent twice in one transaction, a refused entry between them
                let cast = try await makeCast(app)
                let person = "urn:uuid:5a1e0000-0000-4000-8000-000000000001"
                var lab = Self.vital(person, "2345-7", 98, "mg/dL")
                lab["category"] = [["coding": [["system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory"]]]]
                let allergy: [String: Any] = ["resourceType": "AllergyIntolerance", "patient": ["reference": person], "code": ["text": "Penicillin"],
                                              "reaction": [["manifestation": [["text": "Hives"]], "severity": "moderate"]]]
                let source = try Self.file([
                    Bundles.entry(Self.condition(person, "I50.9"), url: "Condition"),
                    Bundles.entry(Self.vital(person, "8867-4", 72, "/min"), url: "Observation"),
                    Bundles.entry(allergy, url: "AllergyIntolerance"),
                    Bundles.entry(lab, url: "Observation"),
                    Bundles.entry(Self.vital(person, "8867-4", 72, "/min"), url: "Observation"),
                    Bundles.entry(allergy, url: "AllergyIntolerance"),
                ])
                var importer = try Self.importer(app, cast.user(.caseManager), skipBad: true)
                // act
                let (tally, refusals) = try await importer.load(source) { _ in }
                // check: the copies are answered as on file (the refusal's rollback kept what came before it), one row each
                #expect(tally.created == 4 && tally.alreadyKept == 3 && tally.refused == 1, "\(tally) \(refusals)")
                #expect(refusals.map(\.place) == ["Bundle.entry[5]"], "\(refusals)")
                let diagnoses = try await Diagnosis.query(on: app.db).all()
                #expect(diagnoses.map(\.code) == ["I50.9"] && diagnoses.allSatisfy { $0.createdAt != nil })
                let readings = try await ReportedVitalSign.query(on: app.db).all()
                #expect(readings.map(\.value) == [72] && readings.allSatisfy { $0.createdAt != nil && $0.$patient.id == diagnoses.first?.$patient.id })
                let audit = try await auditTrail(app)
                #expect(audit.filter { $0.action == "diagnosis.create" }.count == 1 && audit.filter { $0.action == "condition.read" }.count == 1)
                #expect(audit.filter { $0.action == "vitals.reported.create" }.count == 1 && audit.filter { $0.action == "observation.read" }.count == 1)
                #expect(try await Allergy.query(on: app.db).all().map(\.substance) == ["Penicillin"])
                #expect(audit.filter { $0.action == "allergy.create" }.count == 1 && audit.filter { $0.action == "allergyintolerance.read" }.count == 1)
            }
        }

        @Test func anImportsAuditTrailAndHistoryAreWrittenWithItAndTheChainVerifies() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let person = "urn:uuid:5a1e0000-0000-4000-8000-000000000001"
                let source = try Self.file([
                    Bundles.entry(Self.condition(person, "E11.9"), url: "Condition"),
                    Bundles.entry(Self.vital(person, "8867-4", 72, "/min"), url: "Observation"),
                ])
                var importer = try Self.importer(app, cast.user(.caseManager), skipBad: false)
                // act
                let (tally, refusals) = try await importer.load(source) { _ in }
                let sealed = try await AuditSealer.sealAll(on: app.db)
                // check: one audit record per entry and one for the transaction, each history line, and a chain that verifies
                #expect(tally.created == 4 && refusals.isEmpty, "\(refusals)")
                let audit = try await auditTrail(app)
                #expect(audit.filter { $0.action == "patient.create" }.count == 1)
                #expect(audit.filter { $0.action == "diagnosis.create" }.count == 2)
                #expect(audit.filter { $0.action == "fhir.transaction" }.count == 1)
                let patientID = try #require(try await PatientIdentifier.query(on: app.db).first()?.$patient.id)
                let history = try await RecordChange.query(on: app.db).filter(\.$patient.$id == patientID).all().map(\.field).sorted()
                #expect(history == ["Diagnosis", "Diagnosis", "Registered"])
                let verified = try await AuditVerification.run(on: app.db)
                #expect(verified.problem == nil && verified.unsealed == 0 && verified.checked == Int64(sealed))
            }
        }

        @Test func aBundleAnsweredMinimallyNamesWhatWasWrittenWithoutTheResources() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let writer = try await Bundles.Writer(app, cast.user(.intake))
                // act
                let answer = try await writer.send(.POST, "/fhir", Bundles.bundle("transaction", Bundles.twoPatients()), extra: [("Prefer", "return=minimal")])
                // check
                let entries = answer.json["entry"] as? [[String: Any]] ?? []
                #expect(Bundles.statuses(answer.json) == ["201 Created", "201 Created"], "\(answer.json)")
                #expect(entries.allSatisfy { $0["resource"] == nil && (($0["response"] as? [String: Any])?["location"] as? String)?.hasPrefix("Patient/") == true })
            }
        }

        @Test func aTransactionAsksAPatientsAccessOnceAndWritesItsAuditInOneStatement() async throws {
            try await withHearth { app in
                // setup: one patient with six entries that refer to it
                let cast = try await makeCast(app)
                let person = "urn:uuid:5a1e0000-0000-4000-8000-000000000001"
                let source = try Self.file([
                    Bundles.entry(Self.condition(person, "E11.9"), url: "Condition"),
                    Bundles.entry(Self.vital(person, "8867-4", 72, "/min"), url: "Observation"),
                    Bundles.entry(Self.vital(person, "8310-5", 98.6, "[degF]"), url: "Observation"),
                    Bundles.entry(Self.vital(person, "59408-5", 95, "%"), url: "Observation"),
                ])
                var importer = try Self.importer(app, cast.user(.caseManager), skipBad: false)
                let counter = QueryCounter.install(on: app)
                // act
                var refusals: [FHIRImporter.Refusal] = []
                let statements = try await counter.statements { refusals = try await importer.load(source) { _ in }.1 }
                // check: no care team is read for a patient the transaction registered (it has none yet), the audit trail in one insert
                #expect(refusals.isEmpty, "\(refusals)")
                #expect(!statements.contains { $0.contains("care_team_members") }, "\(statements.joined(separator: "\n"))")
                #expect(!statements.contains { $0.contains("coverages") }) // a case manager relates to no patient through a coverage
                #expect(statements.filter { $0 == "create audit_events" }.count == 1)
                #expect(statements.filter { $0 == "create record_changes" }.count == 1)
                // the patient's identifier and name checks once, its diagnoses and vital signs with no reads and one insert each
                #expect(statements.filter { $0.contains("patient_identifiers") }.count == 2) // If-None-Exist, then the insert
                #expect(statements.filter { $0.hasSuffix(" diagnoses") || $0.hasSuffix(" reported_vital_signs") } == ["create diagnoses", "create reported_vital_signs"])
                #expect(statements.count <= 9, "\(statements.count) statements:\n\(statements.joined(separator: "\n"))")
            }
        }

        @Test func aPatientRegisteredByTheTransactionHasItsCoveragesOrderedAndASecondCopyAnsweredAsOnFileWithoutReads() async throws {
            try await withHearth { app in
                // setup: a new patient's coverage sent twice and a second payer (POSTs), then one updated and one created by member ID (PUTs, after)
                let cast = try await makeCast(app)
                let person = "urn:uuid:5a1e0000-0000-4000-8000-000000000001"
                func coverage(_ member: String, _ payer: String) -> [String: Any] {
                    ["resourceType": "Coverage", "status": "active", "beneficiary": ["reference": person], "subscriberId": member, "payor": [["display": payer]]]
                }
                let source = try Self.file([
                    Bundles.entry(coverage("MB-1", "Medicare Part A"), url: "Coverage"),
                    Bundles.entry(coverage("MB-1", "Medicare Part A"), url: "Coverage"),
                    Bundles.entry(coverage("MB-2", "Buckeye Health Plan"), url: "Coverage"),
                    Bundles.entry(coverage("MB-2", "CareSource"), method: "PUT", url: "Coverage?identifier=MB-2"),
                    Bundles.entry(coverage("MB-3", "Aetna"), method: "PUT", url: "Coverage?identifier=MB-3"),
                ])
                var importer = try Self.importer(app, cast.user(.caseManager), skipBad: false)
                let counter = QueryCounter.install(on: app)
                // act
                var answer: (FHIRImporter.Tally, [FHIRImporter.Refusal]) = (.init(), [])
                let statements = try await counter.statements { answer = try await importer.load(source) { _ in } }
                // check: the copy is on file and the orders follow; the POSTs read no coverages, the PUTs match by member ID and
                // the one that creates reads the patient's coverages again (an update in the transaction forgets what was kept)
                #expect(answer.1.isEmpty, "\(answer.1)")
                #expect(answer.0.created == 5 && answer.0.alreadyKept == 2, "\(answer.0)") // patient, diagnosis, MB-1, MB-2, MB-3; the copy, the update
                let kept = try await Coverage.query(on: app.db).sort(\.$order).all()
                #expect(kept.map { "\($0.order) \($0.memberID) \($0.payer)" } == ["1 MB-1 Medicare Part A", "2 MB-2 CareSource", "3 MB-3 Aetna"])
                #expect(statements.filter { $0 == "read coverages" }.count == 3, "\(statements.joined(separator: "\n"))")
            }
        }

        @Test func booleansAndNumbersReachTheWriteChecksAsTheyWereInTheFile() async throws {
            try await withHearth { app in
                // setup: `active` as true, false and 1, and a decimal reading
                let cast = try await makeCast(app)
                let person = "urn:uuid:5a1e0000-0000-4000-8000-000000000001"
                func source(active: Any) throws -> FHIRImportSource {
                    var patient = FHIRPatientWriteTests.patient(identifier: "IMP-1")
                    patient["active"] = active
                    let entries = [Bundles.entry(patient, fullUrl: person), Bundles.entry(Self.vital(person, "8310-5", 98.6, "[degF]"), url: "Observation")]
                    let path = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).json").path
                    try JSONSerialization.data(withJSONObject: Bundles.bundle("transaction", entries)).write(to: URL(fileURLWithPath: path))
                    defer { try? FileManager.default.removeItem(atPath: path) }
                    return try FHIRImportSource(file: path)
                }
                var importer = try Self.importer(app, cast.user(.caseManager), skipBad: false)
                // act
                let inactive = try await importer.load(try source(active: false)) { _ in }
                let number = try await importer.load(try source(active: 1)) { _ in }
                let active = try await importer.load(try source(active: true)) { _ in }
                // check: false is the refusal for an inactive patient, 1 is not a boolean, true registers; 98.6 is kept as sent
                #expect(inactive.1.map(\.path) == ["Patient.active"] && inactive.1.first?.reason.hasPrefix("Hearth registers active patients only") == true, "\(inactive.1)")
                #expect(number.1.map(\.path) == ["Patient.active"] && number.1.first?.reason == "Must be true or false.", "\(number.1)")
                #expect(active.1.isEmpty && active.0.created == 2, "\(active)")
                let reading = try #require(try await ReportedVitalSign.query(on: app.db).first())
                #expect(reading.value == 98.6, "\(reading.value)")
            }
        }

        @Test func aReferralImportedIsKeptAsSentAndImportedAgainAnswersTheOneOnFile() async throws {
            try await withHearth { app in
                // setup: a hospital's referral Bundle (with a Task) in a file
                let cast = try await makeCast(app)
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("referral-\(UUID().uuidString).json").path
                try JSONSerialization.data(withJSONObject: FHIRReferralInTests.referral()).write(to: URL(fileURLWithPath: path))
                defer { try? FileManager.default.removeItem(atPath: path) }
                var importer = try Self.importer(app, cast.user(.hospitalCaseManager), skipBad: false)
                var rerun = try Self.importer(app, cast.user(.hospitalCaseManager), skipBad: false) // `hearth fhir import` run again
                // act
                let first = try await importer.load(try FHIRImportSource(file: path)) { _ in }
                let again = try await rerun.load(try FHIRImportSource(file: path)) { _ in }
                // check: one inbox row holding the Bundle, the second import answered by it
                #expect(first.1.isEmpty && again.1.isEmpty, "\(first.1) \(again.1)")
                let referrals = try await InboundReferral.query(on: app.db).all()
                #expect(referrals.count == 1)
                #expect(referrals.first?.bundleJSON.contains("Okafor") == true)
                #expect(try await Patient.query(on: app.db).filter(\.$familyName == "Okafor").count() == 0) // nothing joins a chart before intake accepts
            }
        }
    }
}
