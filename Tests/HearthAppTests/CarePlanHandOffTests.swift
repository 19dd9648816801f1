import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

/// Issue 17: the hand-off from care plan to physician to case manager. A signed plan stays in force while changes are a
/// draft sent as one interim order; a returned order leads the case manager's home and closes only when resent or withdrawn.
extension AllTests {
    @Suite struct CarePlanHandOffTests {
        let orders = OrderTests()
        let plans = CarePlanTests()

        /// The physician signs one order with her password.
        func sign(_ app: Application, _ record: PhysicianOrderRecord) async throws {
            let doctor = Browser(app)
            try await doctor.login("physician")
            let path = SiteURL.order(try record.requireID()).path
            try await doctor.get(path)
            #expect(try await doctor.post(path + "/sign", form: ["password": Cast.password]).status == .seeOther)
        }

        /// A complete plan (version 4) sent and signed, with the case manager back on its page.
        func signedPlan(_ app: Application) async throws -> (Browser, Cast, String) {
            let (browser, cast, base) = try await orders.completePlan(app)
            #expect(try await browser.post(base + "/send", form: [:]).status == .seeOther)
            try await sign(app, try await orders.order(app, kind: .planOfCareStartOfCare))
            try await browser.get(base)
            return (browser, cast, base)
        }

        func deadline(_ app: Application, _ ruleID: String) async throws -> ObligationRecord? {
            try await ObligationRecord.query(on: app.db).filter(\.$ruleID == ruleID).first()
        }

        @Test func aSignedPlanStaysInForceWhileAChangeIsADraftUntilTheChangeIsSigned() async throws {
            try await withHearth { app in
                // setup: version 4 signed; the case manager changes the SN frequency (version 5).
                let (browser, cast, base) = try await signedPlan(app)
                let signedPage = try await browser.get(base).body.string
                #expect(signedPage.contains(#"id="plan-in-force""#) && signedPage.contains("Version 4, signed by Physician on"))
                #expect(!signedPage.contains(#"id="plan-draft""#))
                let intervention = try await plans.current(app).interventions[0]
                #expect(try await browser.post(base + "/interventions/\(intervention.id)/frequency", form: [
                    "frequency": "3w4, 1w5, 3prn", "prnTrigger": intervention.prnTrigger ?? "",
                ]).status == .seeOther)
                // check: the page tells the signed version from the draft; the print and the chart show what is signed.
                let draft = try await browser.get(base).body.string
                #expect(draft.contains("Version 4, signed by Physician on") && draft.contains("Draft changes, not yet signed (version 5)"))
                #expect(draft.contains("Frequency changed: SN 2w4, 1w5, 3prn → SN 3w4, 1w5, 3prn") && draft.contains(#"id="send-changes""#))
                let print = try await browser.get(base + "/print").body.string
                #expect(print.contains("SN 2w4, 1w5, 3prn") && !print.contains("SN 3w4"))
                #expect(print.contains("Draft changes (version 5) are not on this plan until the physician signs them."))
                let chart = try await browser.get(SiteURL.patient(try cast.ownPatient.requireID()).path).body.string
                #expect(chart.contains("version 4 signed by Physician, in force; draft version 5 not yet signed"))
                #expect(chart.contains("Visits follow the signed version 4; draft changes (version 5) are not booked"))
                #expect(try await deadline(app, "plan-of-care-signed")?.state == "met")
                #expect(try await deadline(app, "plan-change-signed") == nil)

                // act: the changes go to the physician as one interim order for version 5.
                #expect(try await browser.post(base + "/send-changes", form: [:]).status == .seeOther)
                let interim = try await orders.order(app, kind: .interim)
                let version5 = try #require(try await CarePlanVersionRecord.query(on: app.db).filter(\.$version == 5).first())
                #expect(interim.status == "sent" && interim.$carePlanVersion.id == version5.id)
                #expect(try OrderStore.decode(interim).document.contains("version 4 → version 5"))
                let awaiting = try await browser.get(base).body.string
                #expect(awaiting.contains("Version 5 sent to Physician on") && awaiting.contains("version 4 stays in force until then"))
                // The clock owes the change's signature; the plan of care's stays met.
                #expect(try await deadline(app, "plan-change-signed")?.outstanding == true)
                #expect(try await deadline(app, "plan-of-care-signed")?.state == "met")
                #expect(try await auditTrail(app).contains { $0.action == "order.send" && $0.detail == "interim, version 5" })

                // The physician signs the change: version 5 is in force.
                try await sign(app, interim)
                let inForce = try await browser.get(base).body.string
                #expect(inForce.contains("Version 5, signed by Physician on") && !inForce.contains(#"id="plan-draft""#))
                #expect(try await browser.get(base + "/print").body.string.contains("SN 3w4, 1w5, 3prn"))
                #expect(try await deadline(app, "plan-change-signed")?.state == "met")
            }
        }

        @Test func sendingChangesNeedsAPlanOfCareWithThePhysicianAndADraft() async throws {
            try await withHearth { app in
                let (browser, _, base) = try await orders.completePlan(app)
                let early = try await browser.post(base + "/send-changes", form: [:])
                #expect(early.status == .unprocessableEntity && early.body.string.contains("send the plan of care"))
                try await browser.post(base + "/send", form: [:])
                try await browser.get(base)
                let nothing = try await browser.post(base + "/send-changes", form: [:])
                #expect(nothing.status == .unprocessableEntity && nothing.body.string.contains("There are no draft changes to send"))
                #expect(try await PhysicianOrderRecord.query(on: app.db).filter(\.$kind == OrderKind.interim.rawValue).count() == 0)
            }
        }

        @Test func visitsAreBookedFromTheSignedVersionAndAnUnsignedPlanSaysSo() async throws {
            try await withHearth { app in
                let (browser, cast, base) = try await orders.completePlan(app)
                let patientID = try cast.ownPatient.requireID()
                let chart = SiteURL.patient(patientID).path
                // Before any signature the draft is booked, and the chart says the plan is not signed yet.
                #expect(try await browser.get(chart).body.string.contains("The plan of care is not signed yet: visits are booked from the draft (version 4)"))
                try await browser.post(base + "/send", form: [:])
                try await sign(app, try await orders.order(app, kind: .planOfCareStartOfCare))
                // A PT intervention added after the signature is a draft: scheduling does not book it.
                try await browser.get(base)
                let problemID = try await plans.current(app).problems[0].id
                #expect(try await browser.post(base + "/interventions", form: [
                    "problemID": problemID, "discipline": "PT", "action": "Gait training with a walker", "frequency": "1w4",
                ]).status == .seeOther)
                try await browser.get(chart)
                #expect(try await browser.post(SiteURL.patient(patientID, .visits).path + "/generate", form: [:]).status == .seeOther)
                let booked = try await VisitRecord.query(on: app.db).filter(\.$patient.$id == patientID).all()
                #expect(booked.contains { $0.discipline == "SN" } && !booked.contains { $0.discipline == "PT" })
                // Sent and signed, the PT visits are booked.
                try await browser.get(base)
                try await browser.post(base + "/send-changes", form: [:])
                try await sign(app, try await orders.order(app, kind: .interim))
                try await browser.get(chart)
                try await browser.post(SiteURL.patient(patientID, .visits).path + "/generate", form: [:])
                #expect(try await VisitRecord.query(on: app.db).filter(\.$patient.$id == patientID).filter(\.$discipline == "PT").count() > 0)
            }
        }

        @Test func aReturnedChangeIsCorrectedOnThePlanAndResentWithTheCorrection() async throws {
            try await withHearth { app in
                // setup: a signed plan; an SN frequency change sent; the physician returns it asking for PT too.
                let (browser, _, base) = try await signedPlan(app)
                let intervention = try await plans.current(app).interventions[0]
                try await browser.post(base + "/interventions/\(intervention.id)/frequency", form: [
                    "frequency": "3w4, 1w5, 3prn", "prnTrigger": intervention.prnTrigger ?? "",
                ])
                try await browser.get(base)
                try await browser.post(base + "/send-changes", form: [:])
                let interim = try await orders.order(app, kind: .interim)
                let path = SiteURL.order(try interim.requireID()).path
                let doctor = Browser(app)
                try await doctor.login("physician")
                try await doctor.get(path)
                #expect(try await doctor.post(path + "/reject", form: ["comment": "Add a PT evaluation for gait"]).status == .seeOther)
                // act: the case manager adds PT on the plan (version 6) and resends the order from its page.
                try await browser.get(base)
                let problemID = try await plans.current(app).problems[0].id
                #expect(try await browser.post(base + "/interventions", form: [
                    "problemID": problemID, "discipline": "PT", "action": "Evaluate gait and balance", "frequency": "1w1",
                ]).status == .seeOther)
                try await browser.get(path)
                #expect(try await browser.post(path + "/resend", form: [:]).status == .seeOther)
                // check: one order, revision 2, carrying both changes since the signed version 4, bound to version 6.
                let resent = try await orders.order(app, kind: .interim)
                let document = try OrderStore.decode(resent).document
                #expect(resent.status == "sent" && document.contains("version 4 → version 6"))
                #expect(document.contains("Frequency changed: SN 2w4, 1w5, 3prn → SN 3w4, 1w5, 3prn") && document.contains("Intervention added: PT 1w1"))
                let version6 = try #require(try await CarePlanVersionRecord.query(on: app.db).filter(\.$version == 6).first())
                #expect(resent.$carePlanVersion.id == version6.id)
                #expect(try await PhysicianOrderRecord.query(on: app.db).filter(\.$kind == OrderKind.interim.rawValue).count() == 1)
                #expect(try await CareTask.query(on: app.db).filter(\.$source == WorklistSource.returnedOrder.rawValue).first()?.status == "done")
                #expect(!(try await browser.get(base)).body.string.contains(#"id="send-changes""#)) // the physician has them all
            }
        }

        @Test func aReturnedOrderLeadsTheCaseManagersHomeAndClosesOnlyWhenWithdrawnWithAReason() async throws {
            try await withHearth { app in
                // setup: the physician returns the plan of care.
                let (browser, _, base) = try await orders.completePlan(app)
                try await browser.post(base + "/send", form: [:])
                let record = try await orders.order(app, kind: .planOfCareStartOfCare)
                let path = SiteURL.order(try record.requireID()).path
                let doctor = Browser(app)
                try await doctor.login("physician")
                try await doctor.get(path)
                #expect(try await doctor.post(path + "/reject", form: ["comment": "Add a PT evaluation for gait"]).status == .seeOther)

                // check: first on her home page, with the reason and the way to the order; no "Done".
                let home = try await browser.get(SiteURL.home.path).body.string
                #expect(home.contains(#"id="returned-orders""#) && home.contains("Add a PT evaluation for gait") && home.contains("Correct and resend"))
                #expect(home.contains(path))
                let returnedAt = try #require(home.range(of: "Returned by the physician (1)")), dueAt = try #require(home.range(of: "Due and overdue"))
                #expect(returnedAt.lowerBound < dueAt.lowerBound)
                let task = try #require(try await CareTask.query(on: app.db).filter(\.$source == WorklistSource.returnedOrder.rawValue).first())
                #expect(task.detail?.contains("Add a PT evaluation for gait") == true)
                let worklist = try await browser.get(SiteURL.worklist.path).body.string
                let taskID = try task.requireID().uuidString.lowercased()
                #expect(worklist.contains(#"id="correct-\#(taskID)""#) && !worklist.contains(#"id="done-\#(taskID)""#))
                // "Done" is refused: the order would stay returned while its task vanished.
                #expect(try await browser.post(SiteURL.task(try task.requireID(), .done).path, form: [:]).status == .conflict)
                #expect(try await CareTask.find(task.id, on: app.db)?.status == "open")

                // act: withdrawn without a reason is refused; with one, the order is withdrawn and the task closes.
                let page = try await browser.get(path).body.string
                #expect(page.contains(#"id="correct-and-resend""#) && page.contains(#"id="withdraw-order""#))
                #expect(try await browser.post(path + "/withdraw", form: ["reason": ""]).status == .unprocessableEntity)
                try await browser.get(path)
                #expect(try await browser.post(path + "/withdraw", form: ["reason": "Replaced by the verbal order taken today"]).status == .seeOther)
                #expect(try await orders.order(app, kind: .planOfCareStartOfCare).status == "withdrawn")
                #expect(try await CareTask.find(task.id, on: app.db)?.status == "done")
                #expect(try await browser.get(path).body.string.contains("Replaced by the verbal order taken today"))
                #expect(!(try await browser.get(SiteURL.home.path)).body.string.contains(#"id="returned-orders""#))
                #expect(try await auditTrail(app).contains { $0.action == "order.withdraw" && $0.outcome == "success" })
                #expect(try await RecordChange.query(on: app.db).all().contains { $0.newValue?.contains("withdrawn:") == true })
                // A withdrawn order is no longer unsigned work.
                #expect(try await browser.get(SiteURL.orders.path).body.string.contains("No unsigned orders."))
            }
        }
    }
}
