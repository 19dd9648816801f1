import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

/// Issue 20 #9, the smaller holes: what was refused is audited [45 CFR 164.312(b), 164.308(a)(1)(ii)(D)], names and
/// dates that cannot be right are refused, and the API shows no more than the page does [45 CFR 164.308(a)(4)].
extension AllTests {
    @Suite struct SmallerSecurityTests {
        @Test func aRefusedFormIsAudited() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                let forged = try await browser.post("/patients", form: ["givenName": "Eve", "familyName": "Forger", "birthDate": "1950-01-01", "sex": "female"], csrf: .some(nil))
                #expect(forged.status == .forbidden)
                let record = try #require(try await auditTrail(app).first { $0.action == "csrf.refused" })
                #expect(record.actorName == "casemanager")
                #expect(record.outcome == "denied")
                #expect(record.detail?.contains("POST /patients") == true)
                // Before sign-in, forged posts leave one record a minute per address, not one each.
                // (A loaded machine can take minutes over the 30 posts: each minute touched may add one record.)
                let began = Date()
                for _ in 1...30 { try await Browser(app).post("/login", form: ["username": "x", "password": "y"], csrf: "made-up") }
                let minutesTouched = Int(Date().timeIntervalSince(began) / 60) + 2
                #expect(try await auditTrail(app).filter { $0.action == "csrf.refused" }.count <= 1 + minutesTouched)
            }
        }

        @Test func askingForAnotherPatientsRecordThroughYourOwnPatientsAddressIsAudited() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                let own = try cast.ownPatient.requireID()
                let elsewhere = UUID() // a record on a chart this user may not open
                let probe = try await browser.get(SiteURL.patient(own).path + "/medications/\(elsewhere.uuidString.lowercased())")
                #expect(probe.status == .notFound)
                let record = try #require(try await auditTrail(app).first { $0.action == "patient.record.not-found" })
                #expect(record.patientID == own)
                #expect(record.outcome == "denied")
                #expect(record.detail?.contains(elsewhere.uuidString.lowercased()) == true)
            }
        }

        /// Unicode TR #36 2.1: a right-to-left override makes a name read differently from how it sorts and matches.
        @Test func namesWithNULOrTextDirectionOverridesAreRefused() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                for name in ["Ab\u{0}ernathy", "\u{202E}yhtanrebA", "Smith\u{2066}"] {
                    let response = try await browser.post("/patients", form: ["givenName": "Ruth", "familyName": name, "birthDate": "1944-07-02", "sex": "female"])
                    #expect(response.status == .unprocessableEntity)
                    #expect(response.body.string.contains("hidden control or text-direction characters"))
                }
                #expect(try await Patient.query(on: app.db).filter(\.$givenName == "Ruth").count() == 0)
                #expect(!"Nguyễn Thị Minh Khai".hasHiddenCharacters && !"עזרא".hasHiddenCharacters && !"line\nbreak".hasHiddenCharacters)
                let admin = Browser(app)
                try await admin.login("admin")
                try await admin.get(SiteURL.admin(.users).path)
                let refused = try await admin.post(SiteURL.admin(.users).path, form: ["username": "nurse9", "displayName": "Nurse\u{202E}9", "role": "clinician", "password": "harbor-lantern-nine"])
                #expect(refused.status == .unprocessableEntity)
                #expect(try await User.query(on: app.db).filter(\.$username == "nurse9").count() == 0)
            }
        }

        @Test func absurdDatesAreRefusedInTasksAndAuthorizations() {
            let today = CalendarDate("2026-12-02")!
            for due in ["9999-12-31", "2200-01-01"] {
                #expect(WorklistTaskDraft(title: "Call the office", owner: "casemanager", due: due).problems(today: today)["due"] == CalendarDate.implausibleProblem)
            }
            for (start, end) in [("0001-01-01", "2026-12-31"), ("2026-12-01", "9999-12-31")] {
                let problems = VisitAuthorizationDraft(payer: "Aetna", number: "A1", start: start, end: end).problems
                #expect(problems["start"] == CalendarDate.implausibleProblem || problems["end"] == CalendarDate.implausibleProblem)
            }
            #expect(VisitAuthorizationDraft(payer: "Aetna", number: "A1", start: "2026-12-01", end: "2027-02-28").problems.isEmpty)
        }

        @Test func anAbsurdDocumentDateIsRefused() async throws {
            try await withHearth { app in
                let (browser, cast) = try await AllTests.ComplianceTests().admit(app, socDaysAgo: 3)
                let patientID = try cast.ownPatient.requireID()
                let episode = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db))
                let base = SiteURL.patient(patientID, .episodes).path + "/\(try episode.requireID().uuidString.lowercased())"
                let ancient = try await browser.post(base + "/documents", form: ["kind": "notice_of_admission", "date": "0001-01-01"])
                #expect(ancient.status == .unprocessableEntity)
                #expect(ancient.body.string.contains("Check the year"))
            }
        }

        @Test func theAPIGivesLicenseNumbersOnlyToThoseTheStaffPageShowsThemTo() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let nurse = try cast.user(.clinician).requireID()
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                try await supervisor.get(SiteURL.staffMember(nurse).path)
                try await supervisor.post(SiteURL.staffMember(nurse).path + "/credentials", form: ["type": "rn_license", "state": "OH", "number": "RN-556677", "expires": "2027-06-30"])
                func read(as role: Role) async throws -> TestingHTTPResponse {
                    let secret = "hth_" + Secret.make()
                    try await APIToken(tokenHash: Secret.hash(secret), userID: cast.user(role).requireID(), name: "emr", now: Date()).create(on: app.db)
                    return try await app.testing().sendRequest(.GET, "/fhir/Practitioner/\(nurse.uuidString.lowercased())", headers: ["Authorization": "Bearer \(secret)"])
                }
                let aide = try await read(as: .aide)
                #expect(aide.status == .ok)
                #expect(aide.body.string.contains("Clinician"))
                #expect(!aide.body.string.contains("RN-556677"))
                let aidePage = Browser(app)
                try await aidePage.login("aide")
                #expect(try await aidePage.get(SiteURL.staffMember(nurse).path).status == .forbidden)
                #expect(try await read(as: .supervisor).body.string.contains("RN-556677"))
                #expect(try await read(as: .clinician).body.string.contains("RN-556677"))
            }
        }
    }
}
