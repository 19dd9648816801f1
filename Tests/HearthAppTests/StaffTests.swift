import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct StaffTests {
        func today(_ app: Application) -> CalendarDate { CalendarDate(Date(), in: app.settings.agencyTimeZone) }

        @Test func aSupervisorRecordsACredentialAndItsExpiryIsFlaggedAtSixtyThirtyAndSevenDays() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let nurse = try cast.user(.clinician).requireID()
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                let page = SiteURL.staffMember(nurse).path
                try await supervisor.get(page)
                #expect(try await supervisor.post(page + "/profile", form: ["discipline": "RN", "start": "08:00", "end": "16:30", "days": "mon-fri",
                                                                            "latitude": "39.96", "longitude": "-82.99"]).status == .seeOther)
                let noState = try await supervisor.post(page + "/credentials", form: ["type": "rn_license", "number": "RN123", "expires": today(app).adding(days: 20).description])
                #expect(noState.status == .unprocessableEntity && noState.body.string.contains("two-letter code"))
                let backwards = try await supervisor.post(page + "/credentials", form: ["type": "rn_license", "state": "OH", "number": "RN123",
                                                                                       "issued": "2026-01-01", "expires": "2025-01-01"])
                #expect(backwards.status == .unprocessableEntity)
                #expect(try await supervisor.post(page + "/credentials", form: ["type": "rn_license", "state": "oh", "number": "RN123",
                                                                                "expires": today(app).adding(days: 20).description]).status == .seeOther)
                let shown = try await supervisor.get(page)
                #expect(shown.body.string.contains("RN license in OH") && shown.body.string.contains("Expires in 20 days"))
                let list = try await supervisor.get(SiteURL.staff.path)
                #expect(list.body.string.contains("Expires in 20 days"))
                let home = try await supervisor.get(SiteURL.home.path)
                #expect(home.body.string.contains("Credentials expiring") && home.body.string.contains("RN license in OH"))
                #expect(try await auditTrail(app).map(\.action).contains("staff.credential"))
                // Renewed: the new license replaces the old one on the expiring lists (issue 17, minor).
                #expect(try await supervisor.post(page + "/credentials", form: ["type": "rn_license", "state": "OH", "number": "RN123",
                                                                                "expires": today(app).adding(days: 750).description]).status == .seeOther)
                #expect(!(try await supervisor.get(SiteURL.home.path).body.string.contains("RN license in OH")))
            }
        }

        @Test func onlySupervisorsAndAdministratorsKeepStaffRecordsAndPeopleSeeTheirOwn() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let nurse = try cast.user(.clinician).requireID()
                let manager = Browser(app)
                try await manager.login("casemanager")
                #expect(try await manager.get(SiteURL.staff.path).status == .forbidden)
                #expect(try await manager.get(SiteURL.staffMember(nurse).path).status == .forbidden)
                let own = Browser(app)
                try await own.login("clinician")
                #expect(try await own.get(SiteURL.staffMember(nurse).path).status == .ok)
                #expect(try await own.post(SiteURL.staffMember(nurse).path + "/credentials", form: ["type": "cpr", "number": "1"]).status == .forbidden)
            }
        }
    }
}
