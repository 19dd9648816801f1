import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// The case manager's "Due and overdue": what can still be done on time is never crowded out by what was missed long
    /// ago. Walking the demo as the case manager, twenty tasks for 30-day periods missed months ago filled the panel, and
    /// recertifications due the next day were not on it (session 22).
    @Suite struct HomeDueListTests {
        @Test func tomorrowsTaskAndDeadlineShowHoweverManyOldOnesAreOverdue() async throws {
            try await withHearth { app in
                // setup: the demo agency; the case manager gets 30 tasks and 30 deadlines missed 40–69 days ago,
                // then one task and one deadline due tomorrow.
                let staff = try await DemoSeed.seedStaff(app.db, hasher: app.password, seed: 7, patients: 13)
                try await DemoSeed.seedPatients(13, staff: staff, db: app.db, console: app.console, rules: DemoAssessments.Rules(
                    clock: app.regulatoryClock, instruments: app.instruments, medications: app.medicationCatalog), seed: 7)
                let manager = try #require(try await User.query(on: app.db).filter(\.$username == "casemanager").first())
                let patient = try #require(try await Patient.query(on: app.db).filter(\.$caseManager.$id == manager.requireID()).first())
                let template = try #require(try await ObligationRecord.query(on: app.db).filter(\.$patient.$id == patient.requireID()).first())
                let now = Date()
                // Only this test's tasks and deadlines, so which are the latest missed is known.
                try await CareTask.query(on: app.db).delete()
                try await ObligationRecord.query(on: app.db).filter(\.$id != template.requireID()).delete()
                template.outstanding = false
                try await template.save(on: app.db)
                func task(_ title: String, due: Date) throws -> CareTask {
                    let task = CareTask()
                    task.$patient.id = try patient.requireID()
                    task.$assignedTo.id = try manager.requireID()
                    task.title = title
                    task.priority = "routine"
                    task.dueAt = due
                    task.status = "open"
                    return task
                }
                func deadline(_ title: String, due: Date) -> ObligationRecord {
                    let row = ObligationRecord()
                    row.$patient.id = template.$patient.id
                    row.$episode.id = template.$episode.id
                    (row.key, row.ruleID, row.title, row.citation) = ("test-\(title)", template.ruleID, title, template.citation)
                    (row.opensAt, row.dueAt, row.dueDay) = (due.addingTimeInterval(-86_400 * 5), due, "2026-01-01")
                    (row.outstanding, row.state, row.computedAt) = (true, "overdue", now)
                    return row
                }
                let old = (0..<30).map { now.addingTimeInterval(-86_400 * Double(40 + $0)) }
                try await old.enumerated().map { try task("Old task \($0.offset)", due: $0.element) }.create(on: app.db)
                try await old.enumerated().map { deadline("Old deadline \($0.offset)", due: $0.element) }.create(on: app.db)
                try await task("Call the pharmacy tomorrow", due: now.addingTimeInterval(86_400)).create(on: app.db)
                try await deadline("Recertification due tomorrow", due: now.addingTimeInterval(86_400)).create(on: app.db)

                // act
                let browser = Browser(app)
                #expect(try await browser.login("casemanager", password: DemoSeed.password).status == .seeOther)
                let home = try await browser.get(SiteURL.home.path).body.string

                // check: tomorrow's work is there, with the latest missed ones; the oldest are left to the worklist.
                #expect(home.contains("Call the pharmacy tomorrow") && home.contains("Recertification due tomorrow"))
                #expect(home.contains("Old task 0") && home.contains("Old deadline 0"))
                #expect(!home.contains("Old task 29") && !home.contains("Old deadline 29"))
                #expect(home.contains(SiteURL.worklist.path) && home.contains("All my open tasks"))
            }
        }
    }
}
