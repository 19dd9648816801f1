import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct CaseloadTests {
        @Test func supervisorReassignsAndTheChartKeepsHistory() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                let patientID = try cast.ownPatient.requireID()
                let chart = try await supervisor.get(Paths.patient(patientID))
                #expect(chart.body.string.contains(#"id="reassign-case-manager""#))
                let moved = try await supervisor.post(Paths.patientCaseManager(patientID), form: ["caseManagerID": try cast.otherCaseManager.requireID().uuidString])
                #expect(moved.status == .seeOther)
                let patient = try #require(try await Patient.find(patientID, on: app.db))
                #expect(patient.$caseManager.id == cast.otherCaseManager.id)
                let after = try await supervisor.get(Paths.patient(patientID))
                #expect(after.body.string.contains("Case manager: Casemanager → Othercm"))
                #expect(try await auditTrail(app).contains { $0.action == "patient.reassign" && $0.patientID == patientID })
                // The old case manager no longer sees the patient; the new one does.
                let old = Browser(app)
                try await old.login("casemanager")
                #expect(try await old.get(Paths.patient(patientID)).status == .notFound)
                let new = Browser(app)
                try await new.login("othercm")
                #expect(try await new.get(Paths.patient(patientID)).status == .ok)
            }
        }

        @Test func caseManagersCannotReassignAndOnlyCaseManagersCanReceive() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let caseManager = Browser(app)
                try await caseManager.login("casemanager")
                let chart = try await caseManager.get(Paths.patient(patientID))
                #expect(!chart.body.string.contains(#"id="reassign-case-manager""#))
                let refused = try await caseManager.post(Paths.patientCaseManager(patientID), form: ["caseManagerID": try cast.otherCaseManager.requireID().uuidString])
                #expect(refused.status == .forbidden)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                try await supervisor.get(Paths.patient(patientID))
                let toAide = try await supervisor.post(Paths.patientCaseManager(patientID), form: ["caseManagerID": try cast.user(.aide).requireID().uuidString])
                #expect(toAide.status == .unprocessableEntity)
                #expect(toAide.body.string.contains(#"id="caseManagerID-error""#))
                #expect(try await Patient.find(patientID, on: app.db)?.$caseManager.id == cast.user(.caseManager).id)
            }
        }
    }
}
