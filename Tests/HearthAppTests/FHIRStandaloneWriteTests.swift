import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// Partners writing Coverage, an incoming medication list, vital signs and referrers over FHIR, one at a time or in a
    /// transaction: the chart's checks, the access policy and an audit record in the same transaction; what Hearth
    /// does not keep is refused by its path.
    @Suite struct FHIRStandaloneWriteTests {
        typealias Writer = FHIRPatientWriteTests.Writer

        static func issuePath(_ json: [String: Any]) -> String? {
            ((json["issue"] as? [[String: Any]])?.first?["expression"] as? [String])?.first
        }

        static func coverage(_ patient: UUID, member: String = "1EG4-TE5-MK72", payer: String = "Medicare Part A") -> [String: Any] {
            ["resourceType": "Coverage", "status": "active", "beneficiary": ["reference": "Patient/\(patient.uuidString.lowercased())"],
             "subscriberId": member, "payor": [["display": payer]], "order": 1,
             "type": ["coding": [["system": CoverageWrite.sopt, "code": "12"]]],
             "class": [["type": ["coding": [["system": CoverageWrite.planClass, "code": "plan"]]], "value": "Part A", "name": "Part A"]],
             "period": ["start": "2026-01-01"]]
        }

        @Test func aCoverageIsKeptOnceReadsBackAndIsUpdatedByIdOrMemberID() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let own = try cast.ownPatient.requireID()
                let writer = try await Writer(app, cast.user(.caseManager))
                // act
                let created = try await writer.send(.POST, "/fhir/Coverage", Self.coverage(own))
                let again = try await writer.send(.POST, "/fhir/Coverage", Self.coverage(own))
                let id = try #require(created.json["id"] as? String)
                let read = try await writer.send(.GET, "/fhir/Coverage/\(id)")
                var changed = Self.coverage(own)
                changed["class"] = [["type": ["coding": [["system": CoverageWrite.planClass, "code": "plan"]]], "value": "Part B", "name": "Part B"]]
                let byID = try await writer.send(.PUT, "/fhir/Coverage/\(id)", changed)
                let byMember = try await writer.send(.PUT, "/fhir/Coverage?identifier=1EG4-TE5-MK72", Self.coverage(own, payer: "Medicare Part A"))
                var unknown = Self.coverage(own)
                unknown["network"] = "Blue"
                let refused = try await writer.send(.POST, "/fhir/Coverage", unknown)
                let aide = try await Writer(app, cast.user(.aide)).send(.POST, "/fhir/Coverage", Self.coverage(own, member: "ZZ-1"))
                let stranger = try await writer.send(.POST, "/fhir/Coverage", Self.coverage(try cast.otherPatient.requireID(), member: "ZZ-2"))
                // check
                #expect(created.status == .created)
                #expect(created.response.headers.first(name: .location)?.hasSuffix("/fhir/Coverage/\(id)") == true)
                #expect(again.status == .ok && again.json["id"] as? String == id)
                #expect(read.json["subscriberId"] as? String == "1EG4-TE5-MK72")
                #expect(((read.json["type"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"] as? String == "12")
                #expect(byID.status == .ok && ((byID.json["class"] as? [[String: Any]])?.first?["value"] as? String) == "Part B")
                #expect(byMember.status == .ok && byMember.json["id"] as? String == id)
                #expect(refused.status == .unprocessableEntity && Self.issuePath(refused.json) == "Coverage.network")
                #expect(aide.status == .forbidden)
                #expect(stranger.status == .notFound)
                #expect(try await Coverage.query(on: app.db).count() == 1)
                let trail = try await auditTrail(app)
                #expect(trail.contains { $0.action == "coverage.create" && $0.patientID == own })
                #expect(trail.contains { $0.action == "coverage.update" && $0.patientID == own })
                #expect(try await RecordChange.query(on: app.db).filter(\.$patient.$id == own).filter(\.$field == "Coverage").count() == 3)
            }
        }

        @Test func medicationsSentAloneWaitForReconciliationWithTheirRxNormAndTextDosage() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let own = try cast.ownPatient.requireID()
                let writer = try await Writer(app, cast.user(.caseManager))
                let subject = ["reference": "Patient/\(own.uuidString.lowercased())"]
                let statement: [String: Any] = [
                    "resourceType": "MedicationStatement", "status": "active", "subject": subject,
                    "medicationCodeableConcept": ["coding": [["system": FHIRMed.rxnorm, "code": "866924"]], "text": "Metoprolol tartrate 25 mg tablet"],
                    "dosage": [["text": "1 tablet by mouth twice a day"]]]
                let request: [String: Any] = [
                    "resourceType": "MedicationRequest", "status": "active", "intent": "order", "subject": subject,
                    "medicationCodeableConcept": ["coding": [["system": FHIRMed.rxnorm, "code": "310429"]], "text": "Furosemide 40 mg tablet"],
                    "dosageInstruction": [["timing": ["repeat": ["frequency": 1, "period": 1, "periodUnit": "d"]], "route": ["text": "oral"],
                                           "doseAndRate": [["doseQuantity": ["value": 1, "unit": "tablet"]]]]]]
                var unreadable = statement
                unreadable["dosage"] = [["text": "as directed"]]
                // act
                let first = try await writer.send(.POST, "/fhir/MedicationStatement", statement)
                let second = try await writer.send(.POST, "/fhir/MedicationRequest", request)
                let again = try await writer.send(.POST, "/fhir/MedicationStatement", statement)
                let refused = try await writer.send(.POST, "/fhir/MedicationStatement", unreadable)
                // check
                #expect(first.status == .accepted && second.status == .accepted && again.status == .ok)
                let records = try await MedicationReconciliationRecord.query(on: app.db).filter(\.$patient.$id == own).all()
                #expect(records.count == 1)
                let json = try #require(records.first?.reconciliationJSON)
                #expect(json.contains("866924") && json.contains("310429"))
                #expect(try ReconciliationController.decode(try #require(records.first)).lines.compactMap(\.incoming).count == 2)
                #expect(try await MedicationRecord.query(on: app.db).filter(\.$patient.$id == own).count() == 0)
                #expect(refused.status == .unprocessableEntity && Self.issuePath(refused.json) == "MedicationStatement.dosage[0].text")
                let page = try await { () -> String in
                    let browser = Browser(app)
                    try await browser.login("casemanager")
                    let path = try #require(first.response.headers.first(name: .contentLocation))
                    return try await browser.get(path).body.string
                }()
                #expect(page.contains("Metoprolol"))
            }
        }

        static func vital(_ patient: UUID, loinc: String, value: Double, unit: String, extra: [String: Any] = [:]) -> [String: Any] {
            var observation: [String: Any] = [
                "resourceType": "Observation", "status": "final",
                "category": [["coding": [["system": VitalSignWrite.category, "code": "vital-signs"]]]],
                "code": ["coding": [["system": VitalSignWrite.loinc, "code": loinc]]],
                "subject": ["reference": "Patient/\(patient.uuidString.lowercased())"], "effectiveDateTime": "2026-11-20T08:30:00-05:00",
                "valueQuantity": ["value": value, "unit": unit, "system": VitalSignWrite.ucum, "code": unit]]
            for (key, item) in extra { observation[key] = item }
            return observation
        }

        @Test func vitalSignsAreCheckedAsAVisitNoteChecksThemAndReadBack() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let own = try cast.ownPatient.requireID()
                let writer = try await Writer(app, cast.user(.clinician))
                var panel = Self.vital(own, loinc: "85354-9", value: 0, unit: "mm[Hg]")
                panel["valueQuantity"] = nil
                panel["component"] = [
                    ["code": ["coding": [["system": VitalSignWrite.loinc, "code": "8480-6"]]], "valueQuantity": ["value": 142, "unit": "mmHg", "system": VitalSignWrite.ucum, "code": "mm[Hg]"]],
                    ["code": ["coding": [["system": VitalSignWrite.loinc, "code": "8462-4"]]], "valueQuantity": ["value": 88, "unit": "mmHg", "system": VitalSignWrite.ucum, "code": "mm[Hg]"]],
                ]
                // act
                let pressure = try await writer.send(.POST, "/fhir/Observation", panel)
                let pulse = try await writer.send(.POST, "/fhir/Observation", Self.vital(own, loinc: "8867-4", value: 72, unit: "/min"))
                let again = try await writer.send(.POST, "/fhir/Observation", Self.vital(own, loinc: "8867-4", value: 72, unit: "/min"))
                let typo = try await writer.send(.POST, "/fhir/Observation", Self.vital(own, loinc: "8867-4", value: 720, unit: "/min"))
                var lab = Self.vital(own, loinc: "2345-7", value: 98, unit: "mg/dL")
                lab["category"] = [["coding": [["system": VitalSignWrite.category, "code": "laboratory"]]]]
                let labAnswer = try await writer.send(.POST, "/fhir/Observation", lab)
                let withEncounter = try await writer.send(.POST, "/fhir/Observation",
                                                          Self.vital(own, loinc: "8867-4", value: 70, unit: "/min", extra: ["encounter": ["reference": "Encounter/x"]]))
                let id = try #require(pressure.json["id"] as? String)
                let read = try await writer.send(.GET, "/fhir/Observation/\(id)")
                let search = try await writer.send(.GET, "/fhir/Observation?patient=\(own.uuidString.lowercased())&code=http://loinc.org|8867-4")
                // check
                #expect(pressure.status == .created && pulse.status == .created && again.status == .ok)
                let components = read.json["component"] as? [[String: Any]] ?? []
                #expect(components.compactMap { ($0["valueQuantity"] as? [String: Any])?["value"] as? Double } == [142, 88])
                #expect((search.json["entry"] as? [Any])?.count == 1)
                #expect(typo.status == .unprocessableEntity && Self.issuePath(typo.json) == "Observation.valueQuantity.value")
                #expect(Self.issuePath(labAnswer.json) == "Observation.category")
                #expect(Self.issuePath(withEncounter.json) == "Observation.encounter")
                #expect(try await ReportedVitalSign.query(on: app.db).count() == 2)
                #expect(try await Writer(app, cast.user(.physician)).send(.POST, "/fhir/Observation", Self.vital(own, loinc: "8867-4", value: 60, unit: "/min")).status == .forbidden)
            }
        }

        static let npi = "1234567893"

        static func practitioner(phone: String = "614-555-0100", fax: String? = "614-555-0101") -> [String: Any] {
            var telecom: [[String: Any]] = [["system": "phone", "value": phone]]
            if let fax { telecom.append(["system": "fax", "value": fax]) }
            return ["resourceType": "Practitioner", "identifier": [["system": FHIRWriteContext.npiSystem, "value": npi]],
                    "name": [["family": "Ruiz", "given": ["Ana"], "prefix": ["Dr."]]], "telecom": telecom]
        }

        @Test func referrersJoinTheDirectoryOnceByNPIOrName() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let intake = try await Writer(app, cast.user(.intake))
                // act
                let created = try await intake.send(.POST, "/fhir/Practitioner", Self.practitioner())
                let again = try await intake.send(.POST, "/fhir/Practitioner", Self.practitioner(), extra: [("If-None-Exist", "identifier=\(FHIRWriteContext.npiSystem)|\(Self.npi)")])
                let noFax = try await intake.send(.POST, "/fhir/Practitioner", Self.practitioner(fax: nil))
                let moved = try await intake.send(.PUT, "/fhir/Practitioner?identifier=\(FHIRWriteContext.npiSystem)|\(Self.npi)", Self.practitioner(phone: "614-555-0177"))
                let id = try #require(created.json["id"] as? String)
                let read = try await intake.send(.GET, "/fhir/Practitioner/\(id)")
                let organization: [String: Any] = ["resourceType": "Organization", "name": "Riverside Hospital",
                                                   "type": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/organization-type", "code": "prov"]]]],
                                                   "telecom": [["system": "phone", "value": "614-555-0200"]]]
                let hospital = try await intake.send(.POST, "/fhir/Organization", organization)
                let hospitalAgain = try await intake.send(.POST, "/fhir/Organization", organization)
                let nameless = try await intake.send(.POST, "/fhir/Organization", ["resourceType": "Organization"])
                let aide = try await Writer(app, cast.user(.aide)).send(.POST, "/fhir/Organization", organization)
                // check
                #expect(created.status == .created && again.status == .ok && again.json["id"] as? String == id)
                #expect(noFax.status == .unprocessableEntity && Self.issuePath(noFax.json) == "Practitioner.telecom")
                #expect(moved.status == .ok)
                #expect((read.json["identifier"] as? [[String: Any]])?.first?["value"] as? String == Self.npi)
                #expect((read.json["telecom"] as? [[String: Any]])?.first?["value"] as? String == "614-555-0177")
                #expect(try await PhysicianDirectory.options(selected: nil, on: app.db).contains { $0.label.contains("NPI \(Self.npi)") })
                #expect(hospital.status == .created && hospitalAgain.status == .ok && hospitalAgain.json["id"] as? String == hospital.json["id"] as? String)
                #expect(Self.issuePath(nameless.json) == "Organization.name")
                #expect(aide.status == .forbidden)
            }
        }

        /// `PUT /fhir/Organization/{id}`: a partner corrects a payer's or provider's name, phone and fax; the same name as
        /// another of its kind, an unknown id, a body naming another id and a caller who may not register patients are refused.
        @Test func anOrganizationIsUpdatedByIdAndNeverMergedIntoAnother() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let intake = try await Writer(app, cast.user(.intake))
                func organization(_ name: String, phone: String? = nil, fax: String? = nil) -> [String: Any] {
                    var telecom: [[String: Any]] = []
                    if let phone { telecom.append(["system": "phone", "value": phone]) }
                    if let fax { telecom.append(["system": "fax", "value": fax]) }
                    return ["resourceType": "Organization", "name": name, "telecom": telecom,
                            "type": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/organization-type", "code": "prov"]]]]]
                }
                let riverside = try #require(try await intake.send(.POST, "/fhir/Organization", organization("Riverside Hospital")).json["id"] as? String)
                _ = try await intake.send(.POST, "/fhir/Organization", organization("Mercy Clinic"))
                // act
                let updated = try await intake.send(.PUT, "/fhir/Organization/\(riverside)", organization("Riverside Medical Center", phone: "614-555-0200", fax: "614-555-0201"))
                let same = try await intake.send(.PUT, "/fhir/Organization/\(riverside)", organization("Riverside Medical Center", phone: "614-555-0200", fax: "614-555-0201"))
                let clash = try await intake.send(.PUT, "/fhir/Organization/\(riverside)", organization("mercy clinic"))
                let unknown = try await intake.send(.PUT, "/fhir/Organization/\(UUID().uuidString.lowercased())", organization("Nowhere"))
                var otherID = organization("Riverside Medical Center")
                otherID["id"] = UUID().uuidString.lowercased()
                let mismatched = try await intake.send(.PUT, "/fhir/Organization/\(riverside)", otherID)
                let aide = try await Writer(app, cast.user(.aide)).send(.PUT, "/fhir/Organization/\(riverside)", organization("Aide's Name"))
                let read = try await intake.send(.GET, "/fhir/Organization/\(riverside)")
                let inBundle = try await intake.send(.POST, "/fhir", FHIRBundleTests.bundle("transaction", [
                    FHIRBundleTests.entry(organization("Riverside Medical Center", phone: "614-555-0299"), method: "PUT", url: "Organization/\(riverside)")]))
                // check
                #expect(updated.status == .ok && updated.json["name"] as? String == "Riverside Medical Center")
                #expect(read.json["name"] as? String == "Riverside Medical Center")
                #expect((read.json["telecom"] as? [[String: Any]])?.compactMap { $0["value"] as? String } == ["614-555-0200", "614-555-0201"])
                #expect(same.status == .ok)
                #expect(clash.status == .conflict && Self.issuePath(clash.json) == "Organization.name")
                #expect(unknown.status == .notFound)
                #expect(mismatched.status == .unprocessableEntity && Self.issuePath(mismatched.json) == "Organization.id")
                #expect(aide.status == .forbidden)
                #expect(FHIRBundleTests.statuses(inBundle.json) == ["200 OK"])
                let kept = try #require(try await Organization.find(UUID(uuidString: riverside), on: app.db))
                #expect(kept.phone == "614-555-0299" && kept.nameKey == "riverside medical center" && kept.fax == nil)
                let updates = try await AuditEvent.query(on: app.db).filter(\.$action == "organization.update").all()
                #expect(updates.map(\.detail) == ["FHIR, changed: name, phone, fax", "FHIR, changed: phone, fax"], "the unchanged PUT writes nothing")
            }
        }

        @Test func aTransactionWritesReferrersCoverageAndVitalsTogetherOrNothing() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let own = try cast.ownPatient.requireID()
                let writer = try await Writer(app, cast.user(.caseManager))
                let payerURL = "urn:uuid:5a0c1e2a-0000-4000-8000-000000000001"
                var coverage = Self.coverage(own)
                coverage["payor"] = [["reference": payerURL]]
                let payer: [String: Any] = ["resourceType": "Organization", "name": "Buckeye Health Plan",
                                            "type": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/organization-type", "code": "pay"]]]]]
                let entries = [
                    FHIRBundleTests.entry(coverage, url: "Coverage"),
                    FHIRBundleTests.entry(payer, fullUrl: payerURL, url: "Organization"),
                    FHIRBundleTests.entry(Self.vital(own, loinc: "8867-4", value: 72, unit: "/min"), url: "Observation"),
                ]
                var bad = entries
                bad.append(FHIRBundleTests.entry(Self.vital(own, loinc: "8867-4", value: 720, unit: "/min"), url: "Observation"))
                // act
                let refused = try await writer.send(.POST, "/fhir", FHIRBundleTests.bundle("transaction", bad))
                let written = try await writer.send(.POST, "/fhir", FHIRBundleTests.bundle("transaction", entries))
                // check
                #expect(refused.status == .unprocessableEntity && Self.issuePath(refused.json) == "Bundle.entry[3].resource.valueQuantity.value")
                #expect(FHIRBundleTests.statuses(written.json) == ["201 Created", "201 Created", "201 Created"])
                let kept = try #require(try await Coverage.query(on: app.db).first())
                #expect(kept.payer == "Buckeye Health Plan" && kept.payerProgram == .medicare)
                #expect(try await ReportedVitalSign.query(on: app.db).count() == 1)
                let fullUrls = (written.json["entry"] as? [[String: Any]] ?? []).compactMap { $0["fullUrl"] as? String }
                #expect(fullUrls.allSatisfy { $0.hasPrefix("http://") && $0.contains("/fhir/") })
            }
        }
    }
}
