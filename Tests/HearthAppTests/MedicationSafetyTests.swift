import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// Issue 17 item 4: a medication conflicting with a recorded allergy, or duplicating one already taken, is not saved
    /// without a recorded reason, wherever it comes from: the add form, the edit form, or a reconciliation.
    @Suite struct MedicationSafetyTests {
        let medicationTests = MedicationTests()

        /// The case manager on the own patient's medications page, the patient allergic to sulfonamide antibiotics.
        func sulfaAllergic(_ app: Application) async throws -> (Browser, UUID) {
            let (browser, _, patientID) = try await medicationTests.signedIn(app)
            try await browser.get(SiteURL.patient(patientID).path)
            let allergy = try await browser.post(SiteURL.patient(patientID, .allergies).path,
                                                 form: ["substance": "Sulfonamide antibiotics", "reaction": "Rash", "severity": "moderate"])
            #expect(allergy.status == .seeOther)
            try await browser.get(SiteURL.patient(patientID, .medications).path)
            return (browser, patientID)
        }

        func bactrim(_ app: Application, extra: [String: String] = [:]) -> [String: String] {
            medicationTests.form("Bactrim DS", strength: "800-160 mg", timesPerDay: "2", start: medicationTests.today(app).description,
                                 extra: ["prescriber": "Dr. Okafor"].merging(extra) { $1 })
        }

        @Test func bactrimForASulfaAllergicPatientIsRefusedWithTheFindingAndTheTypingKept() async throws {
            try await withHearth { app in
                let (browser, patientID) = try await sulfaAllergic(app)
                let refused = try await browser.post(SiteURL.patient(patientID, .medications).path, form: bactrim(app))
                let body = refused.body.string
                #expect(refused.status == .unprocessableEntity)
                #expect(body.contains(#"role="alert" id="safety-warning""#))
                let recorded = medicationTests.today(app).description
                #expect(body.contains("Allergy: patient is allergic to Sulfonamide antibiotics (recorded \(recorded), reaction: rash). "
                    + "Bactrim DS (sulfamethoxazole/trimethoprim) is a sulfonamide antibiotic."))
                #expect(body.contains(#"name="overrideReason" form="add-medication-form""#))
                #expect(body.contains(#"value="Bactrim DS""#) && body.contains(#"value="800-160 mg""#) && body.contains(#"value="Dr. Okafor""#))
                #expect(try await MedicationRecord.query(on: app.db).count() == 0)

                // An empty reason is refused with what to write.
                let blank = try await browser.post(SiteURL.patient(patientID, .medications).path, form: bactrim(app, extra: ["overrideReason": "  "]))
                #expect(blank.status == .unprocessableEntity && blank.body.string.contains("override-reason-error"))
                #expect(try await MedicationRecord.query(on: app.db).count() == 0)
            }
        }

        @Test func withAReasonItSavesAndTheOverrideIsRecordedAuditedAndShown() async throws {
            try await withHearth { app in
                let (browser, patientID) = try await sulfaAllergic(app)
                let reason = "Dr. Okafor confirmed by phone: rash 20 years ago, no alternative for this UTI"
                let saved = try await browser.post(SiteURL.patient(patientID, .medications).path, form: bactrim(app, extra: ["overrideReason": reason]))
                #expect(saved.status == .seeOther)
                let record = try await medicationTests.medication(app, named: "Bactrim DS")
                let override = try #require(try MedicationSafetyGate.overrides(record).first)
                #expect(override.reason == reason && override.byName.isEmpty == false)
                #expect(override.findings.map(\.kind) == [.allergyClass])

                let audit = try #require(try await auditTrail(app).first { $0.action == "medication.create" })
                #expect(audit.detail?.contains(reason) == true && audit.detail?.contains("sulfonamide antibiotic") == true)
                let history = try await RecordChange.query(on: app.db).filter(\.$recordID == record.id).all()
                #expect(history.contains { $0.field.contains("saved despite a safety warning") && ($0.newValue ?? "").contains(reason) })

                let profile = try await browser.get(SiteURL.patient(patientID, .medications).path).body.string
                #expect(profile.contains("Allergy conflict") && profile.contains("Saved despite a safety warning by"))
                #expect(profile.contains(reason))

                // A later dose change with the same finding needs no new reason.
                let path = SiteURL.patient(patientID, .medications(.medication(try record.requireID()))).path
                try await browser.get(path)
                let changed = try await browser.post(path, form: bactrim(app, extra: ["doseAmount": "2"]))
                #expect(changed.status == .seeOther)
            }
        }

        @Test func anAllergyRecordedAfterTheMedicationShowsAStandingWarning() async throws {
            try await withHearth { app in
                let (browser, _, patientID) = try await medicationTests.signedIn(app)
                #expect(try await browser.post(SiteURL.patient(patientID, .medications).path, form: bactrim(app)).status == .seeOther)
                #expect(try await browser.get(SiteURL.patient(patientID, .medications).path).body.string.contains("Allergy conflict") == false)
                try await browser.get(SiteURL.patient(patientID).path)
                try await browser.post(SiteURL.patient(patientID, .allergies).path, form: ["substance": "Sulfa", "reaction": "Hives", "severity": "severe"])
                let profile = try await browser.get(SiteURL.patient(patientID, .medications).path).body.string
                #expect(profile.contains("Allergy conflict") && profile.contains("patient is allergic to Sulfa"))
                #expect(profile.contains(#"id="allergy-conflicts">1 in conflict with an allergy"#))
                let record = try await medicationTests.medication(app, named: "Bactrim DS")
                let one = try await browser.get(SiteURL.patient(patientID, .medications(.medication(try record.requireID()))).path).body.string
                #expect(one.contains("Allergy conflict"))
                // The chart names it too, in the header beside the allergies: impossible to miss.
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains(#"id="header-allergy-conflict""#) && chart.contains(#"id="chart-allergy-conflicts""#))
            }
        }

        @Test func aDuplicateTherapyIsFoundOnAddAndOnChange() async throws {
            try await withHearth { app in
                let (browser, _, patientID) = try await medicationTests.signedIn(app)
                let start = medicationTests.today(app).adding(days: -5).description
                try await browser.post(SiteURL.patient(patientID, .medications).path, form: medicationTests.form("Furosemide", strength: "40 mg", start: start))
                let lasix = try await browser.post(SiteURL.patient(patientID, .medications).path, form: medicationTests.form("Lasix", strength: "20 mg", start: start))
                #expect(lasix.status == .unprocessableEntity)
                #expect(lasix.body.string.contains("Duplicate therapy: Lasix is the same drug as Furosemide 40 mg"))
                try await browser.post(SiteURL.patient(patientID, .medications).path, form: medicationTests.form("Amlodipine", strength: "5 mg", start: start))
                // Changing amlodipine into lisinopril is clear; into a second loop diuretic (bumetanide) is a caution.
                let record = try await medicationTests.medication(app, named: "Amlodipine")
                let path = SiteURL.patient(patientID, .medications(.medication(try record.requireID()))).path
                try await browser.get(path)
                let bumex = try await browser.post(path, form: medicationTests.form("Bumetanide", strength: "1 mg", start: start))
                #expect(bumex.status == .unprocessableEntity)
                #expect(bumex.body.string.contains("Caution:") && bumex.body.string.contains("loop diuretic"))
                #expect(bumex.body.string.contains(#"form="edit-medication-form""#) && bumex.body.string.contains(#"value="Bumetanide""#))
                #expect(try MedicationStore.decode(try await medicationTests.medication(app, named: "Amlodipine")).name == "Amlodipine")
                let stopped = try await browser.post(path, form: medicationTests.form("Bumetanide", strength: "1 mg", start: start,
                                                                                     extra: ["overrideReason": "Cardiology plan: both until weight stable"]))
                #expect(stopped.status == .seeOther)
                #expect(try await auditTrail(app).contains { $0.action == "medication.update" && ($0.detail ?? "").contains("Cardiology plan") })
            }
        }

        @Test func reconciliationCannotAcceptBactrimForASulfaAllergyWithoutAReason() async throws {
            try await withHearth { app in
                let (browser, patientID) = try await sulfaAllergic(app)
                let started = try await browser.post(SiteURL.patient(patientID, .medications(.reconciliations)).path, form: [
                    "transition": "roc", "source": "Discharge list, Mercy General", "list": "Bactrim DS 800-160 mg; 1 tablet; oral; twice a day",
                ])
                let path = try #require(started.headers.first(name: .location))
                let page = try await browser.get(path).body.string
                #expect(page.contains("Allergy: patient is allergic to Sulfonamide antibiotics"))
                let reconciliation = try ReconciliationController.decode(try #require(try await MedicationReconciliationRecord.query(on: app.db).first()))
                let line = try #require(reconciliation.lines.first)
                #expect(try await browser.post(path + "/decide", form: ["decision[\(line.id)]": ReconciliationDecision.takeIncoming.rawValue]).status == .seeOther)

                let refused = try await browser.post(path + "/finish", form: [:])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains(#"id="safety-warning""#) && refused.body.string.contains(#"form="finish-reconciliation-form""#))
                #expect(try await MedicationRecord.query(on: app.db).count() == 0)
                #expect(try await PhysicianOrderRecord.query(on: app.db).count() == 0)

                let reason = "Discharging physician aware of the sulfa allergy; rash only"
                #expect(try await browser.post(path + "/finish", form: ["overrideReason": reason]).status == .seeOther)
                let record = try await medicationTests.medication(app, named: "Bactrim DS")
                #expect(try MedicationSafetyGate.overrides(record).first?.reason == reason)
                #expect(try await auditTrail(app).contains { $0.action == "medication.reconciliation.finish" && ($0.detail ?? "").contains(reason) })
            }
        }
    }
}
