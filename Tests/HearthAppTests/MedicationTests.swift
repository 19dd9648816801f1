import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct MedicationTests {
        func today(_ app: Application) -> CalendarDate { CalendarDate(Date(), in: app.settings.agencyTimeZone) }

        /// The case manager signed in, on the own patient's medications page.
        func signedIn(_ app: Application) async throws -> (Browser, Cast, UUID) {
            let cast = try await makeCast(app)
            let browser = Browser(app)
            try await browser.login("casemanager")
            let patientID = try cast.ownPatient.requireID()
            try await browser.get(SiteURL.patient(patientID, .medications).path)
            return (browser, cast, patientID)
        }

        func form(_ name: String, strength: String = "", dose: String = "1", unit: String = "tablet", route: String = "oral", timesPerDay: String = "1",
                  by: String = "self", start: String, extra: [String: String] = [:]) -> [String: String] {
            ["name": name, "strength": strength, "doseAmount": dose, "doseUnit": unit, "route": route, "timesPerDay": timesPerDay,
             "administeredBy": by, "start": start].merging(extra) { $1 }
        }

        func medication(_ app: Application, named name: String) async throws -> MedicationRecord {
            try #require(try await MedicationRecord.query(on: app.db).filter(\.$name == name).first())
        }

        @Test func aCaseManagerAddsMedicationsAndBadEntriesAreRefusedWithTheReason() async throws {
            try await withHearth { app in
                let (browser, _, patientID) = try await signedIn(app)
                let start = today(app).adding(days: -10).description
                let added = try await browser.post(SiteURL.patient(patientID, .medications).path, form: form("Warfarin", strength: "5 mg", start: start))
                #expect(added.status == .seeOther)
                let page = try await browser.get(SiteURL.patient(patientID, .medications).path)
                #expect(page.body.string.contains("Warfarin 5 mg") && page.body.string.contains("High-alert medication"))

                let noUnit = try await browser.post(SiteURL.patient(patientID, .medications).path, form: form("Metformin", unit: "", start: start))
                #expect(noUnit.status == .unprocessableEntity)
                #expect(noUnit.body.string.contains("unit") && noUnit.body.string.contains(#"value="Metformin""#))
                let stopFirst = try await browser.post(SiteURL.patient(patientID, .medications).path, form: form("Cephalexin", start: start,
                                                                                                extra: ["stop": today(app).adding(days: -20).description]))
                #expect(stopFirst.status == .unprocessableEntity)
                let prn = try await browser.post(SiteURL.patient(patientID, .medications).path, form: form("Oxycodone", timesPerDay: "", start: start, extra: ["asNeeded": "yes"]))
                #expect(prn.status == .unprocessableEntity)
                #expect(try await MedicationRecord.query(on: app.db).count() == 1)
                #expect(try await auditTrail(app).map(\.action).contains("medication.create"))
            }
        }

        @Test func onlyThePatientsTeamMayReadAndAidesMayNotChangeTheProfile() async throws {
            try await withHearth { app in
                let (_, cast, patientID) = try await signedIn(app)
                let aide = Browser(app)
                try await aide.login("aide")
                #expect(try await aide.get(SiteURL.patient(patientID, .medications).path).status == .ok)
                #expect(try await aide.post(SiteURL.patient(patientID, .medications).path, form: form("Aspirin", start: today(app).description)).status == .forbidden)
                let stranger = Browser(app)
                try await stranger.login("othercm")
                #expect(try await stranger.get(SiteURL.patient(patientID, .medications).path).status == .notFound)
                #expect(try await stranger.get(SiteURL.patient(try cast.otherPatient.requireID(), .medications).path).status == .ok)
            }
        }

        @Test func aChangeAndADiscontinuationJoinTheMedicationsHistory() async throws {
            try await withHearth { app in
                let (browser, _, patientID) = try await signedIn(app)
                let start = today(app).adding(days: -30).description
                try await browser.post(SiteURL.patient(patientID, .medications).path, form: form("Furosemide", strength: "40 mg", timesPerDay: "2", start: start))
                let record = try await medication(app, named: "Furosemide")
                let path = SiteURL.patient(patientID, .medications(.medication(try record.requireID()))).path
                try await browser.get(path)
                #expect(try await browser.post(path, form: form("Furosemide", strength: "40 mg", dose: "2", timesPerDay: "2", start: start)).status == .seeOther)
                let noReason = try await browser.post(path + "/discontinue", form: ["stop": today(app).description, "reason": ""])
                #expect(noReason.status == .unprocessableEntity)
                #expect(try await browser.post(path + "/discontinue", form: ["stop": today(app).adding(days: -1).description,
                                                                            "reason": "Stopped by Dr. Patel: weight stable"]).status == .seeOther)
                let page = try await browser.get(path)
                #expect(page.body.string.contains("1 tablet") && page.body.string.contains("2 tablets"))
                #expect(page.body.string.contains("Stopped by Dr. Patel"))
                let profile = try await browser.get(SiteURL.patient(patientID, .medications).path)
                let row = "id=\"med-\(try record.requireID().uuidString.lowercased())\""
                #expect(profile.body.string.contains(#"id="stopped""#) && !profile.body.string.contains(row))
            }
        }

        @Test func reconcilingADischargeListPairsClassifiesAppliesAndSendsForSignature() async throws {
            // 42 CFR 484.55(c)(5): the drug regimen review at each assessment; the result is a physician order.
            try await withHearth { app in
                let (browser, _, patientID) = try await signedIn(app)
                let start = today(app).adding(days: -40).description
                try await browser.post(SiteURL.patient(patientID, .medications).path, form: form("Furosemide", strength: "40 mg", timesPerDay: "2", start: start))
                try await browser.post(SiteURL.patient(patientID, .medications).path, form: form("Lisinopril", strength: "10 mg", start: start))
                try await browser.post(SiteURL.patient(patientID, .medications).path, form: form("Metoprolol tartrate", strength: "25 mg", timesPerDay: "2", start: start))
                let badLine = try await browser.post(SiteURL.patient(patientID, .medications(.reconciliations)).path, form: [
                    "transition": "roc", "source": "Discharge list, Mercy General", "list": "Lasix 40 mg; 2 tablets; oral; twice a day\nLisinopril 10 mg",
                ])
                #expect(badLine.status == .unprocessableEntity && badLine.body.string.contains("Line 2"))
                #expect(try await MedicationReconciliationRecord.query(on: app.db).count() == 0)

                let started = try await browser.post(SiteURL.patient(patientID, .medications(.reconciliations)).path, form: [
                    "transition": "roc", "source": "Discharge list, Mercy General",
                    "list": "Lasix 40 mg; 2 tablets; oral; twice a day\nLisinopril 10 mg; 1 tablet; oral; once a day\nCephalexin 500 mg; 1 capsule; oral; four times a day",
                ])
                #expect(started.status == .seeOther)
                let path = try #require(started.headers.first(name: .location))
                let page = try await browser.get(path)
                let reconciliation = try ReconciliationController.decode(try #require(try await MedicationReconciliationRecord.query(on: app.db).first()))
                let kinds = Dictionary(uniqueKeysWithValues: reconciliation.lines.map { (($0.home ?? $0.incoming)!.name, $0.kind.code) })
                #expect(kinds == ["Furosemide": "changed", "Lisinopril": "unchanged", "Metoprolol tartrate": "discontinued", "Cephalexin": "new"])
                #expect(page.body.string.contains("4</span> line(s) to decide"))

                let early = try await browser.post(path + "/finish", form: [:])
                #expect(early.status == .unprocessableEntity)
                #expect(try await PhysicianOrderRecord.query(on: app.db).count() == 0)

                var decisions: [String: String] = [:]
                for line in reconciliation.lines {
                    let choice: ReconciliationDecision = switch line.kind.code {
                    case "changed", "new": .takeIncoming
                    case "discontinued": .stop
                    default: .keepHome
                    }
                    decisions["decision[\(line.id)]"] = choice.rawValue
                }
                decisions["note[\(reconciliation.lines[0].id)]"] = "Per discharge summary"
                #expect(try await browser.post(path + "/decide", form: decisions).status == .seeOther)
                #expect(try await browser.post(path + "/finish", form: [:]).status == .seeOther)

                let furosemide = try MedicationStore.decode(try await medication(app, named: "Furosemide"))
                #expect(furosemide.dose.amount == 2)
                let metoprolol = try MedicationStore.decode(try await medication(app, named: "Metoprolol tartrate"))
                #expect(metoprolol.stop == today(app))
                _ = try await medication(app, named: "Cephalexin")
                let order = try #require(try await PhysicianOrderRecord.query(on: app.db).filter(\.$kind == OrderKind.medicationReconciliation.rawValue).first())
                #expect(order.status == "sent")
                let doctor = Browser(app)
                try await doctor.login("physician")
                #expect(try await doctor.get(SiteURL.orders.path).body.string.contains("Medication reconciliation"))
                let again = try await browser.post(path + "/finish", form: [:])
                #expect(again.status == .conflict)
            }
        }

        @Test func aFHIRBundlePastedIntoTheFormIsReconciledToo() async throws {
            try await withHearth { app in
                let (browser, _, patientID) = try await signedIn(app)
                try await browser.post(SiteURL.patient(patientID, .medications).path, form: form("Apixaban", strength: "5 mg", timesPerDay: "2", start: today(app).description))
                let bundle = """
                {"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"MedicationStatement","status":"active",
                 "medicationCodeableConcept":{"text":"Warfarin 5 mg"},"subject":{"reference":"Patient/x"},
                 "dosage":[{"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d"}},"route":{"coding":[{"system":"http://snomed.info/sct","code":"26643006"}]},
                 "doseAndRate":[{"doseQuantity":{"value":1,"unit":"tablet"}}]}]}}]}
                """
                let started = try await browser.post(SiteURL.patient(patientID, .medications(.reconciliations)).path, form: ["transition": "soc", "source": "Hospital FHIR export", "list": bundle])
                #expect(started.status == .seeOther)
                let page = try await browser.get(try #require(started.headers.first(name: .location)))
                #expect(page.body.string.contains("Warfarin") && page.body.string.contains("Anticoagulant"))
                let broken = try await browser.post(SiteURL.patient(patientID, .medications(.reconciliations)).path, form: ["transition": "soc", "source": "x", "list": "{\"resourceType\":\"Bundle\""])
                #expect(broken.status == .unprocessableEntity)
            }
        }

        @Test func anAideRecordsTheMARAndImpossibleEntriesAreRefused() async throws {
            try await withHearth { app in
                let (browser, _, patientID) = try await signedIn(app)
                let start = today(app).adding(days: -5).description
                try await browser.post(SiteURL.patient(patientID, .medications).path, form: form("Metoprolol tartrate", strength: "25 mg", timesPerDay: "2", by: "aide", start: start,
                                                                                extra: ["times": "08:00, 20:00"]))
                try await browser.post(SiteURL.patient(patientID, .medications).path, form: form("Sertraline", strength: "50 mg", start: start))
                let metoprolol = try await medication(app, named: "Metoprolol tartrate").requireID().uuidString
                let sertraline = try await medication(app, named: "Sertraline").requireID().uuidString
                let aide = Browser(app)
                try await aide.login("aide")
                let mar = SiteURL.patient(patientID, .medications(.administrations)).path
                #expect(try await aide.get(mar).body.string.contains("08:00"))
                let day = today(app).description
                #expect(try await aide.post(mar, form: ["medicationID": metoprolol, "date": day, "time": "08:00", "status": "given"]).status == .seeOther)
                let twice = try await aide.post(mar, form: ["medicationID": metoprolol, "date": day, "time": "08:00", "status": "given"])
                #expect(twice.status == .unprocessableEntity)
                let noReason = try await aide.post(mar, form: ["medicationID": metoprolol, "date": day, "time": "20:00", "status": "held"])
                #expect(noReason.status == .unprocessableEntity)
                let selfGiven = try await aide.post(mar, form: ["medicationID": sertraline, "date": day, "time": "08:00", "status": "given"])
                #expect(selfGiven.status == .unprocessableEntity)
                let future = try await aide.post(mar, form: ["medicationID": metoprolol, "date": today(app).adding(days: 2).description, "time": "08:00", "status": "given"])
                #expect(future.status == .unprocessableEntity)
                #expect(try await MedicationAdministrationRecord.query(on: app.db).count() == 1)
                let page = try await aide.get(mar)
                #expect(page.body.string.contains("Given"))
            }
        }

        @Test func adherenceChecksDrawATrendAndRefillsFlagTheChart() async throws {
            try await withHearth { app in
                let (browser, _, patientID) = try await signedIn(app)
                let start = today(app).adding(days: -60).description
                try await browser.post(SiteURL.patient(patientID, .medications).path, form: form("Sertraline", strength: "50 mg", start: start,
                                                                                extra: ["daysSupply": "30", "lastFilled": today(app).adding(days: -31).description]))
                let id = try await medication(app, named: "Sertraline").requireID().uuidString
                for (weeksAgo, result) in [(3, "missed_doses"), (2, "taken"), (1, "taken")] {
                    let response = try await browser.post(SiteURL.patient(patientID, .medications).path + "/adherence", form: [
                        "medicationID": id, "result": result, "checkedOn": today(app).adding(days: -7 * weeksAgo).description, "note": "Pill box checked",
                    ])
                    #expect(response.status == .seeOther)
                }
                let missingNote = try await browser.post(SiteURL.patient(patientID, .medications).path + "/adherence", form: ["medicationID": id, "result": "wrong_dose"])
                #expect(missingNote.status == .unprocessableEntity)
                let page = try await browser.get(SiteURL.patient(patientID, .medications).path)
                // Four weeks rolling, not the last single check: 2 of 3 checks taken as prescribed.
                #expect(page.body.string.contains("<polyline") && page.body.string.contains("67% as prescribed (2 of 3 checks and doses)"))
                #expect(page.body.string.contains("Ran out"))
                let chart = try await browser.get(SiteURL.patient(patientID).path)
                #expect(chart.body.string.contains(#"id="refills-overdue""#))
            }
        }

        @Test func theProfileAndTheMARAreServedAsFHIRToThoseWhoMaySeeThem() async throws {
            try await withHearth { app in
                let (browser, cast, patientID) = try await signedIn(app)
                try await browser.post(SiteURL.patient(patientID, .medications).path, form: form("Insulin glargine", strength: "100 units/mL", dose: "20", unit: "units",
                                                                                route: "subcutaneous", by: "nurse", start: today(app).description))
                let record = try await medication(app, named: "Insulin glargine")
                let nurse = Browser(app)
                try await nurse.login("clinician")
                try await nurse.get(SiteURL.patient(patientID, .medications(.administrations)).path)
                #expect(try await nurse.post(SiteURL.patient(patientID, .medications(.administrations)).path, form: [
                    "medicationID": try record.requireID().uuidString, "date": today(app).description, "time": "08:00", "status": "given",
                ]).status == .seeOther)
                var headers = HTTPHeaders()
                headers.replaceOrAdd(name: .accept, value: "application/fhir+json")
                let search = try await browser.get("/fhir/MedicationStatement?patient=\(patientID.uuidString.lowercased())", headers: headers)
                #expect(search.status == .ok && search.body.string.contains("\"resourceType\":\"Bundle\"") && search.body.string.contains("34206005"))
                let mar = try await browser.get("/fhir/MedicationAdministration?patient=\(patientID.uuidString.lowercased())", headers: headers)
                #expect(mar.body.string.contains("\"status\":\"completed\""))
                let stranger = Browser(app)
                try await stranger.login("othercm")
                #expect(try await stranger.get("/fhir/MedicationStatement/\(try record.requireID().uuidString.lowercased())", headers: headers).status == .notFound)
                _ = cast
            }
        }
    }
}
