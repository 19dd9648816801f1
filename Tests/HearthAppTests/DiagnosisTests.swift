import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct DiagnosisTests {
        @Test func codedDiagnosesShowOnTheChartWithOnePrimary() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                try await browser.get(Paths.patient(patientID))
                let first = try await browser.post(Paths.patientDiagnoses(patientID), form: ["code": "i509", "title": "", "rank": "primary", "onset": "2026-10-01"])
                #expect(first.status == .seeOther)
                let chart = try await browser.get(Paths.patient(patientID))
                #expect(chart.body.string.contains("I50.9 Heart failure, unspecified")) // title from the code list
                // A new primary demotes the old one.
                try await browser.post(Paths.patientDiagnoses(patientID), form: ["code": "J44.9", "title": "", "rank": "primary", "onset": ""])
                let ranks = try await Diagnosis.query(on: app.db).filter(\.$patient.$id == patientID).sort(\.$code).all().map { "\($0.code) \($0.rank)" }
                #expect(ranks == ["I50.9 secondary", "J44.9 primary"])
                #expect(try await auditTrail(app).filter { $0.action == "diagnosis.create" }.count == 2)
            }
        }

        @Test func malformedOrUnknownCodesAreExplainedBesideTheField() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                try await browser.get(Paths.patient(patientID))
                let malformed = try await browser.post(Paths.patientDiagnoses(patientID), form: ["code": "150.9", "rank": "primary", "title": ""])
                #expect(malformed.status == .unprocessableEntity)
                #expect(malformed.body.string.contains(#"id="diagnosis-code-error""#))
                #expect(malformed.body.string.contains(#"value="150.9""#))
                let unknown = try await browser.post(Paths.patientDiagnoses(patientID), form: ["code": "Q99.8", "rank": "secondary", "title": ""])
                #expect(unknown.body.string.contains(#"id="diagnosis-title-error""#))
                let future = try await browser.post(Paths.patientDiagnoses(patientID), form: ["code": "I10", "rank": "secondary", "title": "", "onset": "2999-01-01"])
                #expect(future.body.string.contains("cannot be in the future"))
                // Any well-formed code is accepted with a description.
                let described = try await browser.post(Paths.patientDiagnoses(patientID), form: ["code": "Q99.8", "rank": "secondary", "title": "Other specified chromosome abnormalities"])
                #expect(described.status == .seeOther)
                #expect(try await Diagnosis.query(on: app.db).count() == 1)
            }
        }

        @Test func physiciansCannotCodeAndTheLookupFindsCodes() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let physician = Browser(app)
                try await physician.login("physician")
                try await physician.get(Paths.patient(cast.ownPatient.requireID()))
                let refused = try await physician.post(Paths.patientDiagnoses(cast.ownPatient.requireID()), form: ["code": "I10", "rank": "primary"])
                #expect(refused.status == .forbidden)
                let lookup = try await physician.get("/api/icd10?q=heart%20failure", headers: ["Accept": "application/json"])
                #expect(lookup.status == .ok)
                #expect(lookup.body.string.contains(#""code":"I50.22""#))
            }
        }
    }
}
