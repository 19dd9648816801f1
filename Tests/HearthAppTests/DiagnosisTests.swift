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
                try await browser.get(SiteURL.patient(patientID).path)
                // A description typed by an older form or a client is not kept: the official one is recorded.
                let first = try await browser.post(SiteURL.patient(patientID, .diagnoses).path, form: ["code": "i509", "title": "CHF", "rank": "primary", "onset": "2026-10-01"])
                #expect(first.status == .seeOther)
                let chart = try await browser.get(SiteURL.patient(patientID).path)
                #expect(chart.body.string.contains("I50.9 Heart failure, unspecified")) // title from ICD-10-CM
                // A new primary demotes the old one.
                try await browser.post(SiteURL.patient(patientID, .diagnoses).path, form: ["code": "J44.9", "rank": "primary", "onset": ""])
                let ranks = try await Diagnosis.query(on: app.db).filter(\.$patient.$id == patientID).sort(\.$code).all().map { "\($0.code) \($0.rank)" }
                #expect(ranks == ["I50.9 secondary", "J44.9 primary"])
                #expect(try await auditTrail(app).filter { $0.action == "diagnosis.create" }.count == 2)
            }
        }

        /// Only billable ICD-10-CM codes (ICD-10-CM Official Guidelines for Coding and Reporting FY2026, Section I.B.2):
        /// a made-up code or a category is refused beside the field, keeping what was typed (issue 17).
        @Test func madeUpOrIncompleteCodesAreExplainedBesideTheField() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                try await browser.get(SiteURL.patient(patientID).path)
                let malformed = try await browser.post(SiteURL.patient(patientID, .diagnoses).path, form: ["code": "150.9", "rank": "primary"])
                #expect(malformed.status == .unprocessableEntity)
                #expect(malformed.body.string.contains(#"id="diagnosis-code-error""#))
                #expect(malformed.body.string.contains(#"value="150.9""#))
                let madeUp = try await browser.post(SiteURL.patient(patientID, .diagnoses).path, form: ["code": "Z99.99", "rank": "primary", "title": "Something"])
                #expect(madeUp.status == .unprocessableEntity)
                #expect(madeUp.body.string.contains("Z99.99 is not an ICD-10-CM code") && madeUp.body.string.contains(#"value="Z99.99""#))
                let category = try await browser.post(SiteURL.patient(patientID, .diagnoses).path, form: ["code": "e11.6", "rank": "secondary"])
                #expect(category.body.string.contains("E11.6 is a category") && category.body.string.contains("e.g. E11.621 (Type 2 diabetes mellitus with foot ulcer)"))
                #expect(category.body.string.contains(#"value="e11.6""#))
                let noEncounter = try await browser.post(SiteURL.patient(patientID, .diagnoses).path, form: ["code": "S72001", "rank": "secondary"])
                #expect(noEncounter.body.string.contains("S72.001 needs its 7th character"))
                let future = try await browser.post(SiteURL.patient(patientID, .diagnoses).path, form: ["code": "I10", "rank": "secondary", "onset": "2999-01-01"])
                #expect(future.body.string.contains("cannot be in the future"))
                #expect(try await Diagnosis.query(on: app.db).count() == 0)
                // Any billable code is accepted, quick pick or not, with its official description.
                let offList = try await browser.post(SiteURL.patient(patientID, .diagnoses).path, form: ["code": "s72.002d", "rank": "secondary"])
                #expect(offList.status == .seeOther)
                let saved = try #require(try await Diagnosis.query(on: app.db).first())
                #expect(saved.code == "S72.002D")
                #expect(saved.title == "Fracture of unspecified part of neck of left femur, subsequent encounter for closed fracture with routine healing")
            }
        }

        @Test func registrationRefusesAMadeUpPrimaryDiagnosis() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let intake = Browser(app)
                try await intake.login("intake")
                try await intake.get(SiteURL.newPatient.path)
                var form = ["givenName": "Walter", "familyName": "Okafor", "birthDate": "1940-02-11", "sex": "male", "diagnosisCode": "Z99.99"]
                let refused = try await intake.post(SiteURL.patients.path, form: form)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains(#"id="diagnosisCode-error""#) && refused.body.string.contains("Z99.99 is not an ICD-10-CM code"))
                #expect(refused.body.string.contains(#"value="Z99.99""#))
                form["diagnosisCode"] = "E11A" // new for FY2026
                #expect(try await intake.post(SiteURL.patients.path, form: form).status == .seeOther)
                let diagnosis = try #require(try await Diagnosis.query(on: app.db).first())
                #expect(diagnosis.code == "E11.A" && diagnosis.title == "Type 2 diabetes mellitus without complications in remission")
            }
        }

        @Test func demoDiagnosesAreBillableWithTheirOfficialDescriptions() async throws {
            try await withHearth { app in
                for (code, title) in DemoNames.primaryDiagnoses + DemoNames.secondaryDiagnoses {
                    let entry = ICD10Code(code).flatMap { app.icd10CodeSet[$0] }
                    #expect(entry?.isBillable == true && entry?.title == title, "\(code)")
                }
            }
        }

        @Test func physiciansCannotCodeAndTheLookupFindsCodes() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let physician = Browser(app)
                try await physician.login("physician")
                try await physician.get(SiteURL.patient(cast.ownPatient.requireID()).path)
                let refused = try await physician.post(SiteURL.patient(cast.ownPatient.requireID(), .diagnoses).path, form: ["code": "I10", "rank": "primary"])
                #expect(refused.status == .forbidden)
                let lookup = try await physician.get("/api/icd10?q=heart%20failure", headers: ["Accept": "application/json"])
                #expect(lookup.status == .ok)
                #expect(lookup.body.string.contains(#""code":"I50.22""#))
                // A code prefix also finds billable codes beyond the quick picks.
                let byCode = try await physician.get("/api/icd10?q=S72.00", headers: ["Accept": "application/json"])
                #expect(byCode.body.string.contains(#""code":"S72.001A""#) && byCode.body.string.contains(#""code":"S72.002A""#))
            }
        }
    }
}
