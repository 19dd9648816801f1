import Fluent
import Foundation
import HearthCore
import Testing
import Vapor
import VaporTesting
@testable import HearthApp

/// The patient's access report, 45 CFR 164.528 (accounting of disclosures): who saw or changed this patient's record,
/// when and from where, for the supervisor; reads and writes of that patient only; the report itself audited.
extension AllTests {
    @Suite struct DisclosureReportTests {
        @Test func theReportListsReadsAndWritesOfThatPatientOnly() async throws {
            try await withHearth { app in
                // setup: the nurse reads and changes her patient; another case manager reads his own
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let nurse = Browser(app)
                try await nurse.login("clinician")
                try await nurse.get(SiteURL.patient(patientID).path)
                try await nurse.post(SiteURL.patient(patientID, .allergies).path, form: ["substance": "Latex", "reaction": "Rash", "severity": "mild"])
                let other = Browser(app)
                try await other.login("othercm")
                try await other.get(SiteURL.patient(try cast.otherPatient.requireID()).path)
                // act
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                let chart = try await supervisor.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("id=\"access-report-link\""))
                let report = try await supervisor.get(SiteURL.patient(patientID, .disclosures).path)
                // check
                #expect(report.status == .ok)
                let page = report.body.string
                #expect(page.contains("Clinician (Clinician)") && page.contains("Opened the chart") && page.contains("Added allergies"))
                #expect(page.contains("127.0.0.1") || page.contains("From (address)"))
                #expect(!page.contains("Othercm"), "another patient's reader must not appear")
                // Dates filter it; a date after today shows nothing; a wrong date is refused by its field.
                let tomorrow = CalendarDate(Date(), in: app.settings.agencyTimeZone).adding(days: 1)
                #expect(try await supervisor.get(SiteURL.patient(patientID, .disclosures).path + "?from=\(tomorrow)").body.string.contains("access-report-empty"))
                let bad = try await supervisor.get(SiteURL.patient(patientID, .disclosures).path + "?from=yesterday")
                #expect(bad.status == .unprocessableEntity && bad.body.string.contains("YYYY-MM-DD"))
                let print = try await supervisor.get(SiteURL.patient(patientID, .printDisclosures).path)
                #expect(print.status == .ok && print.body.string.contains("window.print()") && print.body.string.contains("Added allergies"))
                // The report is itself audited, and shows in the next report.
                let trail = try await auditTrail(app)
                #expect(trail.contains { $0.action == "patient.disclosures.read" && $0.patientID == patientID })
                #expect(trail.contains { $0.action == "patient.disclosures.print" && $0.patientID == patientID })
                #expect(try await supervisor.get(SiteURL.patient(patientID, .disclosures).path).body.string.contains("Viewed this access report"))
            }
        }

        @Test func onlyTheSupervisorSeesTheReport() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let expected: [(String, HTTPStatus)] = [("casemanager", .forbidden), ("clinician", .forbidden), ("admin", .forbidden),
                                                         ("payer", .notFound), ("othercm", .notFound)]
                for (username, status) in expected {
                    let user = Browser(app)
                    try await user.login(username)
                    let response = try await user.get(SiteURL.patient(patientID, .disclosures).path)
                    #expect(response.status == status, "\(username)")
                    #expect(!response.body.string.contains("Opened the chart"))
                    #expect(!(try await user.get(SiteURL.patient(patientID).path).body.string.contains("access-report-link")))
                }
            }
        }

        @Test func emergencyUsesAreFlaggedInTheReport() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.otherPatient.requireID()
                let nurse = try await EmergencyAccessTests.breakTheGlass(app, cast)
                try await nurse.get(SiteURL.patient(patientID).path)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                let page = try await supervisor.get(SiteURL.patient(patientID, .disclosures).path + "?user=clinician").body.string
                #expect(page.contains("Opened the chart in an emergency (break the glass)"))
                #expect(page.contains("flag-emergency"))
            }
        }
    }
}
