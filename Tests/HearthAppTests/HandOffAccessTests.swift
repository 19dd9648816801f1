import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

/// Issue 20 #3 and #4: work given to a person checks that person's relationship with the same policy as a read
/// (45 CFR 164.502(b), minimum necessary), and signing in never sends the browser to another site.
extension AllTests {
    @Suite struct HandOffAccessTests {
        @Test func aFollowUpCannotGoToSomeoneWhoCannotOpenTheChart() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                let path = SiteURL.patient(patientID, .communications).path
                try await browser.get(path)
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                let toPayer = try await browser.post(path, form: [
                    "kind": "call", "direction": "outgoing", "party": "physician", "partyName": "Dr. Patel",
                    "subject": "HIV medication side effects", "summary": "Nausea since the switch", "date": today.description, "time": "00:00",
                    "followUpTitle": "Ask about the side effects", "followUpOwner": try cast.otherCaseManager.requireID().uuidString,
                    "followUpDue": today.adding(days: 1).description,
                ])
                #expect(toPayer.status == .unprocessableEntity && toPayer.body.string.contains("does not work with this patient"))
                #expect(try await CareTask.query(on: app.db).count() == 0)
                let other = Browser(app)
                try await other.login("othercm")
                #expect(!(try await other.get(SiteURL.home.path).body.string.contains("Abernathy")))
            }
        }

        @Test func aVisitCannotGoToAClinicianOffTheCareTeam() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let outsider = try await makeUser("nurseelsewhere", role: .clinician, on: app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                try await browser.get(SiteURL.patient(patientID).path)
                let day = CalendarDate(Date(), in: app.settings.agencyTimeZone).adding(days: 1)
                let refused = try await browser.post(SiteURL.patient(patientID, .visits).path, form: [
                    "date": day.description, "time": "13:00", "discipline": "SN", "clinicianID": try outsider.requireID().uuidString,
                ])
                #expect(refused.status == .unprocessableEntity && refused.body.string.contains("not on this patient"))
                #expect(try await VisitRecord.query(on: app.db).count() == 0)
            }
        }

        /// "/login?next=/%09/evil.example/x": browsers drop the tab, making "//evil.example/x", another site.
        @Test(arguments: ["/\t/evil.example/x", "/\n/evil.example", "//evil.example", "/\\evil.example", "https://evil.example/"])
        func signingInNeverLeavesTheSite(next: String) async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                try await browser.get("/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                let response = try await browser.post("/login", form: ["username": "casemanager", "password": Cast.password, "next": next])
                #expect(response.status == .seeOther)
                #expect(response.headers.first(name: .location) == SiteURL.home.path)
            }
        }

        @Test func aLocalPageIsStillAPlaceToComeBackTo() async throws {
            #expect(SiteURL.isSafeReturnPath("/patients?q=Ab%20c&page=2"))
            #expect(!SiteURL.isSafeReturnPath("/patients?q=Ab c"))
        }
    }
}
