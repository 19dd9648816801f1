import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

/// Issue 19, one audited write: a change and its audit record commit together or not at all.
extension AllTests {
    @Suite struct AuditedWriteTests {
        struct ChangeFailed: Error {}

        static func request(_ app: Application) -> Request {
            Request(application: app, method: .POST, url: URI(path: "/test"), on: app.eventLoopGroup.next())
        }

        static func records(_ action: String, _ app: Application) async throws -> Int {
            try await AuditEvent.query(on: app.db).filter(\.$action == action).count()
        }

        @Test func aFailedChangeLeavesNoAuditRecordAndACommittedOneLeavesExactlyOne() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let req = Self.request(app)
                // act: a change that fails after writing, and one that commits
                await #expect(throws: ChangeFailed.self) {
                    try await req.auditedWrite("allergy.create", patientID: patientID, resourceType: "AllergyIntolerance") { db in
                        let allergy = Allergy()
                        allergy.$patient.id = patientID
                        allergy.substance = "Latex"
                        allergy.severity = "severe"
                        try await allergy.create(on: db)
                        throw ChangeFailed()
                    }
                }
                let failedAllergies = try await Allergy.query(on: app.db).filter(\.$patient.$id == patientID).count()
                let failedRecords = try await Self.records("allergy.create", app)
                let id = try await req.auditedWrite { db, audit in
                    let allergy = Allergy()
                    allergy.$patient.id = patientID
                    allergy.substance = "Penicillin"
                    allergy.severity = "severe"
                    try await allergy.create(on: db)
                    try await audit("allergy.create", patientID: patientID, resourceType: "AllergyIntolerance", resourceID: allergy.id?.uuidString)
                    return try allergy.requireID()
                }
                // check
                #expect(failedAllergies == 0 && failedRecords == 0)
                let events = try await AuditEvent.query(on: app.db).filter(\.$action == "allergy.create").all()
                #expect(events.count == 1 && events.first?.resourceID == id.uuidString && events.first?.patientID == patientID)
            }
        }
    }
}
