import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct PatientSearchTests {
        @Test(arguments: ["abern", "ABERNATHY", "dorothy a", "Abernathy, Dorothy", "1941-03-09"])
        func findsByNameInAnyCaseOrByBirthDate(search: String) async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("supervisor")
                let page = try await browser.get("/patients?q=" + Browser.encode(search))
                #expect(page.body.string.contains("Abernathy, Dorothy"))
                #expect(!page.body.string.contains("Baptiste"))
                _ = cast
            }
        }

        @Test func findsByMRNAndShowsAClearEmptyResult() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("supervisor")
                let byMRN = try await browser.get("/patients?q=" + cast.otherPatient.mrn.lowercased())
                #expect(byMRN.body.string.contains("Baptiste, Harold"))
                let none = try await browser.get("/patients?q=zzz")
                #expect(none.body.string.contains("No patient you can see matches"))
            }
        }

        @Test func searchNeverReachesBeyondTheCaseload() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                let page = try await browser.get("/patients?q=baptiste")
                #expect(!page.body.string.contains("Baptiste"))
            }
        }

        @Test func listsArePagedFiftyAtATime() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                try await app.db.transaction { db in
                    for index in 0..<55 {
                        let patient = Patient(mrn: MedicalRecordNumber.make(500 + index), givenName: "Test", familyName: String(format: "Zed%02d", index), birthDate: "1950-01-01", sex: "unknown")
                        patient.$caseManager.id = cast.user(.caseManager).id
                        try await patient.create(on: db)
                    }
                }
                let browser = Browser(app)
                try await browser.login("casemanager")
                let first = try await browser.get("/patients")
                #expect(first.body.string.contains(#"rel="next""#))
                #expect(first.body.string.components(separatedBy: #"<td data-label="Patient"><a href="#).count - 1 == 50)
                let second = try await browser.get("/patients?page=2")
                #expect(second.body.string.contains("Zed54"))
                #expect(!second.body.string.contains(#"rel="next""#))
            }
        }
    }
}

extension AllTests {
    @Suite struct PatientRegistrationTests {
        static let dorothy = ["givenName": "dorothy", "familyName": "ABERNATHY", "birthDate": "1941-03-09", "sex": "female"]

        @Test func sameNameAndBirthDateAsksBeforeRegisteringADuplicate() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("intake")
                try await browser.get("/patients/new")
                let warned = try await browser.post("/patients", form: Self.dorothy)
                #expect(warned.status == .unprocessableEntity)
                #expect(warned.body.string.contains("already registered"))
                #expect(warned.body.string.contains(#"id="confirmDuplicate""#))
                #expect(!warned.body.string.contains("H000001")) // the other patient's MRN stays private
                #expect(try await Patient.query(on: app.db).filter(\.$familyKey == "abernathy").count() == 1)
                var confirmed = Self.dorothy
                confirmed["confirmDuplicate"] = "yes"
                let created = try await browser.post("/patients", form: confirmed)
                #expect(created.status == .seeOther)
                #expect(try await Patient.query(on: app.db).filter(\.$familyKey == "abernathy").count() == 2)
                #expect(try await auditTrail(app).contains { $0.action == "patient.create" && $0.detail == "registered despite a possible duplicate" })
            }
        }
    }
}

extension AllTests.PatientSearchTests {
    @Test func listsSortOnlyByAllowedKeys() async throws {
        try await withHearth { app in
            _ = try await makeCast(app)
            let browser = Browser(app)
            try await browser.login("supervisor")
            let oldest = try await browser.get("/patients?sort=birthdate").body.string
            #expect(oldest.range(of: "Baptiste")!.lowerBound < oldest.range(of: "Abernathy, Dorothy")!.lowerBound) // 1938 before 1941
            let youngest = try await browser.get("/patients?sort=-birthdate").body.string
            #expect(youngest.range(of: "Abernathy, Dorothy")!.lowerBound < youngest.range(of: "Baptiste")!.lowerBound)
            // Anything else falls back to name order; nothing of it reaches SQL.
            let injected = try await browser.get("/patients?sort=" + Browser.encode("birth_date; DROP TABLE patients"))
            #expect(injected.status == .ok)
            #expect(try await Patient.query(on: app.db).count() == 2)
        }
    }

    @Test func supervisorSeesCaseloadCounts() async throws {
        try await withHearth { app in
            _ = try await makeCast(app)
            let browser = Browser(app)
            try await browser.login("supervisor")
            let home = try await browser.get("/").body.string
            #expect(home.contains(#"<td>Casemanager</td><td class="num">1</td>"#))
            #expect(home.contains(#"<td>Othercm</td><td class="num">1</td>"#))
        }
    }
}
