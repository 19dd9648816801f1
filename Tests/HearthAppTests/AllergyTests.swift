import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct AllergyTests {
        @Test func allergiesShowInTheChartHeader() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("clinician")
                let before = try await browser.get(Paths.patient(patientID))
                #expect(before.body.string.contains("none recorded"))
                let added = try await browser.post(Paths.patientAllergies(patientID), form: ["substance": "Penicillin", "reaction": "Hives", "severity": "severe"])
                #expect(added.status == .seeOther)
                let after = try await browser.get(Paths.patient(patientID))
                #expect(after.body.string.contains("Penicillin (severe)"))
                #expect(try await auditTrail(app).contains { $0.action == "allergy.create" && $0.patientID == patientID })
            }
        }

        @Test func missingSubstanceOrSeverityIsExplained() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                try await browser.get(Paths.patient(patientID))
                let refused = try await browser.post(Paths.patientAllergies(patientID), form: ["substance": " ", "reaction": "Rash", "severity": "deadly"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains(#"id="allergy-substance-error""#))
                #expect(refused.body.string.contains(#"id="allergy-severity-error""#))
                #expect(refused.body.string.contains(#"value="Rash""#))
                #expect(try await Allergy.query(on: app.db).count() == 0)
            }
        }
    }
}
