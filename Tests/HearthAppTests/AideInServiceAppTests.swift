import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// 42 CFR 484.80(d): "at least 12 hours of in-service training during each 12-month period" — recorded by the
    /// supervisor on the aide's staff page, read by the aide, listed on the compliance page's staff clock (issue 18).
    @Suite struct AideInServiceAppTests {
        func today(_ app: Application) -> CalendarDate { CalendarDate(Date(), in: app.settings.agencyTimeZone) }

        func makeAide(_ app: Application, _ cast: Cast) async throws -> UUID {
            let aide = try cast.user(.aide).requireID()
            let profile = StaffProfileRecord()
            profile.$user.id = aide
            profile.discipline = StaffDiscipline.homeHealthAide.rawValue
            profile.workingHours = try StaffStore.encode(.weekdays("08:00", "16:30"))
            try await profile.create(on: app.db)
            return aide
        }

        @Test func theSupervisorRecordsInServiceHoursAndTheAideSeesThemAgainstTwelve() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let aide = try await makeAide(app, cast)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                let page = SiteURL.staffMember(aide).path
                try await supervisor.get(page)
                let start = today(app).adding(days: -340)
                // Refused by the field, the typing kept: hours must be a number from 0.25 to 12; the day not in the future.
                let badHours = try await supervisor.post(page + "/in-service", form: ["date": start.description, "hours": "twelve", "topic": "Infection control"])
                #expect(badHours.status == .unprocessableEntity)
                #expect(badHours.body.string.contains(#"id="in-service-hours-error""#) && badHours.body.string.contains(#"value="Infection control""#))
                let future = try await supervisor.post(page + "/in-service", form: ["date": today(app).adding(days: 1).description, "hours": "2", "topic": "Falls"])
                #expect(future.status == .unprocessableEntity && future.body.string.contains("no later than today"))
                #expect(try await supervisor.post(page + "/in-service", form: ["date": start.description, "hours": "8", "topic": "Infection control"]).status == .seeOther)
                #expect(try await supervisor.post(page + "/in-service", form: ["date": today(app).adding(days: -10).description, "hours": "3.9",
                                                                               "topic": "Dementia care"]).status == .seeOther)
                // 11.9 of 12 hours, the period (begun with the first training 340 days ago) ending in 24 days: on the
                // compliance page's staff clock, and on the aide's own page with what is missing.
                let end = start.adding(months: 12).adding(days: -1)
                let compliance = try await supervisor.get(SiteURL.compliance.path).body.string
                #expect(compliance.contains("Aide in-service training") && compliance.contains("Due \(end)"))
                let aideBrowser = Browser(app)
                try await aideBrowser.login("aide")
                let own = try await aideBrowser.get(page).body.string
                #expect(own.contains(#"id="in-service""#) && own.contains("11.9 h taken in the period (2 sessions); 0.1 h still to take by \(end)."))
                #expect(!own.contains(#"id="in-service-form""#), "the aide reads, the supervisor records")
                #expect(try await aideBrowser.post(page + "/in-service", form: ["date": start.description, "hours": "1", "topic": "x"]).status == .forbidden)
                // 0.1 h more (6 minutes) reaches 12 hours: met, off the compliance page.
                #expect(try await supervisor.post(page + "/in-service", form: ["date": today(app).description, "hours": "0.25", "topic": "Hand hygiene"]).status == .seeOther)
                #expect(try await aideBrowser.get(page).body.string.contains("Met on \(today(app))"))
                #expect(!(try await supervisor.get(SiteURL.compliance.path).body.string.contains("Aide in-service training")))
                #expect(try await auditTrail(app).map(\.action).contains("staff.in_service"))
            }
        }

        @Test func inServiceHoursAreRecordedForAidesOnly() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let nurse = try cast.user(.clinician).requireID()
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                try await supervisor.get(SiteURL.staffMember(nurse).path)
                let refused = try await supervisor.post(SiteURL.staffMember(nurse).path + "/in-service", form: ["date": today(app).description, "hours": "2", "topic": "Wound care"])
                #expect(refused.status == .unprocessableEntity && refused.body.string.contains("for home health aides only"))
            }
        }
    }
}
