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
                let before = try await browser.get(SiteURL.patient(patientID).path)
                #expect(before.body.string.contains("none recorded"))
                let added = try await browser.post(SiteURL.patient(patientID, .allergies).path, form: ["substance": "Penicillin", "reaction": "Hives", "severity": "severe"])
                #expect(added.status == .seeOther)
                let after = try await browser.get(SiteURL.patient(patientID).path)
                #expect(after.body.string.contains("Penicillin (severe)"))
                #expect(try await auditTrail(app).contains { $0.action == "allergy.create" && $0.patientID == patientID })
            }
        }

        /// Issue 17 (minor): "two simultaneous posts of one form create two entries". The form's one-time token makes the
        /// second post — at the same moment or later — change nothing and return to the page; a refused post frees it.
        @Test func oneFormPostedTwiceAddsOneAllergy() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                let once = try #require(chart.firstMatch(of: /name="_once" value="([^"]+)"/)).1
                let form = ["substance": "Latex", "reaction": "Hives", "severity": "Moderate", "_once": String(once)]
                async let first = browser.post(SiteURL.patient(patientID, .allergies).path, form: form)
                async let second = browser.post(SiteURL.patient(patientID, .allergies).path, form: form)
                let statuses = try await [first.status, second.status]
                #expect(statuses == [.seeOther, .seeOther])
                #expect(try await browser.post(SiteURL.patient(patientID, .allergies).path, form: form).status == .seeOther) // after Back
                #expect(try await Allergy.query(on: app.db).count() == 1)
                // A refused post gives its token back: the corrected form goes through.
                let blank = ["substance": " ", "reaction": "", "severity": "Mild", "_once": "refused-form-token-0001"]
                #expect(try await browser.post(SiteURL.patient(patientID, .allergies).path, form: blank).status == .unprocessableEntity)
                let fixed = ["substance": "Penicillin", "reaction": "Rash", "severity": "Mild", "_once": "refused-form-token-0001"]
                #expect(try await browser.post(SiteURL.patient(patientID, .allergies).path, form: fixed).status == .seeOther)
                #expect(try await Allergy.query(on: app.db).count() == 2)
            }
        }

        @Test func missingSubstanceOrSeverityIsExplained() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                try await browser.get(SiteURL.patient(patientID).path)
                let refused = try await browser.post(SiteURL.patient(patientID, .allergies).path, form: ["substance": " ", "reaction": "Rash", "severity": "deadly"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains(#"id="allergy-substance-error""#))
                #expect(refused.body.string.contains(#"id="allergy-severity-error""#))
                #expect(refused.body.string.contains(#"value="Rash""#))
                #expect(try await Allergy.query(on: app.db).count() == 0)
            }
        }
    }
}

extension AllTests {
    @Suite struct CoverageTests {
        @Test func payersAreRecordedInBillingOrder() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("intake")
                try await browser.get(SiteURL.patient(patientID).path)
                let secondary = try await browser.post(SiteURL.patient(patientID, .coverages).path, form: ["payer": "Ohio Medicaid", "memberID": "100000007", "order": "2"])
                #expect(secondary.status == .forbidden) // intake reads its referrals but does not change the record (yet)
                let owner = Browser(app)
                try await owner.login("casemanager")
                try await owner.get(SiteURL.patient(patientID).path)
                let primary = try await owner.post(SiteURL.patient(patientID, .coverages).path, form: ["payer": "Medicare", "program": "medicare", "plan": "Part A", "memberID": "1eg4-te5-mk73", "order": "1", "start": "2026-01-01"])
                #expect(primary.status == .seeOther)
                let chart = try await owner.get(SiteURL.patient(patientID).path)
                #expect(chart.body.string.contains("1EG4-TE5-MK73"))
                #expect(try await auditTrail(app).contains { $0.action == "coverage.create" })
            }
        }

        @Test func badCoverageIsExplainedBesideTheField() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                try await browser.get(SiteURL.patient(patientID).path)
                let refused = try await browser.post(SiteURL.patient(patientID, .coverages).path, form: ["payer": "Medicare", "memberID": "12 34!", "order": "1", "start": "2026-05-01", "end": "2026-04-01"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains(#"id="coverage-member-error""#))
                #expect(refused.body.string.contains("cannot end before it starts"))
                #expect(refused.body.string.contains(#"id="coverage-program-error""#)) // the kind of payer was not chosen
                #expect(try await Coverage.query(on: app.db).count() == 0)
            }
        }
    }
}
