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
                let chart = try await supervisor.get(SiteURL.patient(patientID).path)
                #expect(chart.body.string.contains(#"id="reassign-link""#))
                let form = try await supervisor.get(SiteURL.patient(patientID, .caseManager).path)
                #expect(form.body.string.contains(#"id="reassign-case-manager""#))
                #expect(form.body.string.contains("Othercm"))
                let moved = try await supervisor.post(SiteURL.patient(patientID, .caseManager).path, form: ["caseManagerID": try cast.otherCaseManager.requireID().uuidString])
                #expect(moved.status == .seeOther)
                let patient = try #require(try await Patient.find(patientID, on: app.db))
                #expect(patient.$caseManager.id == cast.otherCaseManager.id)
                let after = try await supervisor.get(SiteURL.patient(patientID).path)
                #expect(after.body.string.contains("Case manager: Casemanager → Othercm"))
                #expect(try await auditTrail(app).contains { $0.action == "patient.reassign" && $0.patientID == patientID })
                // The old case manager no longer sees the patient; the new one does.
                let old = Browser(app)
                try await old.login("casemanager")
                #expect(try await old.get(SiteURL.patient(patientID).path).status == .notFound)
                let new = Browser(app)
                try await new.login("othercm")
                #expect(try await new.get(SiteURL.patient(patientID).path).status == .ok)
            }
        }

        @Test func caseManagersCannotReassignAndOnlyCaseManagersCanReceive() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let caseManager = Browser(app)
                try await caseManager.login("casemanager")
                let chart = try await caseManager.get(SiteURL.patient(patientID).path)
                #expect(!chart.body.string.contains(#"id="reassign-link""#))
                #expect(try await caseManager.get(SiteURL.patient(patientID, .caseManager).path).status == .forbidden)
                let refused = try await caseManager.post(SiteURL.patient(patientID, .caseManager).path, form: ["caseManagerID": try cast.otherCaseManager.requireID().uuidString])
                #expect(refused.status == .forbidden)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                try await supervisor.get(SiteURL.patient(patientID, .caseManager).path)
                let toAide = try await supervisor.post(SiteURL.patient(patientID, .caseManager).path, form: ["caseManagerID": try cast.user(.aide).requireID().uuidString])
                #expect(toAide.status == .unprocessableEntity)
                #expect(toAide.body.string.contains(#"id="caseManagerID-error""#))
                #expect(try await Patient.find(patientID, on: app.db)?.$caseManager.id == cast.user(.caseManager).id)
            }
        }
    }
}

extension AllTests.CaseloadTests {
    @Test func caseManagerBuildsTheCareTeamAndAccessFollowsIt() async throws {
        try await withHearth { app in
            let cast = try await makeCast(app)
            let patientID = try cast.otherPatient.requireID() // othercm's patient; the cast clinician is not on it
            let nurse = Browser(app)
            try await nurse.login("clinician")
            #expect(try await nurse.get(SiteURL.patient(patientID).path).status == .notFound)
            let owner = Browser(app)
            try await owner.login("othercm")
            let form = try await owner.get(SiteURL.patient(patientID, .careTeam).path)
            #expect(form.body.string.contains("Clinician"))
            let added = try await owner.post(SiteURL.patient(patientID, .careTeam).path, form: ["userID": try cast.user(.clinician).requireID().uuidString, "teamRole": "Skilled nursing"])
            #expect(added.status == .seeOther)
            #expect(try await nurse.get(SiteURL.patient(patientID).path).status == .ok)
            let chart = try await owner.get(SiteURL.patient(patientID).path)
            #expect(chart.body.string.contains("Care team: added Clinician (Skilled nursing)"))
            // A clinician on the team cannot change it.
            let byNurse = try await nurse.post(SiteURL.patient(patientID, .careTeam).path, form: ["userID": try cast.user(.aide).requireID().uuidString, "teamRole": "Aide"])
            #expect(byNurse.status == .forbidden)
            // Removing her closes the chart to her again.
            let membership = try #require(try await CareTeamMember.query(on: app.db).filter(\.$patient.$id == patientID).first())
            try await owner.get(SiteURL.patient(patientID).path)
            let removed = try await owner.post(SiteURL.patient(patientID, .removeCareTeamMember(try membership.requireID())).path, form: [:])
            #expect(removed.status == .seeOther)
            #expect(try await nurse.get(SiteURL.patient(patientID).path).status == .notFound)
            let actions = try await auditTrail(app).map(\.action)
            #expect(actions.contains("careteam.add") && actions.contains("careteam.remove"))
        }
    }

    @Test func addingTheSameMemberTwiceOrWithoutARoleIsRefused() async throws {
        try await withHearth { app in
            let cast = try await makeCast(app)
            let patientID = try cast.ownPatient.requireID()
            let owner = Browser(app)
            try await owner.login("casemanager")
            try await owner.get(SiteURL.patient(patientID, .careTeam).path)
            let twice = try await owner.post(SiteURL.patient(patientID, .careTeam).path, form: ["userID": try cast.user(.clinician).requireID().uuidString, "teamRole": "Skilled nursing"])
            #expect(twice.status == .unprocessableEntity)
            #expect(twice.body.string.contains("already on the care team"))
            let noRole = try await owner.post(SiteURL.patient(patientID, .careTeam).path, form: ["userID": try cast.user(.physician).requireID().uuidString, "teamRole": " "])
            #expect(noRole.status == .unprocessableEntity)
            let payer = try await owner.post(SiteURL.patient(patientID, .careTeam).path, form: ["userID": try cast.user(.payer).requireID().uuidString, "teamRole": "Payer"])
            #expect(payer.status == .unprocessableEntity)
            #expect(try await CareTeamMember.query(on: app.db).filter(\.$patient.$id == patientID).count() == 2)
        }
    }
}
