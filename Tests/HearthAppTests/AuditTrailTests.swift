import Fluent
import FluentSQL
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct AuditTrailTests {
        /// Signs in, opens a chart and registers a patient, so the trail has reads, writes and log-ins.
        func someActivity(_ app: Application) async throws {
            let cast = try await makeCast(app)
            let browser = Browser(app)
            try await browser.login("casemanager")
            try await browser.get(SiteURL.patient(cast.ownPatient.requireID()).path)
            try await browser.post("/patients", form: ["givenName": "Ruth", "familyName": "Castillo", "birthDate": "1944-07-02", "sex": "female"])
            try await browser.get(SiteURL.patient(cast.otherPatient.requireID()).path)
        }

        @Test func writesCommitTheirAuditRecordInTheSameTransaction() async throws {
            try await withHearth { app in
                try await someActivity(app)
                let patient = try #require(try await Patient.query(on: app.db).filter(\.$familyName == "Castillo").first())
                let record = try #require(try await auditTrail(app).first { $0.action == "patient.create" })
                #expect(record.patientID == patient.id)
                #expect(record.actorName == "casemanager")
                // A write whose audit record fails is not kept.
                let draft = PatientDraft(givenName: "Lost", familyName: "Write", birthDate: "1950-01-01", sex: "female")
                await #expect(throws: (any Error).self) {
                    try await app.db.transaction { db in
                        try await Patient(mrn: MedicalRecordNumber.make(9), givenName: draft.givenName, familyName: draft.familyName, birthDate: draft.birthDate, sex: draft.sex).create(on: db)
                        let broken = AuditEvent() // required fields missing: the insert fails
                        try await broken.create(on: db)
                    }
                }
                #expect(try await Patient.query(on: app.db).filter(\.$familyName == "Write").count() == 0)
            }
        }

        @Test func sealedChainVerifies() async throws {
            try await withHearth { app in
                try await someActivity(app)
                let sealed = try await AuditSealer.sealAll(on: app.db)
                #expect(sealed >= 5)
                let result = try await AuditVerification.run(on: app.db)
                #expect(result.problem == nil)
                #expect(result.checked == Int64(sealed))
                #expect(result.unsealed == 0)
                // Later records link on to the same chain.
                try await Browser(app).login("aide")
                let waiting = try await AuditVerification.run(on: app.db).unsealed
                #expect(waiting >= 1)
                try await AuditSealer.sealAll(on: app.db)
                let again = try await AuditVerification.run(on: app.db)
                #expect(again.problem == nil)
                #expect(again.checked == Int64(sealed + waiting))
            }
        }

        @Test func editedRecordIsNamed() async throws {
            try await withHearth { app in
                try await someActivity(app)
                try await AuditSealer.sealAll(on: app.db)
                let victim = try #require(try await AuditEvent.query(on: app.db).filter(\.$sequence == 3).first())
                victim.outcome = victim.outcome == "success" ? "denied" : "success"
                try await victim.save(on: app.db)
                let result = try await AuditVerification.run(on: app.db)
                #expect(result.problem == .altered(sequence: 3))
                #expect(result.checked == 2)
            }
        }

        @Test func deletedRecordIsNamed() async throws {
            try await withHearth { app in
                try await someActivity(app)
                try await AuditSealer.sealAll(on: app.db)
                try await AuditEvent.query(on: app.db).filter(\.$sequence == 4).delete()
                #expect(try await AuditVerification.run(on: app.db).problem == .missing(from: 4, to: 4))
            }
        }

        @Test func deletedTailIsNoticed() async throws {
            try await withHearth { app in
                try await someActivity(app)
                let total = Int64(try await AuditSealer.sealAll(on: app.db))
                try await AuditEvent.query(on: app.db).filter(\.$sequence == total).delete()
                #expect(try await AuditVerification.run(on: app.db).problem == .truncated(expectedLast: total, foundLast: total - 1))
            }
        }

        @Test func adminFiltersTheTrail() async throws {
            try await withHearth { app in
                try await someActivity(app)
                let browser = Browser(app)
                try await browser.login("admin")
                let denied = try await browser.get("/admin/audit?outcome=denied")
                #expect(denied.status == .ok)
                #expect(denied.body.string.contains("patient.read"))
                #expect(!denied.body.string.contains(">patient.create<"))
                let byUser = try await browser.get("/admin/audit?user=casemanager&action=patient.create")
                #expect(byUser.body.string.contains(">patient.create<"))
                // A filter that matches no patient says so without repeating what was typed (it may be a name).
                let bad = try await browser.get("/admin/audit?patient=Zebediah")
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains("No patient has that MRN or name"))
                #expect(bad.body.string.components(separatedBy: "Zebediah").count == 2) // only in the kept field
            }
        }
    }
}

extension AllTests.AuditTrailTests {
    @Test func readRecordsAreGroupCommittedAndNeverLost() async throws {
        // Only the size limit or shutdown would flush within the test.
        try await withHearth(adjust: { $0.auditReadFlushInterval = .seconds(3600) }) { app in
            let cast = try await makeCast(app)
            let browser = Browser(app)
            try await browser.login("casemanager")
            try await browser.get(SiteURL.patient(cast.ownPatient.requireID()).path)
            let buffer = try #require(app.auditBuffer)
            // The read is waiting in the buffer, not yet in the table; the log-in (a write) is already there.
            #expect(await buffer.waiting >= 1)
            #expect(try await auditTrail(app).contains { $0.action == "login" })
            #expect(!(try await auditTrail(app).contains { $0.action == "patient.read" }))
            await buffer.flush()
            let read = try #require(try await auditTrail(app).first { $0.action == "patient.read" })
            #expect(read.patientID == cast.ownPatient.id)
        }
    }
}

extension AllTests.AuditTrailTests {
    /// A surveyor's and a HIPAA officer's questions: who saw this patient, between these dates, by name and MRN,
    /// and an export of exactly that [45 CFR 164.312(b), 164.308(a)(1)(ii)(D)].
    @Test func theTrailNamesPatientsByNameAndMRNNeverByBareID() async throws {
        try await withHearth { app in
            try await someActivity(app)
            let abernathy = try #require(try await Patient.query(on: app.db).filter(\.$familyName == "Abernathy").first())
            let browser = Browser(app)
            try await browser.login("admin")
            let page = try await browser.get("/admin/audit?patient=\(abernathy.mrn)").body.string
            #expect(page.contains("Abernathy, Dorothy"))
            #expect(page.contains("MRN \(abernathy.mrn)"))
            #expect(!page.contains(try abernathy.requireID().uuidString.lowercased()))
            #expect(!page.contains("Baptiste"))
            let byName = try await browser.get("/admin/audit?patient=abernathy").body.string
            #expect(byName.contains("Abernathy, Dorothy"))
            #expect(!byName.contains("Baptiste, Harold"))
        }
    }

    @Test func theTrailFiltersByDateRangeInTheAgencyTimeZone() async throws {
        try await withHearth { app in
            try await someActivity(app)
            // One record on 2026-03-01 at 23:30 in New York (04:30 UTC the next day).
            let old = AuditLog.event(.init(actorName: "nightshift", action: "patient.read", outcome: .success))
            old.occurredAtMillis = Int64(Date(timeIntervalSince1970: 1_772_425_800).timeIntervalSince1970 * 1000) // 2026-03-02T04:30Z
            try await old.create(on: app.db)
            let browser = Browser(app)
            try await browser.login("admin")
            let that = try await browser.get("/admin/audit?from=2026-03-01&to=2026-03-01").body.string
            #expect(that.contains("nightshift"))
            #expect(!that.contains(">login<"))
            #expect(!(try await browser.get("/admin/audit?from=2026-03-02&to=2026-03-02").body.string.contains("nightshift")))
            let wrong = try await browser.get("/admin/audit?from=March")
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("Enter a date as YYYY-MM-DD"))
            let backwards = try await browser.get("/admin/audit?from=2026-03-05&to=2026-03-01")
            #expect(backwards.body.string.contains("The end date is before the start date"))
        }
    }

    @Test func exportingTheFilteredRowsIsItselfAudited() async throws {
        try await withHearth { app in
            try await someActivity(app)
            let abernathy = try #require(try await Patient.query(on: app.db).filter(\.$familyName == "Abernathy").first())
            let browser = Browser(app)
            try await browser.login("admin")
            let page = try await browser.get("/admin/audit?patient=\(abernathy.mrn)").body.string
            #expect(page.contains("Export CSV"))
            let csv = try await browser.get(SiteURL.admin(.auditExport).path + "?patient=\(abernathy.mrn)")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let lines = csv.body.string.split(separator: "\r\n")
            #expect(lines.first == "sequence,occurred_at,user,action,outcome,patient,mrn,record,source_ip,detail")
            #expect(lines.count >= 2)
            #expect(lines.dropFirst().allSatisfy { $0.contains("\"Abernathy, Dorothy\",\(abernathy.mrn)") })
            let export = try #require(try await auditTrail(app).last { $0.action == "audit.export" })
            #expect(export.actorName == "admin")
            #expect(export.detail?.contains("\(lines.count - 1) rows") == true)
            #expect(export.detail?.contains("Abernathy") == false)
            // A formula in a cell is defused for spreadsheets.
            #expect(AuditCSV.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        }
    }
}
