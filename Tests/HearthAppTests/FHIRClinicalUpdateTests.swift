import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// Partners correcting the vital signs, diagnoses and allergies they sent (`PUT /fhir/<type>/<id>`, alone or in a
    /// Bundle): the create's checks, the access policy, the patient kept, and an audit record of what changed.
    @Suite struct FHIRClinicalUpdateTests {
        typealias Writer = FHIRPatientWriteTests.Writer

        static func issuePath(_ json: [String: Any]) -> String? { FHIRStandaloneWriteTests.issuePath(json) }

        static func reference(_ patient: UUID) -> [String: Any] { ["reference": "Patient/\(patient.uuidString.lowercased())"] }

        static func condition(_ patient: UUID, _ code: String, onset: String = "2025-06-01", id: String? = nil) -> [String: Any] {
            var condition: [String: Any] = ["resourceType": "Condition", "subject": reference(patient), "category": [["text": "Primary diagnosis"]],
                                            "code": ["coding": [["system": FHIRCondition.icd10, "code": code]]], "onsetDateTime": onset]
            if let id { condition["id"] = id }
            return condition
        }

        static func allergy(_ patient: UUID, severity: String = "moderate", id: String? = nil) -> [String: Any] {
            var allergy: [String: Any] = ["resourceType": "AllergyIntolerance", "patient": reference(patient), "code": ["text": "Penicillin"],
                                          "reaction": [["manifestation": [["text": "Hives"]], "severity": severity]]]
            if let id { allergy["id"] = id }
            return allergy
        }

        static func pulse(_ patient: UUID, _ value: Double, id: String? = nil) -> [String: Any] {
            FHIRStandaloneWriteTests.vital(patient, loinc: "8867-4", value: value, unit: "/min", extra: id.map { ["id": $0] } ?? [:])
        }

        static func details(_ action: String, _ app: Application) async throws -> [String?] {
            try await AuditEvent.query(on: app.db).filter(\.$action == action).sort(\.$occurredAtMillis).all().map(\.detail)
        }

        @Test func aReportedVitalSignIsCorrectedByIdAndReadsBackWithANewVersion() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let own = try cast.ownPatient.requireID()
                let clinician = try await Writer(app, cast.user(.clinician))
                let id = try #require(try await clinician.send(.POST, "/fhir/Observation", Self.pulse(own, 72)).json["id"] as? String)
                let before = try await clinician.send(.GET, "/fhir/Observation/\(id)")
                // act
                let corrected = try await clinician.send(.PUT, "/fhir/Observation/\(id)", Self.pulse(own, 76, id: id))
                let same = try await clinician.send(.PUT, "/fhir/Observation/\(id)", Self.pulse(own, 76), extra: [("Prefer", "return=minimal")])
                let read = try await clinician.send(.GET, "/fhir/Observation/\(id)")
                let typo = try await clinician.send(.PUT, "/fhir/Observation/\(id)", Self.pulse(own, 760))
                let otherID = try await clinician.send(.PUT, "/fhir/Observation/\(id)", Self.pulse(own, 80, id: UUID().uuidString.lowercased()))
                let unknown = try await clinician.send(.PUT, "/fhir/Observation/\(UUID().uuidString.lowercased())", Self.pulse(own, 80))
                let aVisits = try await clinician.send(.PUT, "/fhir/Observation/\(UUID().uuidString.lowercased())-pulse", Self.pulse(own, 80))
                let aide = try await Writer(app, cast.user(.aide)).send(.PUT, "/fhir/Observation/\(id)", Self.pulse(own, 80))
                let moved = try await Writer(app, cast.user(.supervisor)).send(.PUT, "/fhir/Observation/\(id)", Self.pulse(try cast.otherPatient.requireID(), 80))
                // check
                func value(_ json: [String: Any]) -> Double? { (json["valueQuantity"] as? [String: Any])?["value"] as? Double }
                #expect(corrected.status == .ok && value(corrected.json) == 76)
                #expect(corrected.response.headers.first(name: .location)?.hasSuffix("/fhir/Observation/\(id)") == true)
                #expect(same.status == .ok && same.response.body.readableBytes == 0)
                #expect(value(read.json) == 76)
                let version = { (json: [String: Any]) in (json["meta"] as? [String: Any])?["versionId"] as? String }
                #expect(version(read.json) != nil && version(read.json) != version(before.json))
                #expect(typo.status == .unprocessableEntity && Self.issuePath(typo.json) == "Observation.valueQuantity.value")
                #expect(otherID.status == .unprocessableEntity && Self.issuePath(otherID.json) == "Observation.id")
                #expect(unknown.status == .notFound && aVisits.status == .notFound)
                #expect(aide.status == .forbidden)
                #expect(moved.status == .unprocessableEntity && Self.issuePath(moved.json) == "Observation.subject")
                let kept = try #require(try await ReportedVitalSign.query(on: app.db).first())
                #expect(kept.value == 76 && kept.$patient.id == own && kept.updatedAt != nil)
                #expect(try await Self.details("vitals.reported.update", app) == ["FHIR, changed: valueQuantity"], "the unchanged PUT writes nothing")
            }
        }

        @Test func aDiagnosisIsCorrectedByIdAndTheChartShowsTheNewCode() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let own = try cast.ownPatient.requireID()
                let writer = try await Writer(app, cast.user(.caseManager))
                let id = try #require(try await writer.send(.POST, "/fhir/Condition", Self.condition(own, "I50.9")).json["id"] as? String)
                _ = try await writer.send(.POST, "/fhir/Condition", Self.condition(own, "E11.9"))
                let strangers = Diagnosis()
                strangers.$patient.id = try cast.otherPatient.requireID()
                (strangers.code, strangers.title, strangers.rank) = ("I10", "Essential (primary) hypertension", "primary")
                try await strangers.create(on: app.db)
                let strangersID = try strangers.requireID().uuidString.lowercased()
                // act
                let corrected = try await writer.send(.PUT, "/fhir/Condition/\(id)", Self.condition(own, "J44.9", onset: "2025-05-01", id: id))
                let same = try await writer.send(.PUT, "/fhir/Condition/\(id)", Self.condition(own, "J44.9", onset: "2025-05-01"))
                let read = try await writer.send(.GET, "/fhir/Condition/\(id)")
                let clash = try await writer.send(.PUT, "/fhir/Condition/\(id)", Self.condition(own, "E11.9"))
                var unkept = Self.condition(own, "J44.9")
                unkept["note"] = [["text": "seen by cardiology"]]
                let refused = try await writer.send(.PUT, "/fhir/Condition/\(id)", unkept)
                let otherID = try await writer.send(.PUT, "/fhir/Condition/\(id)", Self.condition(own, "J44.9", id: strangersID))
                let unknown = try await writer.send(.PUT, "/fhir/Condition/\(UUID().uuidString.lowercased())", Self.condition(own, "J44.9"))
                let hidden = try await writer.send(.PUT, "/fhir/Condition/\(strangersID)", Self.condition(try cast.otherPatient.requireID(), "I10"))
                let aide = try await Writer(app, cast.user(.aide)).send(.PUT, "/fhir/Condition/\(id)", Self.condition(own, "I10"))
                let moved = try await Writer(app, cast.user(.supervisor)).send(.PUT, "/fhir/Condition/\(id)", Self.condition(try cast.otherPatient.requireID(), "J44.9"))
                let chart = try await { () -> String in
                    let browser = Browser(app)
                    try await browser.login("casemanager")
                    return try await browser.get(SiteURL.patient(own).path).body.string
                }()
                // check
                let code = { (json: [String: Any]) in (((json["code"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"] as? String) }
                #expect(corrected.status == .ok && code(corrected.json) == "J44.9")
                #expect(same.status == .ok)
                #expect(code(read.json) == "J44.9" && read.json["onsetDateTime"] as? String == "2025-05-01")
                #expect(chart.contains("<code>J44.9</code>") && !chart.contains("<code>I50.9</code>"), "the chart's diagnoses, not its history")
                #expect(clash.status == .conflict && Self.issuePath(clash.json) == "Condition.code")
                #expect(refused.status == .unprocessableEntity && Self.issuePath(refused.json) == "Condition.note")
                #expect(otherID.status == .unprocessableEntity && Self.issuePath(otherID.json) == "Condition.id")
                #expect(unknown.status == .notFound)
                #expect(hidden.status == .notFound && hidden.response.body.string == unknown.response.body.string,
                        "another case manager's patient's diagnosis answers as one that does not exist")
                #expect(try await auditTrail(app).contains { $0.action == "patient.record_referral" && $0.outcome == "denied" && $0.patientID == cast.otherPatient.id })
                #expect(aide.status == .forbidden)
                #expect(moved.status == .unprocessableEntity && Self.issuePath(moved.json) == "Condition.subject")
                #expect(try await Diagnosis.find(strangers.id, on: app.db)?.code == "I10")
                #expect(try await Self.details("diagnosis.update", app) == ["FHIR, changed: code, onsetDateTime"], "the unchanged PUT writes nothing")
                let history = try await RecordChange.query(on: app.db).filter(\.$patient.$id == own).filter(\.$field == "Diagnosis").all()
                #expect(history.contains { $0.oldValue?.hasPrefix("I50.9") == true && $0.newValue?.hasPrefix("J44.9") == true })
            }
        }

        @Test func anAllergyIsCorrectedByIdAndTheChartShowsTheNewSeverity() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let own = try cast.ownPatient.requireID()
                let writer = try await Writer(app, cast.user(.caseManager))
                let id = try #require(try await writer.send(.POST, "/fhir/AllergyIntolerance", Self.allergy(own)).json["id"] as? String)
                // act
                let corrected = try await writer.send(.PUT, "/fhir/AllergyIntolerance/\(id)", Self.allergy(own, severity: "severe", id: id))
                let same = try await writer.send(.PUT, "/fhir/AllergyIntolerance/\(id)", Self.allergy(own, severity: "severe"))
                let read = try await writer.send(.GET, "/fhir/AllergyIntolerance/\(id)")
                var wrongCriticality = Self.allergy(own, severity: "mild")
                wrongCriticality["criticality"] = "high"
                let refused = try await writer.send(.PUT, "/fhir/AllergyIntolerance/\(id)", wrongCriticality)
                let otherID = try await writer.send(.PUT, "/fhir/AllergyIntolerance/\(id)", Self.allergy(own, id: UUID().uuidString.lowercased()))
                let unknown = try await writer.send(.PUT, "/fhir/AllergyIntolerance/\(UUID().uuidString.lowercased())", Self.allergy(own))
                let aide = try await Writer(app, cast.user(.aide)).send(.PUT, "/fhir/AllergyIntolerance/\(id)", Self.allergy(own, severity: "mild"))
                let moved = try await Writer(app, cast.user(.supervisor)).send(.PUT, "/fhir/AllergyIntolerance/\(id)", Self.allergy(try cast.otherPatient.requireID()))
                let chart = try await { () -> String in
                    let browser = Browser(app)
                    try await browser.login("casemanager")
                    return try await browser.get(SiteURL.patient(own).path).body.string
                }()
                // check
                #expect(corrected.status == .ok && corrected.json["criticality"] as? String == "high")
                #expect(same.status == .ok)
                #expect((read.json["reaction"] as? [[String: Any]])?.first?["severity"] as? String == "severe")
                #expect(chart.contains("<strong>Penicillin</strong> — severe (Hives)") && !chart.contains("<strong>Penicillin</strong> — moderate"))
                #expect(refused.status == .unprocessableEntity && Self.issuePath(refused.json) == "AllergyIntolerance.criticality")
                #expect(otherID.status == .unprocessableEntity && Self.issuePath(otherID.json) == "AllergyIntolerance.id")
                #expect(unknown.status == .notFound)
                #expect(aide.status == .forbidden)
                #expect(moved.status == .unprocessableEntity && Self.issuePath(moved.json) == "AllergyIntolerance.patient")
                #expect(try await Self.details("allergy.update", app) == ["FHIR, changed: criticality, reaction"], "the unchanged PUT writes nothing")
                let history = try await RecordChange.query(on: app.db).filter(\.$patient.$id == own).filter(\.$field == "Allergy").all()
                #expect(history.contains { $0.oldValue == "Penicillin (moderate)" && $0.newValue == "Penicillin (severe), by FHIR" })
            }
        }

        @Test func bundlesCarryCorrectionsAllOrNothingInATransactionAndEachOnItsOwnInABatch() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let own = try cast.ownPatient.requireID()
                let writer = try await Writer(app, cast.user(.supervisor))
                let vital = try #require(try await writer.send(.POST, "/fhir/Observation", Self.pulse(own, 72)).json["id"] as? String)
                let condition = try #require(try await writer.send(.POST, "/fhir/Condition", Self.condition(own, "I50.9")).json["id"] as? String)
                let allergy = try #require(try await writer.send(.POST, "/fhir/AllergyIntolerance", Self.allergy(own)).json["id"] as? String)
                let corrections = [
                    FHIRBundleTests.entry(Self.pulse(own, 76), method: "PUT", url: "Observation/\(vital)"),
                    FHIRBundleTests.entry(Self.condition(own, "J44.9"), method: "PUT", url: "Condition/\(condition)"),
                    FHIRBundleTests.entry(Self.allergy(own, severity: "severe"), method: "PUT", url: "AllergyIntolerance/\(allergy)"),
                ]
                let unknown = FHIRBundleTests.entry(Self.pulse(own, 90), method: "PUT", url: "Observation/\(UUID().uuidString.lowercased())")
                // act
                let refused = try await writer.send(.POST, "/fhir", FHIRBundleTests.bundle("transaction", corrections + [unknown]))
                let unchanged = try await ReportedVitalSign.query(on: app.db).first()?.value
                let written = try await writer.send(.POST, "/fhir", FHIRBundleTests.bundle("transaction", corrections))
                let batch = try await writer.send(.POST, "/fhir", FHIRBundleTests.bundle("batch", [
                    FHIRBundleTests.entry(Self.pulse(own, 78), method: "PUT", url: "Observation/\(vital)"), unknown]))
                // check
                #expect(refused.status == .notFound && Self.issuePath(refused.json)?.hasPrefix("Bundle.entry[3]") == true)
                #expect(unchanged == 72)
                #expect(FHIRBundleTests.statuses(written.json) == ["200 OK", "200 OK", "200 OK"])
                #expect(try await Diagnosis.find(UUID(uuidString: condition), on: app.db)?.code == "J44.9")
                #expect(try await Allergy.find(UUID(uuidString: allergy), on: app.db)?.severity == "severe")
                #expect(FHIRBundleTests.statuses(batch.json) == ["200 OK", "404 Not Found"])
                #expect(try await ReportedVitalSign.query(on: app.db).first()?.value == 78)
                #expect(try await Self.details("vitals.reported.update", app) == ["FHIR, changed: valueQuantity", "FHIR, changed: valueQuantity"])
            }
        }

        /// If-Match (FHIR R4 http.html#concurrency): "If the version id given in the If-Match header does not match, the
        /// server returns a 412 Precondition Failed status code instead of updating the resource", alone or in a Bundle.
        @Test func ifMatchUpdatesOnlyTheVersionThePartnerRead() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let own = try cast.ownPatient.requireID()
                let writer = try await Writer(app, cast.user(.supervisor))
                let vital = try #require(try await writer.send(.POST, "/fhir/Observation", Self.pulse(own, 72)).json["id"] as? String)
                let condition = try #require(try await writer.send(.POST, "/fhir/Condition", Self.condition(own, "I50.9")).json["id"] as? String)
                let allergy = try #require(try await writer.send(.POST, "/fhir/AllergyIntolerance", Self.allergy(own)).json["id"] as? String)
                let etag = { (path: String) async throws -> String in try #require(try await writer.send(.GET, path).response.headers.first(name: .eTag)) }
                let read = (vital: try await etag("/fhir/Observation/\(vital)"), condition: try await etag("/fhir/Condition/\(condition)"),
                            allergy: try await etag("/fhir/AllergyIntolerance/\(allergy)"))
                // act
                let current = try await writer.send(.PUT, "/fhir/Observation/\(vital)", Self.pulse(own, 76), extra: [("If-Match", read.vital)])
                let stale = try await writer.send(.PUT, "/fhir/Observation/\(vital)", Self.pulse(own, 80), extra: [("If-Match", read.vital)])
                let staleCondition = try await writer.send(.PUT, "/fhir/Condition/\(condition)", Self.condition(own, "J44.9"), extra: [("If-Match", "W/\"0000\"")])
                let currentAllergy = try await writer.send(.PUT, "/fhir/AllergyIntolerance/\(allergy)", Self.allergy(own, severity: "severe"),
                                                           extra: [("If-Match", read.allergy)])
                func entry(_ resource: [String: Any], _ url: String, ifMatch: String) -> [String: Any] {
                    var entry = FHIRBundleTests.entry(resource, method: "PUT", url: url)
                    entry["request"] = ["method": "PUT", "url": url, "ifMatch": ifMatch]
                    return entry
                }
                let staleInTransaction = try await writer.send(.POST, "/fhir", FHIRBundleTests.bundle("transaction", [
                    entry(Self.condition(own, "J44.9"), "Condition/\(condition)", ifMatch: read.condition),
                    entry(Self.allergy(own, severity: "mild"), "AllergyIntolerance/\(allergy)", ifMatch: read.allergy),
                ]))
                let conditionAfterRollback = try await Diagnosis.find(UUID(uuidString: condition), on: app.db)?.code
                let currentInBatch = try await writer.send(.POST, "/fhir", FHIRBundleTests.bundle("batch", [
                    entry(Self.condition(own, "J44.9"), "Condition/\(condition)", ifMatch: read.condition),
                    entry(Self.pulse(own, 90), "Observation/\(vital)", ifMatch: read.vital),
                ]))
                // check
                #expect(current.status == .ok)
                #expect(current.response.headers.first(name: .eTag) == (try await etag("/fhir/Observation/\(vital)")), "the answer's ETag is the new version")
                #expect(current.response.headers.first(name: .eTag) != read.vital)
                #expect(stale.status == .preconditionFailed && stale.json["resourceType"] as? String == "OperationOutcome")
                #expect(((stale.json["issue"] as? [[String: Any]])?.first?["code"] as? String) == "conflict")
                #expect(staleCondition.status == .preconditionFailed)
                #expect(currentAllergy.status == .ok)
                #expect(staleInTransaction.status == .preconditionFailed && Self.issuePath(staleInTransaction.json)?.hasPrefix("Bundle.entry[1]") == true)
                #expect(conditionAfterRollback == "I50.9", "the transaction's first entry was rolled back")
                #expect(FHIRBundleTests.statuses(currentInBatch.json) == ["200 OK", "412 Precondition Failed"])
                #expect(try await ReportedVitalSign.query(on: app.db).first()?.value == 76)
                #expect(try await Diagnosis.find(UUID(uuidString: condition), on: app.db)?.code == "J44.9")
                #expect(try await Allergy.find(UUID(uuidString: allergy), on: app.db)?.severity == "severe")
            }
        }

        /// If-Match holds for every PUT: a coverage and a referring physician too.
        @Test func ifMatchHoldsForACoverageAndAReferringPhysicianToo() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let own = try cast.ownPatient.requireID()
                let writer = try await Writer(app, cast.user(.caseManager))
                let intake = try await Writer(app, cast.user(.intake))
                let coverage = try #require(try await writer.send(.POST, "/fhir/Coverage", FHIRStandaloneWriteTests.coverage(own)).json["id"] as? String)
                let physician = try #require(try await intake.send(.POST, "/fhir/Practitioner", FHIRStandaloneWriteTests.practitioner()).json["id"] as? String)
                let coverageTag = try #require(try await writer.send(.GET, "/fhir/Coverage/\(coverage)").response.headers.first(name: .eTag))
                let physicianTag = try #require(try await intake.send(.GET, "/fhir/Practitioner/\(physician)").response.headers.first(name: .eTag))
                // act
                let staleCoverage = try await writer.send(.PUT, "/fhir/Coverage/\(coverage)", FHIRStandaloneWriteTests.coverage(own, member: "ZZ-9"),
                                                          extra: [("If-Match", "W/\"0\"")])
                let currentCoverage = try await writer.send(.PUT, "/fhir/Coverage/\(coverage)", FHIRStandaloneWriteTests.coverage(own), extra: [("If-Match", coverageTag)])
                let moved = try await intake.send(.PUT, "/fhir/Practitioner/\(physician)", FHIRStandaloneWriteTests.practitioner(phone: "614-555-0177"),
                                                  extra: [("If-Match", physicianTag)])
                let stale = try await intake.send(.PUT, "/fhir/Practitioner/\(physician)", FHIRStandaloneWriteTests.practitioner(phone: "614-555-0188"),
                                                  extra: [("If-Match", physicianTag)])
                // check
                #expect(staleCoverage.status == .preconditionFailed && currentCoverage.status == .ok)
                #expect(try await Coverage.find(UUID(uuidString: coverage), on: app.db)?.memberID != "ZZ-9")
                #expect(moved.status == .ok && stale.status == .preconditionFailed)
                #expect(try await PhysicianDetails.query(on: app.db).filter(\.$npi == FHIRStandaloneWriteTests.npi).first()?.phone == "614-555-0177")
            }
        }

        /// Conditional update (FHIR R4 http.html#cond-update) by the type's search within one patient's record: no match
        /// creates, one updates, several are a 412; an id that is not the match's is a 400; Hearth does not update-as-create.
        @Test func aConditionalUpdateFindsTheRowByTheTypesSearchWithinOnePatient() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let own = try cast.ownPatient.requireID()
                let other = try cast.otherPatient.requireID()
                let writer = try await Writer(app, cast.user(.caseManager))
                let heart = try #require(try await writer.send(.POST, "/fhir/Condition", Self.condition(own, "I50.9")).json["id"] as? String)
                let vital = try #require(try await writer.send(.POST, "/fhir/Observation", Self.pulse(own, 72)).json["id"] as? String)
                let allergy = try #require(try await writer.send(.POST, "/fhir/AllergyIntolerance", Self.allergy(own)).json["id"] as? String)
                let icd = { (code: String) in "code=\(FHIRCondition.icd10)%7C\(code)" }
                // act
                let updated = try await writer.send(.PUT, "/fhir/Condition?patient=\(own)&\(icd("I50.9"))", Self.condition(own, "I50.9", onset: "2025-05-01"))
                let created = try await writer.send(.PUT, "/fhir/Condition?patient=Patient/\(own)&\(icd("E11.9"))", Self.condition(own, "E11.9"))
                let several = try await writer.send(.PUT, "/fhir/Condition?patient=\(own)", Self.condition(own, "I50.9", onset: "2025-04-01"))
                let wrongID = try await writer.send(.PUT, "/fhir/Condition?patient=\(own)&\(icd("I50.9"))", Self.condition(own, "I50.9", id: UUID().uuidString))
                let noUpdateAsCreate = try await writer.send(.PUT, "/fhir/Condition?patient=\(own)&\(icd("J44.9"))", Self.condition(own, "J44.9", id: UUID().uuidString))
                let noPatient = try await writer.send(.PUT, "/fhir/Condition?\(icd("I50.9"))", Self.condition(own, "I50.9"))
                let unknownParameter = try await writer.send(.PUT, "/fhir/Condition?patient=\(own)&colour=red", Self.condition(own, "I50.9"))
                let hidden = try await writer.send(.PUT, "/fhir/Condition?patient=\(other)&\(icd("I10"))", Self.condition(other, "I10"))
                let pulse = try await writer.send(.PUT, "/fhir/Observation?subject=\(own)&code=http://loinc.org%7C8867-4", Self.pulse(own, 74))
                let penicillin = try await writer.send(.PUT, "/fhir/AllergyIntolerance?patient=\(own)&clinical-status=active", Self.allergy(own, severity: "severe"))
                let inBundle = try await writer.send(.POST, "/fhir", FHIRBundleTests.bundle("transaction", [
                    FHIRBundleTests.entry(Self.condition(own, "E11.9", onset: "2025-03-01"), method: "PUT", url: "Condition?patient=\(own)&code=\(FHIRCondition.icd10)|E11.9"),
                ]))
                // check
                #expect(updated.status == .ok && updated.json["id"] as? String == heart && updated.json["onsetDateTime"] as? String == "2025-05-01")
                #expect(created.status == .created && created.json["id"] as? String != heart)
                #expect(several.status == .preconditionFailed && ((several.json["issue"] as? [[String: Any]])?.first?["code"] as? String) == "multiple-matches")
                #expect(wrongID.status == .badRequest && Self.issuePath(wrongID.json) == "Condition.id")
                #expect(noUpdateAsCreate.status == .badRequest && Self.issuePath(noUpdateAsCreate.json) == "Condition.id")
                #expect(noPatient.status == .badRequest && unknownParameter.status == .badRequest)
                #expect(hidden.status == .notFound)
                #expect(pulse.status == .ok && pulse.json["id"] as? String == vital)
                #expect(penicillin.status == .ok && penicillin.json["id"] as? String == allergy)
                #expect(FHIRBundleTests.statuses(inBundle.json) == ["200 OK"])
                let codes = try await Diagnosis.query(on: app.db).filter(\.$patient.$id == own).all().map(\.code).sorted()
                #expect(codes == ["E11.9", "I50.9"], "one create, and nothing from the refused ones")
                #expect(try await Diagnosis.query(on: app.db).filter(\.$patient.$id == other).count() == 0)
                #expect(try await Self.details("diagnosis.update", app) == ["FHIR, changed: onsetDateTime", "FHIR, changed: onsetDateTime"])
                #expect(try await ReportedVitalSign.query(on: app.db).count() == 1)
            }
        }

        /// An allergy is found by its substance: `code:text` (FHIR R4 search.html#modifiers, `:text` on a token searches the
        /// CodeableConcept's text and display), in a search and in a conditional update, within the one patient's record the
        /// caller may see; another patient's allergy to the same substance is never matched.
        @Test func anAllergyIsFoundByItsSubstanceTextWithinOnePatient() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let own = try cast.ownPatient.requireID()
                let other = try cast.otherPatient.requireID()
                let writer = try await Writer(app, cast.user(.caseManager))
                let penicillin = try #require(try await writer.send(.POST, "/fhir/AllergyIntolerance", Self.allergy(own)).json["id"] as? String)
                var latex = Self.allergy(own)
                latex["code"] = ["text": "Latex"]
                _ = try await writer.send(.POST, "/fhir/AllergyIntolerance", latex)
                let theirs = Allergy()
                theirs.$patient.id = other
                theirs.substance = "Penicillin"
                theirs.severity = "mild"
                try await theirs.create(on: app.db)
                var sulfa = Self.allergy(own)
                sulfa["code"] = ["text": "Sulfa drugs"]
                // act
                let found = try await writer.send(.GET, "/fhir/AllergyIntolerance?patient=\(own)&code:text=penic")
                let byCode = try await writer.send(.GET, "/fhir/AllergyIntolerance?patient=\(own)&code=penicillin")
                let updated = try await writer.send(.PUT, "/fhir/AllergyIntolerance?patient=\(own)&code:text=penicillin", Self.allergy(own, severity: "severe"))
                let created = try await writer.send(.PUT, "/fhir/AllergyIntolerance?patient=\(own)&code:text=sulfa", sulfa)
                let hiddenSearch = try await writer.send(.GET, "/fhir/AllergyIntolerance?patient=\(other)&code:text=penicillin")
                let hiddenUpdate = try await writer.send(.PUT, "/fhir/AllergyIntolerance?patient=\(other)&code:text=penicillin", Self.allergy(other, severity: "severe"))
                let statement = try await writer.send(.GET, "/fhir/metadata")
                // check
                let ids = ((found.json["entry"] as? [[String: Any]]) ?? []).compactMap { ($0["resource"] as? [String: Any])?["id"] as? String }
                #expect(found.status == .ok && ids == [penicillin], "Penicillin, not Latex")
                #expect(byCode.status == .ok && (byCode.json["entry"] as? [[String: Any]] ?? []).isEmpty, "a token matches codes, and Hearth keeps the substance as text")
                #expect(updated.status == .ok && updated.json["id"] as? String == penicillin && updated.json["criticality"] as? String == "high")
                #expect(created.status == .created && created.json["id"] as? String != penicillin)
                #expect(hiddenSearch.status == .notFound && hiddenUpdate.status == .notFound)
                #expect(try await Allergy.find(theirs.requireID(), on: app.db)?.severity == "mild")
                #expect(try await Allergy.query(on: app.db).filter(\.$patient.$id == own).all().map(\.substance).sorted() == ["Latex", "Penicillin", "Sulfa drugs"])
                let types = ((statement.json["rest"] as? [[String: Any]])?.first?["resource"] as? [[String: Any]]) ?? []
                let parameters = (types.first { $0["type"] as? String == "AllergyIntolerance" }?["searchParam"] as? [[String: Any]]) ?? []
                #expect(parameters.contains { $0["name"] as? String == "code" && $0["type"] as? String == "token" && ($0["documentation"] as? String)?.contains(":text") == true })
            }
        }

        /// The search table drives the CapabilityStatement: the three types say they can be updated.
        @Test func theCapabilityStatementSaysVitalSignsDiagnosesAndAllergiesCanBeUpdated() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                // act
                let statement = try await Writer(app, cast.user(.supervisor)).send(.GET, "/fhir/metadata")
                // check
                let types = ((statement.json["rest"] as? [[String: Any]])?.first?["resource"] as? [[String: Any]]) ?? []
                for type in ["Observation", "Condition", "AllergyIntolerance"] {
                    let interactions = (types.first { $0["type"] as? String == type }?["interaction"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
                    #expect(interactions == ["read", "search-type", "create", "update"], "\(type)")
                    #expect(types.first { $0["type"] as? String == type }?["conditionalUpdate"] as? Bool == true, "\(type)")
                    #expect(types.first { $0["type"] as? String == type }?["versioning"] as? String == "versioned-update", "\(type)")
                }
            }
        }
    }
}
