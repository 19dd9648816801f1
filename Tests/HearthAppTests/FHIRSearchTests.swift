import Foundation
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// FHIR search that never lies (http://hl7.org/fhir/R4/search.html) and change detection (http://hl7.org/fhir/R4/http.html#versioning).
    @Suite struct FHIRSearchTests {
        typealias Writer = FHIRPatientWriteTests.Writer

        /// A patient with heart failure since January 2024 and diabetes since June 2025, over FHIR.
        func patientWithTwoDiagnoses(_ app: Application) async throws -> (Writer, String) {
            let cast = try await makeCast(app)
            let writer = try await Writer(app, cast.user(.caseManager))
            let created = try await writer.send(.POST, "/fhir/Patient", FHIRPatientWriteTests.patient())
            let id = try #require(created.json["id"] as? String)
            for (code, onset) in [("I50.9", "2024-01-10"), ("E11.9", "2025-06-01")] {
                let condition: [String: Any] = ["resourceType": "Condition", "subject": ["reference": "Patient/\(id)"], "onsetDateTime": onset,
                                                "code": ["coding": [["system": FHIRCondition.icd10, "code": code]]]]
                let posted = try await writer.send(.POST, "/fhir/Condition", condition)
                #expect(posted.status == .created, "\(posted.json)")
            }
            return (writer, id)
        }

        func total(_ writer: Writer, _ path: String, strict: Bool = true) async throws -> Int? {
            let answer = try await writer.send(.GET, path, extra: strict ? [("Prefer", "handling=strict")] : [])
            return answer.status == .ok ? answer.json["total"] as? Int : nil
        }

        @Test func criteriaNarrowTheListByR4Rules() async throws {
            try await withHearth { app in
                let (writer, id) = try await patientWithTwoDiagnoses(app)
                let base = "/fhir/Condition?patient=\(id)"
                #expect(try await total(writer, base) == 2)
                #expect(try await total(writer, base + "&code=\(FHIRCondition.icd10)|I50.9") == 1)
                #expect(try await total(writer, base + "&code=urn:other|I50.9") == 0, "another system's code never matches")
                #expect(try await total(writer, base + "&code:not=I50.9") == 1)
                #expect(try await total(writer, base + "&onset-date=ge2025") == 1)
                #expect(try await total(writer, base + "&onset-date=lt2024-01-10") == 0)
                #expect(try await total(writer, base + "&onset-date=eq2024-01") == 1)
                #expect(try await total(writer, base + "&onset-date=sa2024-01-10") == 1)
                #expect(try await total(writer, base + "&onset-date=eb2025-06-01") == 1)
                #expect(try await total(writer, base + "&onset-date=ne2024-01-10") == 1)
                #expect(try await total(writer, base + "&_id=00000000-0000-4000-8000-000000000000") == 0)
                #expect(try await total(writer, "/fhir/Patient?birthdate=le1944-06-02&identifier=\(FHIRPatientWriteTests.hospital)|H-4471") == 1)
                #expect(try await total(writer, "/fhir/Patient?family:exact=okafor") == 0, ":exact keeps case")
                #expect(try await total(writer, "/fhir/Patient?family:contains=kaf") == 1)
                #expect(try await total(writer, "/fhir/Patient?identifier=urn:other|H-4471") == 0)
            }
        }

        @Test func bundlesPageCountSortAndLinkAbsolutely() async throws {
            try await withHearth { app in
                let (writer, id) = try await patientWithTwoDiagnoses(app)
                let page = try await writer.send(.GET, "/fhir/Condition?patient=\(id)&_count=1&_sort=-onset-date&unknown=1")
                let links = try #require(page.json["link"] as? [[String: String]])
                let next = try #require(links.first { $0["relation"] == "next" }?["url"])
                #expect(next.hasPrefix("http://") && next.contains("/fhir/Condition?") && next.contains("_offset=1"))
                #expect(!links.contains { $0["url"]!.contains("unknown") }, "an ignored parameter is left out of the links")
                let entries = try #require(page.json["entry"] as? [[String: Any]])
                #expect(entries.count == 1 && (entries[0]["fullUrl"] as? String)?.hasPrefix("http://") == true)
                #expect((entries[0]["resource"] as? [String: Any])?["onsetDateTime"] as? String == "2025-06-01")
                let counted = try await writer.send(.GET, "/fhir/Condition?patient=\(id)&_count=0")
                #expect(counted.json["total"] as? Int == 2 && counted.json["entry"] == nil)
                let strict = try await writer.send(.GET, "/fhir/Condition?patient=\(id)&unknown=1", extra: [("Prefer", "handling=strict")])
                #expect(strict.status == .badRequest && strict.response.body.string.contains("unknown"))
                #expect(!page.response.body.string.contains("[]"), "R4 JSON has no empty arrays")
            }
        }

        @Test func everyDeclaredParameterAnswersOrRefusesNeverTheWholeList() async throws {
            try await withHearth { app in
                let (writer, id) = try await patientWithTwoDiagnoses(app)
                // AuditEvent is the administrator's; FHIRRecordOperationTests probes it as her.
                for type in FHIRSearchTable.all where type.interactions.contains("search-type") && type.type != "AuditEvent" {
                    for parameter in type.allParameters where !["patient", "subject", "beneficiary", "patient.identifier"].contains(parameter.name) {
                        let value = switch parameter.kind {
                        case .date: "eq1801-02-03"
                        case .reference: "Nothing/00000000-0000-4000-8000-000000000000"
                        default: "urn:no-such-system|no-such-code"
                        }
                        let scope = type.patientScoped ? "patient=\(id)&" : ""
                        let answer = try await writer.send(.GET, "/fhir/\(type.type)?\(scope)\(parameter.name)=\(value)", extra: [("Prefer", "handling=strict")])
                        #expect(answer.status == .badRequest || answer.json["total"] as? Int == 0, "\(type.type)?\(parameter.name): \(answer.status) \(answer.json["total"] ?? "")")
                    }
                }
            }
        }

        @Test func theCapabilityStatementListsExactlyTheTable() async throws {
            let statement = try FHIRJSON(encoding: CapabilityStatement(date: "2026-01-01", security: SMARTSecurity(origin: "http://localhost", cors: false)))
            let resources = statement.values(at: "rest.resource")
            #expect(resources.map { $0["type"]?.string } == FHIRSearchTable.all.map(\.type))
            for (resource, type) in zip(resources, FHIRSearchTable.all) where type.interactions.contains("search-type") {
                let listed = resource.values(at: "searchParam").compactMap { $0["name"]?.string }
                #expect(listed == type.allParameters.map(\.name).filter { !$0.contains(".") }, "\(type.type)")
            }
        }

        @Test func readsCarryVersionsAnd304AndStaleUpdatesAre412() async throws {
            try await withHearth { app in
                let (writer, id) = try await patientWithTwoDiagnoses(app)
                let read = try await writer.send(.GET, "/fhir/Patient/\(id)")
                let version = try #require((read.json["meta"] as? [String: Any])?["versionId"] as? String)
                let tag = try #require(read.response.headers.first(name: .eTag))
                #expect(tag == "W/\"\(version)\"" && read.response.headers.first(name: .lastModified) != nil)
                #expect(try await writer.send(.GET, "/fhir/Patient/\(id)", extra: [("If-None-Match", tag)]).status == .notModified)
                #expect(try await writer.send(.GET, "/fhir/Patient/\(id)/_history/\(version)").status == .ok)
                var changed = FHIRPatientWriteTests.patient()
                changed["id"] = id
                changed["birthDate"] = "1944-06-03"
                let stale = try await writer.send(.PUT, "/fhir/Patient/\(id)", changed, extra: [("If-Match", "W/\"0000\"")])
                #expect(stale.status == .preconditionFailed)
                #expect(try await writer.send(.GET, "/fhir/Patient/\(id)").json["birthDate"] as? String == "1944-06-02")
                let current = try await writer.send(.PUT, "/fhir/Patient/\(id)", changed, extra: [("If-Match", tag)])
                #expect(current.status == .ok)
                #expect(current.response.headers.first(name: .eTag) != tag, "a change is a new version")
            }
        }
    }
}
