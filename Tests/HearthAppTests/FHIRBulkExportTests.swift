import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// FHIR Bulk Data export, async pattern (Bulk Data Access IG v2 "Export": kick-off 202 + Content-Location, status 202
    /// + X-Progress then 200 + manifest, NDJSON files with the same token, DELETE cancels), by a payer's backend client.
    @Suite struct FHIRBulkExportTests {
        struct Answer {
            var status: HTTPStatus
            var headers: HTTPHeaders
            var body: String
            var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
        }

        static func send(_ app: Application, _ method: HTTPMethod, _ address: String, token: String, async: Bool = false) async throws -> Answer {
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: token)
            headers.replaceOrAdd(name: .host, value: SMARTTestClient.host)
            headers.replaceOrAdd(name: .accept, value: "application/fhir+json")
            if async { headers.replaceOrAdd(name: "Prefer", value: "respond-async") }
            let path = address.replacingOccurrences(of: "http://\(SMARTTestClient.host)", with: "")
            let response = try await app.testing().sendRequest(method, path, headers: headers)
            return Answer(status: response.status, headers: response.headers, body: response.body.string)
        }

        /// A SMART backend client acting as `username` with `scopes`, and its access token.
        static func token(_ app: Application, username: String, scopes: String = "system/*.rs") async throws -> String {
            var client = SMARTTestClient.ec()
            let stored = try await ClientRegistration.register(.init(name: "Sync for \(username)", jwks: client.jwks, scopes: scopes, username: username),
                                                              by: .commandLine, on: app.db)
            client.clientID = stored.clientID
            return try SMARTTestClient.accessToken(try await SMARTTestClient.requestToken(app, assertion: try client.assertion(), scope: scopes))
        }

        /// The payer covers Dorothy (the own patient), not Harold; she has a diagnosis.
        static func payerCast(_ app: Application) async throws -> Cast {
            let cast = try await makeCast(app)
            let coverage = Coverage()
            coverage.$patient.id = try cast.ownPatient.requireID()
            coverage.payer = "Buckeye Health Plan"
            coverage.memberID = "BHP-1"
            coverage.order = 1
            coverage.$payerCaseManager.id = try cast.user(.payer).requireID()
            try await coverage.create(on: app.db)
            for patient in [cast.ownPatient, cast.otherPatient] {
                let diagnosis = Diagnosis()
                diagnosis.$patient.id = try patient.requireID()
                diagnosis.code = "I50.9"
                diagnosis.title = "Heart failure, unspecified"
                diagnosis.rank = "primary"
                try await diagnosis.create(on: app.db)
            }
            return cast
        }

        @Test func aPayersExportHoldsItsMembersOnlyInNDJSONAndIsAuditedPerPatient() async throws {
            try await withHearth { app in
                // setup
                let cast = try await Self.payerCast(app)
                let token = try await Self.token(app, username: "payer")
                let own = try cast.ownPatient.requireID().uuidString.lowercased()
                let other = try cast.otherPatient.requireID().uuidString.lowercased()
                // act: kick-off must ask for the async pattern
                #expect(try await Self.send(app, .GET, "/fhir/Patient/$export", token: token).status == .badRequest)
                #expect(try await Self.send(app, .GET, "/fhir/Patient/$export?_type=Nonsense", token: token, async: true).status == .badRequest)
                let kickOff = try await Self.send(app, .GET, "/fhir/Patient/$export?_type=Patient,Coverage,Condition", token: token, async: true)
                #expect(kickOff.status == .accepted, "\(kickOff.body)")
                let status = try #require(kickOff.headers.first(name: .contentLocation))
                #expect(status.hasPrefix("http://hearth.test/fhir/$export-status/"))
                // The first poll advances the export and reports progress; the next answers the manifest.
                let progress = try await Self.send(app, .GET, status, token: token)
                #expect(progress.status == .accepted && progress.headers.first(name: "X-Progress") == "1 of 1 patients exported")
                let done = try await Self.send(app, .GET, status, token: token)
                #expect(done.status == .ok)
                // check: the manifest's shape
                let manifest = done.json
                #expect(manifest["requiresAccessToken"] as? Bool == true)
                #expect((manifest["request"] as? String)?.hasSuffix("/fhir/Patient/$export?_type=Patient,Coverage,Condition") == true)
                #expect((manifest["transactionTime"] as? String)?.hasSuffix("Z") == true)
                let output = try #require(manifest["output"] as? [[String: Any]])
                #expect(output.compactMap { $0["type"] as? String } == ["Patient", "Coverage", "Condition"])
                var lines: [[String: Any]] = []
                for file in output {
                    let answer = try await Self.send(app, .GET, try #require(file["url"] as? String), token: token)
                    #expect(answer.status == .ok && answer.headers.contentType?.description.hasPrefix("application/fhir+ndjson") == true)
                    for line in answer.body.split(separator: "\n") {
                        let resource = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                        #expect(resource["resourceType"] as? String == file["type"] as? String)
                        lines.append(resource)
                    }
                    #expect(!answer.body.contains(other), "another payer's patient never appears")
                }
                #expect(lines.count == 3 && lines.first?["id"] as? String == own)
                // Someone else's token reads neither the status nor a file.
                let stranger = try await Self.token(app, username: "casemanager")
                #expect(try await Self.send(app, .GET, status, token: stranger).status == .notFound)
                #expect(try await Self.send(app, .GET, try #require(output.first?["url"] as? String), token: stranger).status == .notFound)
                // Each exported patient's access report shows the export.
                let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "patient.export").all()
                #expect(audited.map(\.patientID) == [try cast.ownPatient.requireID()])
                // DELETE cancels: the status and the files are gone.
                #expect(try await Self.send(app, .DELETE, status, token: token).status == .accepted)
                #expect(try await Self.send(app, .GET, status, token: token).status == .notFound)
                #expect(try await Self.send(app, .GET, try #require(output.first?["url"] as? String), token: token).status == .notFound)
            }
        }

        @Test func anExportNeedsAWildcardReadScope() async throws {
            try await withHearth { app in
                _ = try await Self.payerCast(app)
                let token = try await Self.token(app, username: "payer", scopes: "system/Patient.rs")
                let answer = try await Self.send(app, .GET, "/fhir/Patient/$export", token: token, async: true)
                #expect(answer.status == .forbidden)
                #expect(try await BulkExportJob.query(on: app.db).count() == 0)
            }
        }

        @Test func aGroupExportIsTheCaseloadWithinWhatTheCallerMayRead() async throws {
            try await withHearth { app in
                let cast = try await Self.payerCast(app)
                let token = try await Self.token(app, username: "supervisor")
                let caseload = "caseload-" + (try cast.user(.caseManager).requireID().uuidString.lowercased())
                let kickOff = try await Self.send(app, .GET, "/fhir/Group/\(caseload)/$export?_type=Patient", token: token, async: true)
                let status = try #require(kickOff.headers.first(name: .contentLocation))
                _ = try await Self.send(app, .GET, status, token: token)
                let output = try #require(try await Self.send(app, .GET, status, token: token).json["output"] as? [[String: Any]])
                let file = try await Self.send(app, .GET, try #require(output.first?["url"] as? String), token: token)
                let own = try cast.ownPatient.requireID().uuidString.lowercased()
                #expect(file.body.split(separator: "\n").count == 1 && file.body.contains(own))
                #expect(try await Self.send(app, .GET, "/fhir/Group/nonsense/$export", token: token, async: true).status == .notFound)
            }
        }

        /// Many batches of 2 patients, files of at most 3 resources: every resource comes exactly once, in patient order,
        /// each file in the order it was written, and each type's lines are what `$everything` builds patient by patient.
        @Test func aManyBatchManyFileExportHoldsEveryResourceOnceInOrder() async throws {
            try await withHearth { app in
                // setup: seven patients, some with two diagnoses and a coverage, some with none
                let cast = try await Self.payerCast(app)
                for number in 3...7 {
                    let patient = Patient(mrn: MedicalRecordNumber.make(number), givenName: "Patient", familyName: "Number \(number)",
                                          birthDate: "1940-01-0\(number)", sex: "female")
                    patient.$caseManager.id = try cast.user(.caseManager).requireID()
                    try await patient.create(on: app.db)
                    for rank in (number.isMultiple(of: 2) ? ["primary", "secondary"] : []) {
                        let diagnosis = Diagnosis()
                        diagnosis.$patient.id = try patient.requireID()
                        diagnosis.code = rank == "primary" ? "E11.9" : "I10"
                        diagnosis.title = rank == "primary" ? "Type 2 diabetes mellitus without complications" : "Essential hypertension"
                        diagnosis.rank = rank
                        try await diagnosis.create(on: app.db)
                    }
                }
                app.bulkExportSizes = .init(batch: 2, fileLines: 3)
                let token = try await Self.token(app, username: "supervisor")
                // act
                let kickOff = try await Self.send(app, .GET, "/fhir/$export", token: token, async: true)
                let status = try #require(kickOff.headers.first(name: .contentLocation))
                var manifest: [String: Any] = [:]
                for _ in 0..<20 {
                    let poll = try await Self.send(app, .GET, status, token: token)
                    if poll.status == .ok { manifest = poll.json; break }
                    #expect(poll.status == .accepted)
                }
                let output = try #require(manifest["output"] as? [[String: Any]])
                var exported: [String: [String]] = [:]
                for file in output {
                    let type = try #require(file["type"] as? String)
                    let answer = try await Self.send(app, .GET, try #require(file["url"] as? String), token: token)
                    let lines = answer.body.split(separator: "\n").map(String.init)
                    #expect(lines.count == file["count"] as? Int && lines.count <= 3 && !lines.isEmpty, "\(type): \(lines.count) lines")
                    exported[type, default: []] += lines
                }
                // check: the same lines as each patient's whole record, patient by patient in id order
                let req = Request(application: app, on: app.eventLoopGroup.next())
                var expected: [String: [String]] = [:]
                let patients = try await Patient.query(on: app.db).sort(\.$id).all()
                #expect(patients.count == 7)
                for patient in patients {
                    for resource in try await FHIRController().wholeRecord(of: patient, types: nil, since: nil, req: req) {
                        guard let json = resource.json.pruned else { continue }
                        expected[resource.type, default: []].append(String(decoding: json.jsonBytes, as: UTF8.self))
                    }
                }
                #expect(exported.keys.sorted() == expected.keys.sorted())
                for (type, lines) in expected {
                    #expect(exported[type] == lines, "\(type) differs from the patients' whole records")
                    #expect(Set(lines).count == lines.count, "\(type): each resource once")
                    let files = output.filter { $0["type"] as? String == type }.count
                    #expect(files == (lines.count + 2) / 3, "\(type): \(lines.count) resources in \(files) files of 3")
                }
                #expect(exported["Condition"]?.count == 6 && exported["Patient"]?.count == 7)
                // Types come in their order; each patient's export is audited once.
                let order = output.compactMap { $0["type"] as? String }.map { FHIRController.recordTypes.firstIndex(of: $0) ?? -1 }
                #expect(order == order.sorted())
                let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "patient.export").all()
                #expect(audited.compactMap(\.patientID).sorted { $0.uuidString < $1.uuidString } == patients.compactMap(\.id).sorted { $0.uuidString < $1.uuidString })
                // DELETE takes the files' chunks with them.
                #expect(try await Self.send(app, .DELETE, status, token: token).status == .accepted)
                #expect(try await BulkExportChunk.query(on: app.db).count() == 0)
            }
        }

        /// Another instance holding the job's lease is left to it: this poll reports progress without exporting.
        @Test func aPollLeavesAJobAnotherInstanceIsAdvancing() async throws {
            try await withHearth { app in
                _ = try await Self.payerCast(app)
                let token = try await Self.token(app, username: "payer")
                let status = try #require(try await Self.send(app, .GET, "/fhir/$export", token: token, async: true).headers.first(name: .contentLocation))
                let job = try #require(try await BulkExportJob.query(on: app.db).first())
                job.leaseToken = "another instance"
                job.leaseUntil = Date().addingTimeInterval(600)
                try await job.save(on: app.db)
                let answer = try await Self.send(app, .GET, status, token: token)
                #expect(answer.status == .accepted && answer.headers.first(name: "X-Progress") == "0 of 1 patients exported")
                #expect(try await BulkExportFile.query(on: app.db).count() == 0)
                job.leaseToken = nil
                job.leaseUntil = nil
                try await job.save(on: app.db)
                _ = try await Self.send(app, .GET, status, token: token)
                #expect(try await Self.send(app, .GET, status, token: token).status == .ok)
            }
        }
    }
}
