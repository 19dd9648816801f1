import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct CommunicationTests {
        @Test func aCallWithThePhysicianIsLoggedAndItsFollowUpLandsOnTheOwnersWorklist() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                let path = SiteURL.patient(patientID, .communications).path
                try await browser.get(path)
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                let future = try await browser.post(path, form: ["kind": "call", "direction": "outgoing", "party": "physician", "partyName": "Dr. Patel",
                                                                 "subject": "Weight up 3 lb", "summary": "Agreed to increase furosemide",
                                                                 "date": today.adding(days: 1).description, "time": "10:00"])
                #expect(future.status == .unprocessableEntity && future.body.string.contains("later than now"))
                let pastDue = try await browser.post(path, form: ["kind": "call", "direction": "outgoing", "party": "physician", "partyName": "Dr. Patel",
                                                                  "subject": "Weight up 3 lb", "summary": "Agreed to increase furosemide",
                                                                  "date": today.description, "time": "00:00", "followUpTitle": "Fax the new order",
                                                                  "followUpOwner": try cast.user(.caseManager).requireID().uuidString,
                                                                  "followUpDue": today.adding(days: -1).description])
                #expect(pastDue.status == .unprocessableEntity)
                #expect(try await CommunicationRecord.query(on: app.db).count() == 0)
                let logged = try await browser.post(path, form: ["kind": "call", "direction": "outgoing", "party": "physician", "partyName": "Dr. Patel",
                                                                 "subject": "Weight up 3 lb", "summary": "Agreed to increase furosemide",
                                                                 "date": today.description, "time": "00:00", "followUpTitle": "Fax the new order",
                                                                 "followUpOwner": try cast.user(.caseManager).requireID().uuidString,
                                                                 "followUpDue": today.adding(days: 1).description, "followUpPriority": "high"])
                #expect(logged.status == .seeOther)
                let task = try #require(try await CareTask.query(on: app.db).filter(\.$source == WorklistSource.communicationFollowUp.rawValue).first())
                #expect(task.title == "Fax the new order" && task.$assignedTo.id == cast.user(.caseManager).id)
                #expect(try await browser.get(SiteURL.home.path).body.string.contains("Fax the new order"))
                #expect(try await browser.get(path).body.string.contains("Weight up 3 lb"))
                let stranger = Browser(app)
                try await stranger.login("othercm")
                #expect(try await stranger.get(path).status == .notFound)
            }
        }
    }
}
