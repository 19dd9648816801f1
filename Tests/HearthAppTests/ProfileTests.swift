import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct ProfileTests {
        /// Every field of the details form, as the case manager would post it for Dorothy.
        static func details(_ changes: [String: String] = [:]) -> [String: String] {
            var form = ["givenName": "Dorothy", "familyName": "Abernathy", "birthDate": "1941-03-09", "sex": "female",
                        "preferredName": "Dot", "language": "Spanish", "interpreterNeeded": "yes", "state": "OH", "postalCode": "43215",
                        "timeZone": "America/New_York", "codeStatus": "dnr", "emergencyPriority": "1", "equipment": "Oxygen concentrator"]
            form.merge(changes) { _, new in new }
            return form
        }

        @Test func correctingDetailsShowsInTheHeaderAndKeepsHistory() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                let before = try await browser.get(SiteURL.patient(patientID, .profile).path)
                #expect(before.status == .ok)
                // act
                let saved = try await browser.post(SiteURL.patient(patientID, .profile).path, form: Self.details())
                // check
                #expect(saved.status == .seeOther)
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("Dorothy (Dot) Abernathy"))
                #expect(chart.contains(#"<dd id="code-status" class="alert">DNR (do not resuscitate)</dd>"#))
                #expect(chart.contains("Spanish · interpreter needed"))
                #expect(chart.contains("1 — life-sustaining care"))
                #expect(chart.contains("Code status: DNR (do not resuscitate)"))
                #expect(chart.contains("Language: Spanish"))
                let update = try #require(try await auditTrail(app).first { $0.action == "patient.update" })
                #expect(update.patientID == patientID)
                #expect(update.detail?.contains("Code status") == true)
                #expect(update.detail?.contains("Spanish") == false) // field names, never the values
            }
        }

        @Test func badDetailsAreRefusedByTheFieldAndNothingChanges() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                try await browser.get(SiteURL.patient(patientID, .profile).path)
                let refused = try await browser.post(SiteURL.patient(patientID, .profile).path, form: Self.details([
                    "state": "ZZ", "timeZone": "Mars/Olympus", "birthDate": "2999-01-01", "codeStatus": "maybe", "alternatePhone": "12",
                ]))
                #expect(refused.status == .unprocessableEntity)
                let page = refused.body.string
                for field in ["state", "timeZone", "birthDate", "codeStatus", "alternatePhone"] {
                    #expect(page.contains(#"id="\#(field)-error""#), "no message by \(field)")
                }
                #expect(page.contains(#"value="ZZ""#)) // what was typed comes back
                let stored = try #require(try await Patient.find(patientID, on: app.db))
                #expect(stored.state == nil && stored.codeStatus == nil && stored.preferredName == nil)
                #expect(try await RecordChange.query(on: app.db).count() == 0)
            }
        }

        @Test func contactsAndDirectivesAreAddedAndRemovedWithHistory() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("clinician")
                try await browser.get(SiteURL.patient(patientID, .profile).path)
                let added = try await browser.post(SiteURL.patient(patientID, .contacts).path, form: [
                    "name": "Ruth Abernathy", "relationship": "daughter", "phone": "614-555-0133", "isCaregiver": "yes", "isDecisionMaker": "yes",
                ])
                #expect(added.status == .seeOther)
                let missing = try await browser.post(SiteURL.patient(patientID, .directives).path, form: ["kind": "polst", "location": ""])
                #expect(missing.status == .unprocessableEntity)
                #expect(missing.body.string.contains(#"id="directive-location-error""#))
                try await browser.post(SiteURL.patient(patientID, .directives).path, form: ["kind": "polst", "onFile": "yes", "location": "On the refrigerator"])
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("Ruth Abernathy"))
                #expect(chart.contains("daughter · caregiver · decision maker"))
                #expect(chart.contains("POLST / MOLST"))
                let contact = try #require(try await PatientContact.query(on: app.db).first())
                let removed = try await browser.post(SiteURL.patient(patientID, .contacts).path + "/\(try contact.requireID())/remove", form: [:])
                #expect(removed.status == .seeOther)
                #expect(try await PatientContact.query(on: app.db).count() == 0)
                let history = try await RecordChange.query(on: app.db).all().map(\.field)
                #expect(history.filter { $0 == "Contact" }.count == 2) // added, then removed
                let actions = try await auditTrail(app).map(\.action)
                #expect(actions.contains("patient.contact.create") && actions.contains("patient.contact.delete") && actions.contains("patient.directive.create"))
            }
        }

        @Test func aRecordOfAnotherPatientCannotBeRemovedThroughThisChart() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let other = PatientContact()
                other.$patient.id = try cast.otherPatient.requireID()
                (other.name, other.relationship, other.phone, other.livesWith, other.isCaregiver, other.isDecisionMaker) = ("Walt Baptiste", "son", "6145550100", false, false, false)
                try await other.create(on: app.db)
                let browser = Browser(app)
                try await browser.login("casemanager")
                try await browser.get(SiteURL.patient(cast.ownPatient.requireID(), .profile).path)
                let response = try await browser.post(SiteURL.patient(cast.ownPatient.requireID(), .contacts).path + "/\(try other.requireID())/remove", form: [:])
                #expect(response.status == .notFound)
                #expect(try await PatientContact.query(on: app.db).count() == 1)
            }
        }

        @Test func aidesReadTheProfileButDoNotChangeIt() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let aide = Browser(app)
                try await aide.login("aide")
                let page = try await aide.get(SiteURL.patient(patientID, .profile).path)
                #expect(page.status == .ok)
                #expect(!page.body.string.contains(#"id="save-details""#))
                let refused = try await aide.post(SiteURL.patient(patientID, .profile).path, form: Self.details())
                #expect(refused.status == .forbidden)
                let allergy = try await aide.post(SiteURL.patient(patientID, .allergies).path, form: ["substance": "Latex", "severity": "mild"])
                #expect(allergy.status == .forbidden)
                #expect(try await auditTrail(app).filter { $0.action == "patient.write" && $0.outcome == "denied" }.count == 2)
            }
        }

        @Test func outsideContactsJoinTheCareTeamOnlyByItsCoordinator() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let nurse = Browser(app)
                try await nurse.login("clinician")
                try await nurse.get(SiteURL.patient(patientID, .profile).path)
                let byNurse = try await nurse.post(SiteURL.patient(patientID, .outsideContacts).path, form: ["role": "Pharmacy", "organization": "Main St Pharmacy"])
                #expect(byNurse.status == .forbidden)
                let owner = Browser(app)
                try await owner.login("casemanager")
                try await owner.get(SiteURL.patient(patientID, .profile).path)
                let bad = try await owner.post(SiteURL.patient(patientID, .outsideContacts).path, form: ["role": "", "fax": "555"])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains(#"id="external-role-error""#) && bad.body.string.contains(#"id="external-fax-error""#))
                let added = try await owner.post(SiteURL.patient(patientID, .outsideContacts).path, form: [
                    "role": "Cardiologist", "name": "Dr. Helen Marsh", "organization": "Capital Heart", "phone": "614-555-0180", "fax": "614-555-0181",
                ])
                #expect(added.status == .seeOther)
                let chart = try await owner.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("Dr. Helen Marsh, Capital Heart"))
                #expect(chart.contains("Cardiologist · fax 614-555-0181"))
            }
        }
    }
}
