import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

/// Issue 17, the seams of an agency's day: lists that agree with their counts, deadline tasks that cannot be hidden.
extension AllTests {
    @Suite struct AgencyDayTests {
        static func task(_ app: Application, patient: UUID, owner: UUID, title: String, dueDaysAgo: Int, source: WorklistSource,
                         key: String? = nil) async throws -> CareTask {
            let task = CareTask()
            task.$patient.id = patient
            task.$assignedTo.id = owner
            task.title = title
            task.priority = WorklistPriority.high.rawValue
            task.dueAt = Date().addingTimeInterval(-Double(dueDaysAgo) * 86_400)
            task.status = "open"
            task.source = source.rawValue
            task.dedupeKey = key
            try await task.create(on: app.db)
            return task
        }

        /// Issue 17 #10: "Done" on an overdue-deadline task hid it while the deadline stayed overdue.
        @Test func aDeadlineTaskIsSnoozedWithAReasonNotClosed() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                let deadline = try await Self.task(app, patient: try cast.ownPatient.requireID(), owner: try cast.user(.caseManager).requireID(),
                                                   title: "Comprehensive assessment", dueDaysAgo: 3, source: .overdueAssessment)
                let id = try deadline.requireID()
                let list = try await browser.get(SiteURL.worklist.path).body.string
                #expect(!list.contains(#"id="done-\#(id.uuidString.lowercased())""#) && list.contains(#"id="snooze-\#(id.uuidString.lowercased())""#))
                #expect(try await browser.post(SiteURL.task(id, .done).path, form: [:]).status == .conflict)
                #expect(try await browser.post(SiteURL.task(id, .snooze).path, form: ["days": "2", "reason": ""]).status == .badRequest)
                #expect(try await browser.post(SiteURL.task(id, .snooze).path, form: ["days": "2", "reason": "Visit booked for Thursday"]).status == .seeOther)
                let snoozed = try #require(try await CareTask.find(id, on: app.db))
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                #expect(snoozed.status == "open" && CalendarDate(snoozed.dueAt, in: app.settings.agencyTimeZone) == today.adding(days: 2))
                let chart = try await browser.get(SiteURL.patient(try cast.ownPatient.requireID()).path).body.string
                #expect(chart.contains("Task snoozed") && chart.contains("Visit booked for Thursday"))
            }
        }

        /// Issue 17 #9: the team worklist stopped at 500 tasks and undercounted each person's.
        @Test func theTeamWorklistCountsEveryTaskNotOnlyTheOnesListed() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patient = try cast.ownPatient.requireID(), manager = try cast.user(.caseManager).requireID()
                let rows = (0..<520).map { n in
                    let task = CareTask()
                    task.$patient.id = patient
                    task.$assignedTo.id = manager
                    task.title = "Call \(n)"
                    task.priority = WorklistPriority.normal.rawValue
                    task.dueAt = Date().addingTimeInterval(Double(n + 1) * 3_600 * 24)
                    task.status = "open"
                    task.source = WorklistSource.manual.rawValue
                    return task
                }
                try await rows.create(on: app.db)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                let team = try await supervisor.get(SiteURL.worklist.path + "?view=team").body.string
                #expect(team.contains("<strong>520</strong> open"))
                #expect(team.contains("Casemanager 520"))
                #expect(team.contains("Showing the 500 most pressing of 520 open tasks."))
            }
        }

        /// Issue 17 (minor): an overdue deadline was listed twice on the case manager's home, as a task and as a deadline.
        @Test func anOverdueDeadlineWithItsTaskIsListedOnceAtHome() async throws {
            try await withHearth { app in
                let (browser, _) = try await ComplianceTests().admit(app, socDaysAgo: 10) // the comprehensive assessment is 5 days late
                try await browser.get(SiteURL.worklist.path) // the worklist rules turn the overdue deadline into a task
                #expect(try await CareTask.query(on: app.db).filter(\.$source == WorklistSource.overdueAssessment.rawValue).count() > 0)
                let home = try await browser.get(SiteURL.home.path).body.string
                // Listed once, flagged "Overdue" beside its title rather than "Overdue" twice (issue 17 #14: "Overdue Overdue:").
                #expect(home.components(separatedBy: "Comprehensive assessment").count - 1 == 1)
                #expect(!home.contains("Overdue: Comprehensive assessment"))
            }
        }
    }
}
