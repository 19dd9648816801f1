import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// The schedule board (issue 19): its named queries on their own (on PostgreSQL too, with TEST_DATABASE_URL), and a
    /// supervisor's board of a large agency twenty clinicians a page, the whole agency or one team a click away.
    @Suite struct ScheduleBoardTests {
        static let monday = CalendarDate("2026-11-30")!

        /// A visit of the week by hand: `day` days after Monday.
        @discardableResult
        func visit(_ patient: Patient, by clinician: User?, day: Int, at time: String, discipline: String = "SN", app: Application) async throws -> UUID {
            let row = VisitRecord()
            row.$patient.id = try patient.requireID()
            row.$clinician.id = try clinician?.requireID()
            (row.discipline, row.kind, row.scheduledOn, row.startTime, row.minutes) = (discipline, "routine", Self.monday.adding(days: day).description, time, 45)
            row.visitStatus = .scheduled
            try VisitStore.store(VisitNoteContent(), in: row)
            try await row.create(on: app.db)
            return try row.requireID()
        }

        func profile(_ user: User, team: String, discipline: String, app: Application) async throws {
            let profile = StaffProfileRecord()
            profile.$user.id = try user.requireID()
            (profile.discipline, profile.team) = (discipline, team)
            profile.workingHours = try StaffStore.encode(.weekdays("08:00", "16:30"))
            try await profile.create(on: app.db)
        }

        @Test func cliniciansAndVisitsReadTheWeekOfTheScopeInTimeOrder() async throws {
            try await withHearth { app in
                // setup: the clinician (team East) and the aide (West) visit Dorothy; the clinician visits Harold, another
                // case manager's patient; one of Harold's visits has no one yet; one visit falls the week after
                let cast = try await makeCast(app)
                let (nurse, aide) = (cast.user(.clinician), cast.user(.aide))
                try await profile(nurse, team: "East", discipline: "RN", app: app)
                try await profile(aide, team: "West", discipline: "HHA", app: app)
                let (dorothy, harold) = (cast.ownPatient, cast.otherPatient)
                let late = try await visit(dorothy, by: nurse, day: 0, at: "14:00", app: app)
                let early = try await visit(dorothy, by: nurse, day: 2, at: "08:30", app: app)
                let bath = try await visit(dorothy, by: aide, day: 1, at: "10:00", discipline: "HHA", app: app)
                let other = try await visit(harold, by: nurse, day: 4, at: "09:00", app: app)
                let open = try await visit(harold, by: nil, day: 3, at: "11:00", app: app)
                try await visit(dorothy, by: nurse, day: 7, at: "09:00", app: app)
                let sunday = Self.monday.adding(days: 6)
                typealias Scope = ScheduleQueries.Scope

                // act
                let agency = try await ScheduleQueries.clinicians(from: Self.monday, to: sunday, scope: Scope(), on: app.db)
                let caseload = try await ScheduleQueries.clinicians(from: Self.monday, to: sunday, scope: Scope(caseManagerID: cast.user(.caseManager).id), on: app.db)
                let east = try await ScheduleQueries.clinicians(from: Self.monday, to: sunday, scope: Scope(team: "East"), on: app.db)
                let page = try await ScheduleQueries.visits(from: Self.monday, to: sunday, clinicians: [try nurse.requireID()], unassigned: true, scope: Scope(), on: app.db)
                let west = try await ScheduleQueries.visits(from: Self.monday, to: sunday, clinicians: nil, unassigned: false, scope: Scope(team: "West"), on: app.db)
                let mine = try await ScheduleQueries.visits(from: Self.monday, to: sunday, clinicians: nil, unassigned: false,
                                                            scope: Scope(caseManagerID: cast.user(.caseManager).id), on: app.db)

                // check: by name, with counts; the unassigned visits under "Unassigned"; only the week
                #expect(agency == [.init(id: aide.id, name: "Aide", visits: 1), .init(id: nurse.id, name: "Clinician", visits: 3),
                                   .init(id: nil, name: "Unassigned", visits: 1)])
                #expect(caseload == [.init(id: aide.id, name: "Aide", visits: 1), .init(id: nurse.id, name: "Clinician", visits: 2)])
                #expect(east == [.init(id: nurse.id, name: "Clinician", visits: 3)])
                #expect(page.map(\.id) == [early, other, open, late], "in time of day order, as the board's cells list them")
                #expect(page.first?.familyName == "Abernathy" && page.first?.givenName == "Dorothy" && page.first?.scheduledOn == "2026-12-02")
                #expect(page.first?.status == "scheduled" && page.first?.checkedInAt == nil && page.first?.discipline == "SN")
                #expect(west.map(\.id) == [bath])
                #expect(Set(mine.map(\.id)) == [late, early, bath])
                #expect(try await ScheduleQueries.visits(from: Self.monday, to: sunday, clinicians: [], unassigned: false, scope: Scope(), on: app.db).isEmpty)
            }
        }

        @Test func aSupervisorsBoardOfALargeAgencyComesTwentyCliniciansAPage() async throws {
            try await withHearth { app in
                // setup: 21 clinicians with a visit each this week, the first eleven in team East
                let cast = try await makeCast(app)
                for index in 1...21 {
                    let nurse = try await makeUser(String(format: "nurse%02d", index), role: .clinician, on: app)
                    try await profile(nurse, team: index <= 11 ? "East" : "West", discipline: "RN", app: app)
                    try await visit(cast.ownPatient, by: nurse, day: index % 5, at: "09:00", app: app)
                }
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                let week = "/schedule?week=\(Self.monday)"

                // act
                let first = try await supervisor.get(week).body.string
                let second = try await supervisor.get(week + "&page=2").body.string
                let all = try await supervisor.get(week + "&page=all").body.string
                let east = try await supervisor.get(week + "&team=East").body.string

                // check: twenty rows, then the twenty-first; the whole agency on one page; a team's eleven on one
                #expect(first.contains("Clinicians 1–20 of 21") && first.contains(#"id="board-next""#) && first.contains(#"id="board-all""#))
                #expect(first.contains("Nurse20") && !first.contains("Nurse21"))
                #expect(second.contains("Clinicians 21–21 of 21") && second.contains("Nurse21") && !second.contains("Nurse20"))
                #expect(all.contains("Nurse01") && all.contains("Nurse21") && !all.contains("board-showing") && all.contains(#"id="board-paged""#))
                #expect(east.contains("Nurse11") && !east.contains("Nurse12") && !east.contains("board-showing"))
                #expect(east.contains(#"<a href="/schedule?week=2026-11-30">Whole agency</a>"#))
                // A case manager's own caseload is not paged: all 21 of her patient's clinicians on one page.
                let manager = Browser(app)
                try await manager.login("casemanager")
                let hers = try await manager.get(week).body.string
                #expect(hers.contains("Nurse01") && hers.contains("Nurse21") && !hers.contains("board-showing") && !hers.contains("board-teams"))
            }
        }
    }
}
