import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// `Patient/$everything` (http://hl7.org/fhir/R4/patient-operation-everything.html), type `_history`, Coverage read,
    /// AuditEvent over the audit trail (IHE BALP), searches across a backend client's patients, and the table that
    /// drives the routes and the CapabilityStatement (issue 24).
    @Suite struct FHIRRecordOperationTests {
        typealias Writer = FHIRPatientWriteTests.Writer
        typealias Bulk = FHIRBulkExportTests

        @Test func everythingIsThePatientsWholeRecordPagedAndAuditedOnce() async throws {
            try await withHearth { app in
                // setup
                let cast = try await Bulk.payerCast(app)
                let writer = try await Writer(app, cast.user(.caseManager))
                let own = try cast.ownPatient.requireID().uuidString.lowercased()
                // act
                let whole = try await writer.send(.GET, "/fhir/Patient/\(own)/$everything")
                // check: the patient, her coverage, her diagnosis and her care team, as one searchset
                #expect(whole.status == .ok && whole.json["type"] as? String == "searchset")
                let types = (whole.json["entry"] as? [[String: Any]] ?? []).compactMap { ($0["resource"] as? [String: Any])?["resourceType"] as? String }
                #expect(types.first == "Patient" && types.contains("Coverage") && types.contains("Condition") && types.contains("CareTeam"))
                #expect(whole.json["total"] as? Int == types.count)
                let conditions = try await writer.send(.GET, "/fhir/Patient/\(own)/$everything?_type=Condition")
                #expect(conditions.json["total"] as? Int == 1)
                let paged = try await writer.send(.GET, "/fhir/Patient/\(own)/$everything?_count=1")
                let next = (paged.json["link"] as? [[String: String]] ?? []).first { $0["relation"] == "next" }?["url"]
                #expect(next?.hasPrefix("http://") == true && next?.contains("_offset=1") == true)
                #expect(try await writer.send(.GET, "/fhir/Patient/\(own)/$everything?_since=yesterday").status == .badRequest)
                let since = try await writer.send(.GET, "/fhir/Patient/\(own)/$everything?_type=Patient&_since=2999-01-01T00:00:00Z")
                #expect(since.json["total"] as? Int == 0, "a patient unchanged since then is left out")
                // Another caseload's patient stays hidden; each read is one audit record of the whole record.
                #expect(try await writer.send(.GET, "/fhir/Patient/\(try cast.otherPatient.requireID())/$everything").status == .notFound)
                let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "patient.everything").count()
                #expect(audited == 4)
            }
        }

        @Test func typeHistoryAndCoverageReadStayWithinWhatTheCallerMayRead() async throws {
            try await withHearth { app in
                let cast = try await Bulk.payerCast(app)
                let writer = try await Writer(app, cast.user(.caseManager))
                let history = try await writer.send(.GET, "/fhir/Patient/_history")
                #expect(history.json["type"] as? String == "history" && history.json["total"] as? Int == 1)
                let entry = try #require((history.json["entry"] as? [[String: Any]])?.first)
                #expect((entry["response"] as? [String: Any])?["etag"] as? String != nil)
                let own = try cast.ownPatient.requireID().uuidString.lowercased()
                #expect((entry["resource"] as? [String: Any])?["id"] as? String == own)
                let coverage = try #require(try await Coverage.query(on: app.db).first())
                let payer = try await Writer(app, cast.user(.payer))
                let read = try await payer.send(.GET, "/fhir/Coverage/\(try coverage.requireID())")
                #expect(read.status == .ok && read.json["subscriberId"] as? String == "BHP-1" && read.response.headers.first(name: .eTag) != nil)
                let aide = try await Writer(app, cast.otherCaseManager)
                #expect(try await aide.send(.GET, "/fhir/Coverage/\(try coverage.requireID())").status == .notFound)
            }
        }

        @Test func auditEventsAreTheAdministratorsAndSearchByPatientAgentDateAndAction() async throws {
            try await withHearth { app in
                let cast = try await Bulk.payerCast(app)
                let own = try cast.ownPatient.requireID().uuidString.lowercased()
                let caseManager = try await Writer(app, cast.user(.caseManager))
                _ = try await caseManager.send(.GET, "/fhir/Patient/\(own)")
                let admin = try await Writer(app, cast.user(.admin))
                let found = try await admin.send(.GET, "/fhir/AuditEvent?patient=Patient/\(own)&action=R&date=ge2000-01-01")
                #expect(found.status == .ok && found.json["total"] as? Int == 1)
                let event = try #require((found.json["entry"] as? [[String: Any]])?.first?["resource"] as? [String: Any])
                #expect(event["action"] as? String == "R" && event["outcome"] as? String == "0")
                #expect(((event["agent"] as? [[String: Any]])?.first?["who"] as? [String: Any])?["display"] as? String == "casemanager")
                #expect(((event["entity"] as? [[String: Any]])?.first?["what"] as? [String: Any])?["reference"] as? String == "Patient/\(own)")
                let id = try #require(event["id"] as? String)
                #expect(try await admin.send(.GET, "/fhir/AuditEvent/\(id)").json["id"] as? String == id)
                let byAgent = try await admin.send(.GET, "/fhir/AuditEvent?agent=\(try cast.user(.caseManager).requireID())&subtype=patient.read")
                #expect(byAgent.json["total"] as? Int == 1)
                #expect(try await admin.send(.GET, "/fhir/AuditEvent?date=lt2000-01-01").json["total"] as? Int == 0)
                #expect(try await admin.send(.GET, "/fhir/AuditEvent?action=Z").status == .badRequest)
                #expect(try await admin.send(.GET, "/fhir/AuditEvent?unknown=1", extra: [("Prefer", "handling=strict")]).status == .badRequest)
                for parameter in try #require(FHIRSearchTable.type("AuditEvent")).allParameters {
                    let value = parameter.kind == .date ? "eq1801-02-03" : parameter.kind == .reference ? "Nothing/00000000-0000-4000-8000-000000000000" : "urn:no-such-system|no-such-code"
                    let answer = try await admin.send(.GET, "/fhir/AuditEvent?\(parameter.name)=\(value)", extra: [("Prefer", "handling=strict")])
                    #expect(answer.status == .badRequest || answer.json["total"] as? Int == 0, "AuditEvent?\(parameter.name): \(answer.status)")
                }
                // Anyone who does not keep the audit trail is refused: no one learns who read another patient.
                #expect(try await caseManager.send(.GET, "/fhir/AuditEvent?patient=Patient/\(own)").status == .forbidden)
                #expect(try await caseManager.send(.GET, "/fhir/AuditEvent/\(id)").status == .forbidden)
            }
        }

        @Test func aBackendClientSearchesEveryPatientItMayReadWithoutNamingOne() async throws {
            try await withHearth { app in
                let cast = try await Bulk.payerCast(app)
                let token = try await Bulk.token(app, username: "payer")
                let conditions = try await Bulk.send(app, .GET, "/fhir/Condition", token: token)
                #expect(conditions.status == .ok && conditions.json["total"] as? Int == 1, "the payer's member only")
                let other = try cast.otherPatient.requireID().uuidString.lowercased()
                #expect(!conditions.body.contains(other))
                let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "diagnosis.search").all()
                #expect(audited.map(\.patientID) == [try cast.ownPatient.requireID()])
                // A person's token still names the patient.
                let writer = try await Writer(app, cast.user(.caseManager))
                #expect(try await writer.send(.GET, "/fhir/Condition").status == .badRequest)
            }
        }

        /// Every interaction and operation the table declares has its route, and every FHIR route is declared.
        @Test func theRoutesAreExactlyWhatTheTableDeclares() async throws {
            try await withHearth { app in
                let routes = Set(app.routes.all.map { route in
                    route.method.rawValue + " " + route.path.map { component -> String in
                        if case .parameter = component { return ":" } else { return component.description }
                    }.joined(separator: "/")
                })
                var declared: Set<String> = ["GET fhir/metadata", "POST fhir"]
                for operation in FHIRSearchTable.systemOperations { declared.insert("GET fhir/$\(operation.name)") }
                for type in FHIRSearchTable.all {
                    let base = "fhir/\(type.type)"
                    for interaction in type.interactions {
                        switch interaction {
                        case "read": declared.insert("GET \(base)/:")
                        case "vread": declared.insert("GET \(base)/:/_history/:")
                        case "history-instance": declared.insert("GET \(base)/:/_history")
                        case "history-type": declared.insert("GET \(base)/_history")
                        case "search-type": declared.insert("GET \(base)")
                        case "create": declared.insert("POST \(base)")
                        case "update": declared.insert("PUT \(base)/:")
                        default: Issue.record("\(type.type) declares \(interaction), which this test does not know")
                        }
                    }
                    if type.conditionalUpdate == true { declared.insert("PUT \(base)") }
                    for operation in type.operations { declared.insert("GET \(base)/\(operation.instance ? ":/" : "")$\(operation.name)") }
                }
                let served = routes.filter { $0.contains(" fhir") && !$0.contains(".well-known") && !$0.contains("$export-") }
                #expect(declared.subtracting(served).sorted() == [], "declared but not routed")
                #expect(served.subtracting(declared).sorted() == [], "routed but not declared")
            }
        }
    }
}
