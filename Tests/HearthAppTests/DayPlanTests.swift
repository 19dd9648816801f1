import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// "Plan this day": the supervisor plans a day, applies it in one audited transaction, and the hard rules hold.
    @Suite struct DayPlanTests {
        struct Day {
            var date: CalendarDate
            var cast: Cast
            var nurse2: UUID
            /// Dorothy's visit, booked with the nurse who lives far away; Walter's, locked to her.
            var far: UUID
            var locked: UUID
            var strangers: UUID
        }

        /// Two Ohio nurses: the cast's, living by Walter Okafor, and a second living by Dorothy. Dorothy's 09:00 visit is
        /// with the far nurse; a visit to a second patient of hers is locked at 11:00; a visit to a patient with no care
        /// team cannot go to anyone.
        func day(_ app: Application) async throws -> Day {
            let cast = try await makeCast(app)
            var date = CalendarDate(Date(), in: app.settings.agencyTimeZone).adding(days: 1)
            while date.isoWeekday > 5 { date = date.adding(days: 1) }
            let nurse = try cast.user(.clinician).requireID()
            let nurse2 = try await makeUser("nurse2", role: .clinician, on: app).requireID()
            for (id, lat, lon) in [(nurse, 40.40, -82.50), (nurse2, 39.99, -83.11)] {
                let profile = StaffProfileRecord()
                profile.$user.id = id
                profile.discipline = "RN"
                profile.homeLatitude = lat
                profile.homeLongitude = lon
                profile.workingHours = try StaffStore.encode(.weekdays("08:00", "16:30"))
                try await profile.create(on: app.db)
                try await DemoStaff.credential(id, .rnLicense, state: "OH", number: "RN\(lat)", issued: date.adding(days: -400), expires: date.adding(days: 400))
                    .create(on: app.db)
            }
            let aide = StaffProfileRecord()
            aide.$user.id = try cast.user(.aide).requireID()
            aide.discipline = "HHA"
            aide.workingHours = try StaffStore.encode(.weekdays("08:00", "16:30"))
            try await aide.create(on: app.db)
            let dorothy = cast.ownPatient
            (dorothy.state, dorothy.latitude, dorothy.longitude) = ("OH", 40.0, -83.1)
            try await dorothy.save(on: app.db)
            try await CareTeamMember(patientID: dorothy.requireID(), userID: nurse2, teamRole: "Skilled nursing").create(on: app.db)
            let walter = Patient(mrn: MedicalRecordNumber.make(3), givenName: "Walter", familyName: "Okafor", birthDate: "1940-02-02", sex: "male")
            (walter.state, walter.latitude, walter.longitude) = ("OH", 40.41, -82.51)
            walter.$caseManager.id = try cast.user(.caseManager).requireID()
            try await walter.create(on: app.db)
            try await CareTeamMember(patientID: walter.requireID(), userID: nurse, teamRole: "Skilled nursing").create(on: app.db)
            let other = cast.otherPatient
            (other.state, other.latitude, other.longitude) = ("OH", 40.1, -83.0)
            try await other.save(on: app.db)
            func visit(_ patient: Patient, _ time: String, locked: Bool = false) async throws -> UUID {
                let row = VisitRecord()
                row.$patient.id = try patient.requireID()
                row.$clinician.id = nurse
                (row.discipline, row.kind, row.scheduledOn, row.startTime, row.minutes) = ("SN", "routine", date.description, time, 45)
                row.visitStatus = .scheduled
                row.locked = locked
                try VisitStore.store(VisitNoteContent(), in: row)
                try await row.create(on: app.db)
                return try row.requireID()
            }
            let far = try await visit(dorothy, "09:00"), held = try await visit(walter, "11:00", locked: true)
            let strangers = try await visit(other, "14:00")
            return Day(date: date, cast: cast, nurse2: nurse2, far: far, locked: held, strangers: strangers)
        }

        /// The moves the page offers, as posted by "Apply all".
        func offered(_ page: String) -> [String] {
            page.matches(of: /name="all\[\]" value="([^"]+)"/).map { String($0.1) }
        }

        @Test func aSupervisorAppliesTheDaysPlanInOneAuditedTransactionAndTheHardRulesHold() async throws {
            try await withHearth { app in
                // setup
                let day = try await day(app)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                // act: plan, then apply all
                let page = try await supervisor.get(SiteURL.schedulePlan.path + "?date=\(day.date)&seconds=1")
                #expect(page.status == .ok)
                let body = page.body.string
                #expect(body.contains(#"id="plan-map""#) && body.contains("<svg") && body.contains("min saved"))
                #expect(body.contains("is not on Baptiste, Harold&#39;s care team") || body.contains("is not on Baptiste, Harold's care team"))
                let moves = offered(body)
                #expect(moves.contains { $0.hasPrefix(day.far.uuidString) && $0.contains(day.nurse2.uuidString) })
                var form: [String: String] = ["date": day.date.description, "scope": "all"]
                for (index, move) in moves.enumerated() { form["all[\(index)]"] = move }
                let applied = try await supervisor.post(SiteURL.schedulePlanApply.path, form: form)
                // check: moved to the near nurse, the locked visit kept, each move audited as a reschedule
                #expect(applied.status == .seeOther)
                #expect(applied.headers.first(name: .location) == SiteURL.schedule.path + "?week=\(day.date)&applied=\(moves.count)")
                let far = try #require(try await VisitRecord.find(day.far, on: app.db))
                #expect(far.$clinician.id == day.nurse2)
                let locked = try #require(try await VisitRecord.find(day.locked, on: app.db))
                #expect(locked.$clinician.id == day.cast.user(.clinician).id && locked.startTime == "11:00")
                let strangers = try #require(try await VisitRecord.find(day.strangers, on: app.db))
                #expect(strangers.$clinician.id == day.cast.user(.clinician).id, "no one on the care team: it stays as it was")
                let audited = try await auditTrail(app).filter { $0.action == "visit.reschedule" && $0.detail == "applied from the plan of \(day.date)" }
                #expect(audited.count == moves.count)
                let board = try await supervisor.get(SiteURL.schedule.path + "?week=\(day.date)&applied=\(moves.count)")
                #expect(board.body.string.contains(#"id="plan-applied""#))
                // The near nurse's day now has Dorothy.
                let nurse = Browser(app)
                try await nurse.login("nurse2")
                #expect(try await nurse.get(SiteURL.visits.path + "?date=\(day.date)").body.string.contains("Abernathy"))
            }
        }

        @Test func applyingChecksEachMoveAgainAndWritesNothingWhenOneIsRefused() async throws {
            try await withHearth { app in
                let day = try await day(app)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                try await supervisor.get(SiteURL.schedulePlan.path)
                let aide = try day.cast.user(.aide).requireID()
                // An aide for skilled nursing (42 CFR 484.80(g)), and the locked visit moved: both refused, neither written.
                let refused = try await supervisor.post(SiteURL.schedulePlanApply.path, form: [
                    "date": day.date.description, "scope": "all",
                    "all[0]": "\(day.far.uuidString)|\(aide.uuidString)|10:00", "all[1]": "\(day.locked.uuidString)|\(day.nurse2.uuidString)|12:00",
                ])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains(#"id="plan-refused""#) && refused.body.string.contains("fixed by hand"))
                let far = try #require(try await VisitRecord.find(day.far, on: app.db))
                #expect(far.$clinician.id == day.cast.user(.clinician).id && far.startTime == "09:00")
                #expect(try await auditTrail(app).filter { $0.action == "visit.reschedule" }.isEmpty)
                // Bad input is answered by the field.
                let bad = try await supervisor.get(SiteURL.schedulePlan.path + "?date=tomorrow&team=Nowhere")
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains("Give the day as YYYY-MM-DD") && bad.body.string.contains("Leave the team empty"))
            }
        }

        @Test func aCaseManagerMayNeitherPlanNorApply() async throws {
            try await withHearth { app in
                let day = try await day(app)
                let manager = Browser(app)
                try await manager.login("casemanager")
                #expect(try await manager.get(SiteURL.schedulePlan.path + "?date=\(day.date)").status == .forbidden)
                let applied = try await manager.post(SiteURL.schedulePlanApply.path, form: [
                    "date": day.date.description, "scope": "all", "all[0]": "\(day.far.uuidString)|\(day.nurse2.uuidString)|09:00",
                ])
                #expect(applied.status == .forbidden)
                let far = try #require(try await VisitRecord.find(day.far, on: app.db))
                #expect(far.$clinician.id == day.cast.user(.clinician).id)
                #expect(try await auditTrail(app).contains { $0.action == "agency.planDay" && $0.outcome == "denied" })
            }
        }

        @Test func aClinicianBreakFromTheStaffFormReachesThePlansTimeline() async throws {
            try await withHearth { app in
                let day = try await day(app)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                let nurse = try day.cast.user(.clinician).requireID()
                try await supervisor.get(SiteURL.staffMember(nurse).path)
                let profile: [String: String] = ["discipline": "RN", "start": "08:00", "end": "16:30", "days": "mon-fri", "latitude": "40.40", "longitude": "-82.50"]
                // A break longer than its window, and one outside the working day, are refused by the field.
                let long = try await supervisor.post(SiteURL.staffMember(nurse, .profile).path,
                                                     form: profile.merging(["breakMinutes": "60", "breakFrom": "12:00", "breakUntil": "12:30"]) { $1 })
                #expect(long.status == .unprocessableEntity && long.body.string.contains("A 60-minute break does not fit between 12:00 and 12:30"))
                let outside = try await supervisor.post(SiteURL.staffMember(nurse, .profile).path,
                                                        form: profile.merging(["breakMinutes": "30", "breakFrom": "16:00", "breakUntil": "17:00"]) { $1 })
                #expect(outside.status == .unprocessableEntity && outside.body.string.contains("must lie inside the working day 08:00–16:30"))
                // setup: her lunch, 30 minutes between 11:30 and 14:00; her day (Walter at 11:00, an hour and a half's drive to
                // Harold at 14:00) runs past it, and the break fits in the wait before Harold
                let saved = try await supervisor.post(SiteURL.staffMember(nurse, .profile).path,
                                                      form: profile.merging(["breakMinutes": "30", "breakFrom": "11:30", "breakUntil": "14:00"]) { $1 })
                #expect(saved.status == .seeOther)
                #expect(try await supervisor.get(SiteURL.staffMember(nurse).path).body.string.contains("break 30 min between 11:30 and 14:00"))
                // act
                let page = try await supervisor.get(SiteURL.schedulePlan.path + "?date=\(day.date)&seconds=1")
                // check: the break is in her route's timeline, inside its window, and the plan breaks no rule
                let body = page.body.string
                #expect(page.status == .ok && !body.contains(#"id="plan-violations""#))
                let lunch = try #require(body.firstMatch(of: /<li class="plan-break"><strong>(\d\d):(\d\d)<\/strong> Break <span class="hint">30 min<\/span><\/li>/))
                let minute = Int(lunch.1)! * 60 + Int(lunch.2)!
                #expect((690...810).contains(minute), "break at \(lunch.1):\(lunch.2)")
            }
        }

        @Test func aSupervisorPlansOneTeamNamedOnTheStaffPage() async throws {
            try await withHearth { app in
                let day = try await day(app)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                // setup: the far nurse's team, from her staff page
                let nurse = try day.cast.user(.clinician).requireID()
                try await supervisor.get(SiteURL.staffMember(nurse).path)
                let saved = try await supervisor.post(SiteURL.staffMember(nurse, .profile).path, form: [
                    "discipline": "RN", "start": "08:00", "end": "16:30", "days": "mon-fri", "latitude": "40.40", "longitude": "-82.50", "team": "East",
                ])
                #expect(saved.status == .seeOther)
                // act
                let east = try await supervisor.get(SiteURL.schedulePlan.path + "?date=\(day.date)&team=East&seconds=1")
                // check: only her visits are planned, among the East team alone (the near nurse is in no team)
                #expect(east.status == .ok && east.body.string.contains("team East"))
                #expect(east.body.string.contains("of 3 placed for 1 clinicians"))
                let proposal = try #require(east.body.string.components(separatedBy: #"id="plan-summary""#).last)
                #expect(!proposal.contains("Nurse2"), "the near nurse is in no team (the form above lists all field staff to call out)")
                #expect(east.body.string.contains(#"<option value="East" selected>"#))
            }
        }
    
        /// A nurse sick at 7 am: the supervisor ticks her as called out, and the plan gives her visits to the others she may
        /// hand them to (the patient's care team), keeps what no one else may make listed with its reason, and is applied.
        @Test func aCallOutGivesTheNursesVisitsToTheOthersAndTheRestStays() async throws {
            try await withHearth { app in
                // setup
                let day = try await day(app)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                let nurse = try day.cast.user(.clinician).requireID()
                let form = try await supervisor.get(SiteURL.schedulePlan.path)
                #expect(form.body.string.contains(#"id="out-\#(nurse.uuidString)""#), "the form lists the field staff to tick")

                // act
                let page = try await supervisor.get(SiteURL.schedulePlan.path + "?date=\(day.date)&seconds=1&out[]=\(nurse.uuidString)")

                // check: the heading says who is out; Dorothy's visit goes to the near nurse; the locked visit and the visit no
                // one on a care team may make cannot be placed, and say why; nothing is planned for the nurse who is out
                #expect(page.status == .ok)
                let body = page.body.string
                #expect(body.contains("without \(day.cast.user(.clinician).displayName) (called out)"))
                let moves = offered(body)
                #expect(moves.contains { $0.hasPrefix(day.far.uuidString) && $0.contains(day.nurse2.uuidString) })
                #expect(!moves.contains { $0.contains(nurse.uuidString) })
                #expect(body.contains(#"id="plan-unplaced""#) && body.contains("locked to a clinician who does not work that day"))
                #expect(body.contains(#"name="out[]" value="\#(nurse.uuidString)""#), "a refused apply plans the same day again")
                var post: [String: String] = ["date": day.date.description, "scope": "all", "out[0]": nurse.uuidString]
                for (index, move) in moves.enumerated() { post["all[\(index)]"] = move }
                #expect(try await supervisor.post(SiteURL.schedulePlanApply.path, form: post).status == .seeOther)
                #expect(try await VisitRecord.find(day.far, on: app.db)?.$clinician.id == day.nurse2)
                #expect(try await VisitRecord.find(day.locked, on: app.db)?.$clinician.id == nurse, "fixed by hand: it stays for the supervisor to move")
                #expect(try await auditTrail(app).contains { $0.action == "visit.plan" && $0.detail?.contains("1 called out") == true })
                // Someone who is not field staff cannot be called out: said by the field.
                let bad = try await supervisor.get(SiteURL.schedulePlan.path + "?date=\(day.date)&out[]=\(try day.cast.user(.caseManager).requireID().uuidString)")
                #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Choose who called out from the field staff listed."))
            }
        }
    }
}
