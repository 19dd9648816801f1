import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

/// Issue 17, blocker 1: a PHQ-9 answer showing suicide risk must be impossible to miss — at the top of the case manager's
/// and supervisors' home pages, on the chart header until someone records the contact, due today in the agency's zone,
/// first on the worklist, and escalated to the supervisors when no contact is recorded within the agency's window.
extension AllTests {
    @Suite struct SafetyAlertTests {
        /// Signs a PHQ-9 with every item at its worst (item 9 "nearly every day"), as the case manager.
        static func raiseAlert(_ app: Application, _ cast: Cast, as browser: Browser) async throws -> CareTask {
            let patientID = try cast.ownPatient.requireID()
            let phq9 = try #require(app.instruments["phq9"])
            let url = try await AssessmentTests.start(browser, patientID, kind: "follow_up", instrument: "phq9")
            let worst = Dictionary(uniqueKeysWithValues: phq9.items.filter { $0.type == .singleChoice && $0.id.hasPrefix("phq9_") && $0.id != "phq9_difficulty" }
                .map { ($0.id, $0.options.last!.code) })
            try await AssessmentTests.fill(browser, url, phq9, choosing: worst)
            #expect(try await browser.post(url + "/sign", form: [:]).status == .seeOther)
            return try #require(try await CareTask.query(on: app.db).filter(\.$source == WorklistSource.phq9SafetyAlert.rawValue).first())
        }

        /// The alert's opening words, before any character a page escapes ("agency's").
        static func words(_ alert: CareTask) -> String { String(alert.title.prefix { $0 != "'" && $0 != ";" }) }

        /// The nurse who visits the patient today learns of the open alert before she knocks: on her home page and at the
        /// top of the visit page, beside the patient's code status and allergies. An aide with no visit there today does not.
        @Test func theVisitingNurseSeesTheAlertOnHerHomeAndTheVisitPage() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let caseManager = Browser(app)
                try await caseManager.login("casemanager")
                let alert = try await Self.raiseAlert(app, cast, as: caseManager)
                let visit = VisitRecord()
                visit.$patient.id = try cast.ownPatient.requireID()
                visit.$clinician.id = try cast.user(.clinician).requireID()
                visit.discipline = "SN"
                visit.kind = VisitKind.routine.rawValue
                visit.scheduledOn = CalendarDate(Date(), in: app.settings.agencyTimeZone).description
                visit.startTime = "15:00"
                visit.minutes = 45
                visit.status = "scheduled"
                try VisitStore.store(VisitNoteContent(), in: visit)
                try await visit.create(on: app.db)
                let nurse = Browser(app)
                try await nurse.login("clinician")
                let home = try await nurse.get(SiteURL.home.path).body.string
                #expect(home.contains(#"id="safety-alerts""#) && home.contains(Self.words(alert)))
                let page = try await nurse.get(SiteURL.visit(try visit.requireID()).path).body.string
                #expect(page.contains(#"id="safety-alerts""#) && page.contains(#"id="visit-safety""#) && page.contains("Code status"))
                let aide = Browser(app)
                try await aide.login("aide")
                #expect(!(try await aide.get(SiteURL.home.path).body.string.contains(#"id="safety-alerts""#)))
            }
        }

        @Test func theAlertLeadsEveryPageItsPeopleOpenUntilTheContactIsRecorded() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let caseManager = Browser(app)
                try await caseManager.login("casemanager")
                // A busy worklist: twenty overdue tasks that would bury the alert if it were sorted by due day.
                for n in 1...20 {
                    let task = CareTask()
                    task.$patient.id = patientID
                    task.$assignedTo.id = try cast.user(.caseManager).requireID()
                    task.title = "Old task \(n)"
                    task.priority = WorklistPriority.urgent.rawValue
                    task.dueAt = Date().addingTimeInterval(-Double(n) * 86_400)
                    task.status = "open"
                    task.source = WorklistSource.manual.rawValue
                    try await task.create(on: app.db)
                }
                let alert = try await Self.raiseAlert(app, cast, as: caseManager)
                // Due today in the agency's zone, not tomorrow.
                #expect(CalendarDate(alert.dueAt, in: app.settings.agencyTimeZone) == CalendarDate(Date(), in: app.settings.agencyTimeZone))
                #expect(alert.$assignedTo.id == cast.user(.caseManager).id)

                // The case manager's home: the alert comes before everything else on the page.
                let home = try await caseManager.get(SiteURL.home.path).body.string
                let alertAt = try #require(home.range(of: #"id="safety-alerts""#)?.lowerBound)
                let headingAt = try #require(home.range(of: "<h1>")?.lowerBound)
                #expect(alertAt < headingAt)
                #expect(home.contains("Abernathy, Dorothy"))
                // The worklist puts it first, above twenty overdue urgent tasks, with no bare "Done" button.
                let worklist = try await caseManager.get(SiteURL.worklist.path).body.string
                let firstRow = try #require(worklist.range(of: "<tbody>").map { String(worklist[$0.upperBound...].prefix(1_500)) })
                #expect(firstRow.contains(Self.words(alert)))
                #expect(worklist.contains(#"id="contact-\#(try alert.requireID().uuidString.lowercased())""#))
                #expect(try await caseManager.post(SiteURL.task(try alert.requireID(), .done).path, form: [:]).status == .conflict)

                // The supervisor sees it at the top of the agency overview.
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                let overview = try await supervisor.get(SiteURL.home.path).body.string
                #expect(overview.contains(#"id="safety-alerts""#) && overview.contains(Self.words(alert)))

                // The chart header carries it until the contact is recorded.
                let chart = try await caseManager.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains(#"id="safety-alert-banner""#))
                let contact = SiteURL.patient(patientID, .safetyAlertContact(task: try alert.requireID())).path
                let tooShort = try await caseManager.post(contact, form: ["note": "ok"])
                #expect(tooShort.status == .unprocessableEntity)
                #expect(tooShort.body.string.contains(#"class="field-error""#) && tooShort.body.string.contains(">ok</textarea>"))
                #expect(try await CareTask.find(alert.id, on: app.db)?.status == "open")
                let recorded = try await caseManager.post(contact, form: ["note": "Called patient 14:10: safe, daughter with her, crisis line given, Dr told."])
                #expect(recorded.status == .seeOther)
                let closed = try #require(try await CareTask.find(alert.id, on: app.db))
                #expect(closed.status == "done" && closed.completionNote?.contains("daughter with her") == true)
                #expect(closed.$completedBy.id == cast.user(.caseManager).id)
                #expect(try await auditTrail(app).contains { $0.action == "task.complete" && $0.patientID == patientID })
                let after = try await caseManager.get(SiteURL.patient(patientID).path).body.string
                #expect(!after.contains(#"id="safety-alert-banner""#))
                #expect(after.contains("Safety alert contact recorded"))
                #expect(!(try await caseManager.get(SiteURL.home.path).body.string.contains(#"id="safety-alerts""#)))
            }
        }

        @Test func anAlertNoOneActsOnIsEscalatedToTheSupervisors() async throws {
            try await withHearth(adjust: { $0.safetyAlerts = SafetyAlertWatch(escalationHours: 2) }) { app in
                let cast = try await makeCast(app)
                let caseManager = Browser(app)
                try await caseManager.login("casemanager")
                let alert = try await Self.raiseAlert(app, cast, as: caseManager)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                #expect(!(try await supervisor.get(SiteURL.home.path).body.string.contains(">Escalated<")))
                alert.createdAt = Date().addingTimeInterval(-2 * 3_600 - 60)
                try await alert.save(on: app.db)
                let overview = try await supervisor.get(SiteURL.home.path).body.string
                #expect(overview.contains(">Escalated<"))
                #expect(overview.contains("escalated to supervisors (no contact recorded within 2 h)"))
                // Someone on the care team who cannot document (the payer) neither sees nor closes it.
                let payer = Browser(app)
                try await payer.login("payer")
                #expect(!(try await payer.get(SiteURL.home.path).body.string.contains(Self.words(alert))))
                let refused = try await payer.post(SiteURL.patient(try cast.ownPatient.requireID(), .safetyAlertContact(task: try alert.requireID())).path,
                                                   form: ["note": "Trying to close someone else's alert"])
                #expect(refused.status == .notFound)
            }
        }
    }
}
