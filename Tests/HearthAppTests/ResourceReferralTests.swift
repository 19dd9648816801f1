import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct ResourceReferralTests {
        /// The demo directory shipped in Resources/Community, imported as an agency would.
        func importDirectory(_ app: Application) async throws -> ResourceDirectory {
            let result = try DirectoryStore.read(app.directory.resourcesDirectory + "Community/demo-directory", skipBad: false)
            let directory = try #require(result.importable)
            try await DirectoryStore.save(directory, summary: result.summary, by: nil, on: app.db)
            return directory
        }

        /// Issue 17 (minor): "Any need" with no ZIP found nothing; a submitted search lists the whole directory.
        @Test func aSearchForAnyNeedListsEveryActiveService() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let directory = try await importDirectory(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                #expect(!(try await browser.get(SiteURL.resources.path).body.string.contains(directory.services.first { $0.isActive }!.name)))
                let page = try await browser.get(SiteURL.resources.path + "?need=&zip=&language=&eligibility=").body.string
                for service in directory.services.filter(\.isActive).prefix(50) { #expect(page.contains(HTML.text(service.name).string)) }
            }
        }

        @Test func aCaseManagerFindsAMealsServiceRefersThePatientAndClosesTheLoop() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let directory = try await importDirectory(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                let page = try await browser.get(SiteURL.resources.path + "?need=food&patient=\(patientID.uuidString)")
                #expect(page.status == .ok)
                let meals = try #require(directory.services.first { $0.isActive && $0.name.lowercased().contains("meal") })
                #expect(page.body.string.contains(meals.name))
                #expect(try await browser.post(SiteURL.patient(patientID, .referrals).path, form: ["serviceID": meals.id, "need": "food"]).status == .seeOther)
                let row = try #require(try await ResourceReferralRecord.query(on: app.db).first())
                let path = SiteURL.patient(patientID, .referrals).path + "/\(try row.requireID().uuidString.lowercased())"
                try await browser.get(SiteURL.patient(patientID, .referrals).path)
                let skip = try await browser.post(path, form: ["action": "start_service"])
                #expect(skip.status == .unprocessableEntity)
                for action in ["send", "accept", "start_service"] {
                    #expect(try await browser.post(path, form: ["action": action, "note": "ok"]).status == .seeOther)
                }
                let noOutcome = try await browser.post(path, form: ["action": "close", "note": ""])
                #expect(noOutcome.status == .unprocessableEntity)
                #expect(try await browser.post(path, form: ["action": "close", "note": "Receiving meals Mon–Fri"]).status == .seeOther)
                #expect(try await ResourceReferralRecord.find(row.id, on: app.db)?.state == "closed")
                #expect(try await auditTrail(app).map(\.action).contains("referral.close"))
            }
        }

        @Test func anInactiveServiceCannotBeReferredTo() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let directory = try await importDirectory(app)
                let inactive = try #require(directory.services.first { !$0.isActive })
                let browser = Browser(app)
                try await browser.login("casemanager")
                let patientID = try cast.ownPatient.requireID()
                try await browser.get(SiteURL.resources.path + "?patient=\(patientID.uuidString)")
                let refused = try await browser.post(SiteURL.patient(patientID, .referrals).path, form: ["serviceID": inactive.id])
                #expect(refused.status == .unprocessableEntity)
                #expect(try await ResourceReferralRecord.query(on: app.db).count() == 0)
            }
        }
    }
}
