import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

/// Issue 17 (role walkthrough): a nurse recorded SpO₂ 84% and BP 188/104 and signed the note, and nobody was alerted.
/// Dangerous vital signs are saved (they are real), said plainly beside the value, and raise one safety alert of the
/// PHQ-9 kind for the case manager and supervisors, however often the note is saved or signed.
extension AllTests {
    @Suite struct VitalSignAlertTests {
        /// The cast's first scheduled visit, checked in by the team's nurse.
        static func checkedIn(_ app: Application) async throws -> (nurse: Browser, cast: Cast, visit: VisitRecord, path: String) {
            let visits = VisitTests()
            let (_, cast, patientID) = try await visits.scheduled(app)
            let visit = try #require(try await VisitRecord.query(on: app.db).filter(\.$patient.$id == patientID).sort(\.$scheduledOn).first())
            let path = SiteURL.visit(try visit.requireID()).path
            let nurse = Browser(app)
            try await nurse.login("clinician")
            try await nurse.get(path)
            #expect(try await nurse.post(path + "/check-in", form: ["noLocationReason": "No signal"]).status == .seeOther)
            return (nurse, cast, visit, path)
        }

        static func vitalAlerts(_ app: Application) async throws -> [CareTask] {
            try await CareTask.query(on: app.db).filter(\.$source == SafetyAlertStore.source).all().filter { $0.dedupeKey?.hasPrefix("vital-signs:") == true }
        }

        @Test func anSpO2Of84RaisesOneAlertThatLeadsTheCaseManagersHome() async throws {
            try await withHearth { app in
                // setup
                let (nurse, cast, visit, path) = try await Self.checkedIn(app)
                let patientID = visit.$patient.id
                let dangerous = ["systolic": "188", "diastolic": "104", "pulse": "88", "spo2": "84", "response": "Short of breath on exertion"]

                // act: saved (not refused), saved again unchanged, then checked out and signed
                #expect(try await nurse.post(path + "/note", form: dangerous).status == .seeOther)
                let page = try await nurse.get(path).body.string
                #expect(try await nurse.post(path + "/note", form: dangerous).status == .seeOther)
                #expect(try await nurse.post(path + "/check-out", form: ["noLocationReason": "No signal"]).status == .seeOther)
                #expect(try await nurse.post(path + "/sign", form: ["shortVisitReason": "Test visit: checked out at once"]).status == .seeOther)

                // check: the values were kept, and the nurse was told beside each one what happens next
                #expect(try VisitStore.note(try #require(try await VisitRecord.find(visit.id, on: app.db))).vitals["spo2"] == "84")
                #expect(page.contains(#"id="v-spo2-alert">SpO₂ 84% is below the alert threshold of 90%: low oxygen (hypoxaemia). The case manager and supervisor have been alerted."#))
                #expect(page.contains(#"id="v-systolic-alert">Systolic BP 188 mmHg is at or above the alert threshold of 180 mmHg"#))
                #expect(page.contains(#"id="vital-alert">Safety alert sent to the case manager and supervisors: BP 188/104 and SpO₂ 84%."#))
                #expect(!page.contains(#"id="v-pulse-alert""#))
                // The note's script gets the same thresholds, to say a dangerous value as it is typed.
                #expect(page.contains(#"data-vital-thresholds="[{&quot;"#) && page.contains("/js/vital-alerts.js"))

                // check: exactly one alert, the PHQ-9 kind, for the case manager, due today, audited
                let alerts = try await Self.vitalAlerts(app)
                #expect(alerts.count == 1)
                let alert = try #require(alerts.first)
                let nurseName = try cast.user(.clinician).displayName
                #expect(alert.title == "BP 188/104 and SpO₂ 84% recorded at the visit on \(visit.scheduledOn) by \(nurseName): review today")
                #expect(alert.$assignedTo.id == cast.user(.caseManager).id)
                #expect(alert.priority == WorklistPriority.urgent.rawValue && alert.status == "open")
                #expect(CalendarDate(alert.dueAt, in: app.settings.agencyTimeZone) == CalendarDate(Date(), in: app.settings.agencyTimeZone))
                #expect(try await auditTrail(app).contains { $0.action == "task.create" && $0.patientID == patientID })

                // check: at the top of the case manager's and the supervisor's home, and on the chart header
                let caseManager = Browser(app)
                try await caseManager.login("casemanager")
                let home = try await caseManager.get(SiteURL.home.path).body.string
                let alertAt = try #require(home.range(of: #"id="safety-alerts""#)?.lowerBound)
                #expect(alertAt < (try #require(home.range(of: "<h1>")?.lowerBound)))
                #expect(home.contains("BP 188/104 and SpO₂ 84% recorded at the visit on \(visit.scheduledOn)"))
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                #expect(try await supervisor.get(SiteURL.home.path).body.string.contains("BP 188/104 and SpO₂ 84% recorded at the visit"))
                let chart = try await caseManager.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains(#"id="safety-alert-banner""#) && chart.contains("BP 188/104 and SpO₂ 84%"))

                // check: the contact recorded closes it, as it closes a PHQ-9 alert
                let contact = SiteURL.patient(patientID, .safetyAlertContact(task: try alert.requireID())).path
                #expect(try await caseManager.post(contact, form: ["note": "Called Dr Patel 15:10: furosemide increased, recheck tomorrow."]).status == .seeOther)
                #expect(!(try await caseManager.get(SiteURL.patient(patientID).path).body.string.contains(#"id="safety-alert-banner""#)))
            }
        }

        @Test func aNewDangerousValueOnTheSameNoteRaisesAnAlertNamingOnlyWhatIsNew() async throws {
            try await withHearth { app in
                let (nurse, _, visit, path) = try await Self.checkedIn(app)
                #expect(try await nurse.post(path + "/note", form: ["systolic": "188", "diastolic": "104", "spo2": "84"]).status == .seeOther)
                // A glucose of 52 added later, with the blood pressure and SpO₂ unchanged: one more alert, for the glucose.
                #expect(try await nurse.post(path + "/note", form: ["systolic": "188", "diastolic": "104", "spo2": "84", "glucose": "52"]).status == .seeOther)
                let titles = try await Self.vitalAlerts(app).map(\.title).sorted()
                #expect(titles.count == 2)
                #expect(titles.first?.hasPrefix("BP 188/104 and SpO₂ 84% recorded at the visit on \(visit.scheduledOn)") == true)
                #expect(titles.last?.hasPrefix("Blood glucose 52 mg/dL recorded at the visit on \(visit.scheduledOn)") == true)
                let page = try await nurse.get(path).body.string
                #expect(page.contains(#"id="v-glucose-alert">Blood glucose 52 mg/dL is below the alert threshold of 54 mg/dL: clinically significant hypoglycaemia (level 2)"#))
            }
        }

        @Test func normalVitalsRaiseNoAlert() async throws {
            try await withHearth { app in
                let (nurse, _, _, path) = try await Self.checkedIn(app)
                // 90% and 179/109 sit just inside the thresholds: flagged against the usual range at most, never alerted.
                #expect(try await nurse.post(path + "/note", form: ["systolic": "179", "diastolic": "109", "pulse": "72", "spo2": "90"]).status == .seeOther)
                #expect(try await nurse.post(path + "/check-out", form: ["noLocationReason": "No signal"]).status == .seeOther)
                #expect(try await nurse.post(path + "/sign", form: ["shortVisitReason": "Test visit: checked out at once"]).status == .seeOther)
                #expect(try await Self.vitalAlerts(app).isEmpty)
                let page = try await nurse.get(path).body.string
                #expect(!page.contains(#"id="vital-alert""#) && !page.contains("field-alert"))
                #expect(page.contains(#"id="vital-flags""#))
            }
        }
    }
}
