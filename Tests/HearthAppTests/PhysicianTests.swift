import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

/// Issue 17, blocker 2: a new patient can get an attending physician — chosen at intake or on the chart, from the
/// agency's physicians or as an outside physician with NPI, phone and fax — and every change is kept in the history.
extension AllTests {
    @Suite struct PhysicianTests {
        static func patientWithoutPhysician(_ app: Application, _ cast: Cast) async throws -> UUID {
            let patient = Patient(mrn: MedicalRecordNumber.make(7), givenName: "Edna", familyName: "Kowalski", birthDate: "1944-05-02", sex: "female")
            patient.$caseManager.id = cast.user(.caseManager).id
            try await patient.create(on: app.db)
            return try patient.requireID()
        }

        @Test func theCaseManagerChoosesTheAttendingPhysicianOnTheChart() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try await Self.patientWithoutPhysician(app, cast)
                let caseManager = Browser(app)
                try await caseManager.login("casemanager")
                let chart = try await caseManager.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains(#"id="physician-link""#) && chart.contains("Choose physician"))
                let physician = Browser(app)
                try await physician.login("physician")
                #expect(try await physician.get(SiteURL.patient(patientID).path).status == .notFound)

                let form = try await caseManager.get(SiteURL.patient(patientID, .physician).path)
                #expect(form.status == .ok && form.body.string.contains("Physician"))
                let bad = try await caseManager.post(SiteURL.patient(patientID, .physician).path, form: ["physicianID": try cast.user(.aide).requireID().uuidString])
                #expect(bad.status == .unprocessableEntity && bad.body.string.contains(#"id="physicianID-error""#))
                let chosen = try await caseManager.post(SiteURL.patient(patientID, .physician).path, form: ["physicianID": try cast.user(.physician).requireID().uuidString])
                #expect(chosen.status == .seeOther)
                #expect(try await Patient.find(patientID, on: app.db)?.$physician.id == cast.user(.physician).id)
                let after = try await caseManager.get(SiteURL.patient(patientID).path).body.string
                #expect(after.contains("Attending physician: Physician"))
                #expect(try await auditTrail(app).contains { $0.action == "patient.physician" && $0.patientID == patientID })
                // Access follows: the physician can now open the chart to sign.
                #expect(try await physician.get(SiteURL.patient(patientID).path).status == .ok)
                // A nurse on no relationship cannot choose; an aide on the team cannot either.
                let aide = Browser(app)
                try await aide.login("aide")
                #expect(try await aide.get(SiteURL.patient(try cast.ownPatient.requireID(), .physician).path).status == .forbidden)
            }
        }

        @Test func anOutsidePhysicianIsAddedOnceByNPIWithPhoneAndFax() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try await Self.patientWithoutPhysician(app, cast)
                let caseManager = Browser(app)
                try await caseManager.login("casemanager")
                try await caseManager.get(SiteURL.patient(patientID, .physician).path)
                let outside = SiteURL.patient(patientID, .physician).path + "/outside"
                let typed = ["physicianName": "Dr. Ana Ruiz", "physicianNPI": "1234567890", "physicianPhone": "614-555-0100", "physicianFax": ""]
                let refused = try await caseManager.post(outside, form: typed)
                #expect(refused.status == .unprocessableEntity)
                let page = refused.body.string
                #expect(page.contains(#"id="outside-physicianNPI-error""#) && page.contains("check digit"))
                #expect(page.contains(#"id="outside-physicianFax-error""#))
                #expect(page.contains(#"value="Dr. Ana Ruiz""#)) // the typing is kept
                var good = typed
                good["physicianNPI"] = "1234567893"
                good["physicianFax"] = "614-555-0101"
                #expect(try await caseManager.post(outside, form: good).status == .seeOther)
                let chart = try await caseManager.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("Dr. Ana Ruiz") && chart.contains("NPI 1234567893") && chart.contains("fax 614-555-0101"))
                // The same NPI on another patient finds the same physician rather than a second record.
                let second = try await caseManager.post(SiteURL.patient(try cast.ownPatient.requireID(), .physician).path + "/outside", form: good)
                #expect(second.status == .seeOther)
                #expect(try await PhysicianDetails.query(on: app.db).count() == 1)
                let ruiz = try #require(try await PhysicianDetails.query(on: app.db).first())
                #expect(try await Patient.find(cast.ownPatient.id, on: app.db)?.$physician.id == ruiz.$user.id)
                // An outside physician cannot sign in: nobody knows the password.
                let login = try await Browser(app).login("npi-1234567893", password: "")
                #expect(login.status != .seeOther)
            }
        }

        @Test func intakeRegistersAReferralWithItsCaseManagerAndPhysician() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let intake = Browser(app)
                try await intake.login("intake")
                let form = try await intake.get(SiteURL.newPatient.path).body.string
                #expect(form.contains(#"name="caseManagerID""#) && form.contains(#"name="physicianID""#) && form.contains(#"name="physicianNPI""#))
                let details = ["givenName": "Walter", "familyName": "Okafor", "birthDate": "1940-02-11", "sex": "male"]
                var both = details
                both["physicianID"] = try cast.user(.physician).requireID().uuidString
                both["physicianName"] = "Dr. Someone Else"
                let refused = try await intake.post(SiteURL.patients.path, form: both)
                #expect(refused.status == .unprocessableEntity && refused.body.string.contains("not both"))
                #expect(refused.body.string.contains(#"value="Walter""#))
                var chosen = details
                chosen["caseManagerID"] = try cast.user(.caseManager).requireID().uuidString
                chosen["physicianID"] = try cast.user(.physician).requireID().uuidString
                // A referral needs the day it arrived; a source without one is refused by the date field.
                chosen["referralDate"] = ""
                chosen["referralSource"] = "Riverside Hospital, unit 4B"
                let noDate = try await intake.post(SiteURL.patients.path, form: chosen)
                #expect(noDate.status == .unprocessableEntity && noDate.body.string.contains(#"id="referralDate-error""#))
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                chosen["referralDate"] = today.description
                chosen["orderedStartOfCare"] = today.adding(days: 1).description
                // The referral's payer and diagnosis (issue 17 #12): checked like the chart's forms, kept when refused.
                chosen["diagnosisCode"] = "150.9"
                chosen["payerProgram"] = "medicare_advantage"
                let badCode = try await intake.post(SiteURL.patients.path, form: chosen).body.string
                #expect(badCode.contains(#"id="diagnosisCode-error""#) && badCode.contains(#"id="payerMemberID-error""#))
                #expect(badCode.contains(#"<option value="medicare_advantage" selected>"#))
                chosen["diagnosisCode"] = "i509"
                chosen["payerName"] = "Buckeye Senior Advantage"
                chosen["payerMemberID"] = "bsa-0001"
                #expect(try await intake.post(SiteURL.patients.path, form: chosen).status == .seeOther)
                let patient = try #require(try await Patient.query(on: app.db).filter(\.$familyName == "Okafor").first())
                #expect(patient.$caseManager.id == cast.user(.caseManager).id)
                #expect(patient.$physician.id == cast.user(.physician).id)
                #expect(patient.$referredBy.id == cast.user(.intake).id)
                let episode = try #require(try await EpisodeStore.latest(patientID: try patient.requireID(), on: app.db))
                #expect(episode.status == EpisodeStatus.referred.rawValue && episode.referralSource == "Riverside Hospital, unit 4B")
                #expect(episode.orderedStartOfCare == today.adding(days: 1).description)
                let coverage = try #require(try await Coverage.query(on: app.db).filter(\.$patient.$id == patient.requireID()).first())
                #expect(coverage.payer == "Buckeye Senior Advantage" && coverage.payerProgram == .medicareAdvantage && coverage.memberID == "BSA-0001")
                let diagnosis = try #require(try await Diagnosis.query(on: app.db).filter(\.$patient.$id == patient.requireID()).first())
                #expect(diagnosis.code == "I50.9" && diagnosis.title == "Heart failure, unspecified" && diagnosis.rank == "primary")
                // The referral stays on intake's own list, with where it stands.
                #expect(try await intake.get(SiteURL.patients.path).body.string.contains("Okafor"))
                let caseManager = Browser(app)
                try await caseManager.login("casemanager")
                let chart = try await caseManager.get(SiteURL.patient(try patient.requireID()).path).body.string
                #expect(chart.contains("Attending physician: Physician"))
            }
        }
    }
}
