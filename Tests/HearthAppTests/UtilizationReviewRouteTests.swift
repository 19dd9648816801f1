import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// The UR nurse's queue, a stay's review, the payer log, denials and appeals, avoidable days and the reports (issue 22):
    /// she reviews her hospital's stays and nothing of the agency's; bad input is refused with the reason by the field.
    @Suite struct UtilizationReviewRouteTests {
        func seeded(_ app: Application) async throws -> Browser {
            try await DemoHospital.seed(now: Date(), zone: app.settings.agencyTimeZone, hasher: app.password, on: app.db)
            try await DemoUtilization.seed(now: Date(), zone: app.settings.agencyTimeZone, hasher: app.password, on: app.db)
            let browser = Browser(app)
            try await browser.login(DemoUtilization.username, password: DemoSeed.password)
            return browser
        }

        func stay(_ family: String, _ app: Application) async throws -> UUID {
            try #require(try await HospitalStay.query(on: app.db).filter(\.$familyName == family).first()?.requireID())
        }

        @Test func herHomeIsTheRankedQueueWithEveryReason() async throws {
            try await withHearth { app in
                let browser = try await seeded(app)
                let home = try await browser.get("/").body.string
                #expect(home.contains("Review queue") && home.contains(#"id="queue""#))
                for reason in QueueReason.allCases {
                    #expect(home.contains("reason-\(reason.rawValue)"), "\(reason)")
                }
                // The ICU is not the case manager's, but the UR nurse reviews the whole hospital; a discharged stay is not in the queue.
                #expect(home.contains("Vance, Walter") && !home.contains("Abbott, Frank"))
                // Ranked: the first row has the heaviest reasons.
                let first = try #require(home.range(of: "queue-stay"))
                #expect(home[first.lowerBound...].prefix(600).contains("Nakamura") || home[first.lowerBound...].prefix(600).contains("Zhou"))
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "utilization.queue").count() >= 1)
            }
        }

        @Test func sheCannotOpenAnAgencyChartNorChangeAStaysOrders() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = try await seeded(app)
                #expect(try await browser.get(SiteURL.patient(try cast.ownPatient.requireID()).path).status == .notFound)
                let id = try await stay("Baker", app)
                #expect(try await browser.get(SiteURL.hospitalStay(id).path).status == .ok)
                // She reads a current stay, and is offered no form she would be refused (notices, status, discharge, its plan).
                let current = try await stay("Umarov", app)
                let page = try await browser.get(SiteURL.hospitalStay(current).path)
                #expect(page.status == .ok)
                for form in ["notice-form", "status-form", "plan-form", "discharge-form", "needs-form"] {
                    #expect(!page.body.string.contains(#"id="\#(form)""#), "the UR nurse's stay page offers \(form)")
                }
                let manager = Browser(app)
                try await manager.login(DemoHospital.username, password: DemoSeed.password)
                let managed = try await manager.get(SiteURL.hospitalStay(current).path).body.string
                #expect(managed.contains(#"id="notice-form""#) && managed.contains(#"id="needs-form""#), "her case manager has the forms")
                // The stay page's way back ("/hospital") is her queue, not the case manager's unit list.
                #expect(try await browser.get(SiteURL.hospital.path).body.string.contains(#"id="queue""#))
                let now = HospitalController.formValue(Date(), zone: app.settings.agencyTimeZone)
                let notice = try await browser.post(SiteURL.hospitalStay(id, .notices).path, form: ["kind": "im_initial", "deliveredAt": now, "outcome": "signed", "recipient": "Patient"])
                #expect(notice.status == .notFound)
                // The agency's case manager sees none of it.
                let agency = Browser(app)
                try await agency.login("casemanager")
                #expect(try await agency.get(SiteURL.stayReview(id, .show).path).status == .notFound)
                #expect(try await agency.get(SiteURL.utilization(.queue).path).status == .notFound)
            }
        }

        @Test func aNurseOfAnotherHospitalSeesNothing() async throws {
            try await withHearth { app in
                _ = try await seeded(app)
                let other = try await makeUser("otherur", role: .utilizationReviewNurse, on: app)
                let hospital = Organization(name: "Lakeside Medical Center", kind: .provider, phone: "555-0199")
                try await hospital.create(on: app.db)
                try await HospitalReviewer(hospitalID: try hospital.requireID(), userID: try other.requireID()).create(on: app.db)
                let browser = Browser(app)
                try await browser.login("otherur")
                let baker = try await stay("Baker", app)
                let refused = try await browser.get(SiteURL.stayReview(baker, .show).path).status
                #expect(refused == .notFound)
                let queue = try await browser.get("/").body.string
                #expect(queue.contains(#"id="queue-empty""#) && !queue.contains("Baker"))
            }
        }

        @Test func sheRecordsAReviewAndAPayerCallOrIsToldWhatToFix() async throws {
            try await withHearth { app in
                let browser = try await seeded(app)
                let id = try await stay("Alvarez", app)
                let zone = app.settings.agencyTimeZone
                let page = try await browser.get(SiteURL.stayReview(id, .show).path).body.string
                #expect(page.contains("Hearth&#39;s CMS rules") || page.contains("Hearth's CMS rules"))
                let early = try await browser.post(SiteURL.stayReview(id, .reviews).path, form: [
                    "kind": "admission", "reviewedAt": "2020-01-01T08:00", "levelOfCare": "inpatient", "criteriaSource": "hearth-cms",
                    "criteriaMet": "met", "evidence": "Typed evidence that is kept", "nextReview": "2020-01-02", "drg": "194",
                ])
                #expect(early.status == .unprocessableEntity)
                #expect(early.body.string.contains("A review cannot be dated before the patient arrived") && early.body.string.contains("Typed evidence that is kept"))
                #expect(early.body.string.contains(#"id="r-reviewedAt-error""#))
                let now = HospitalController.formValue(Date(), zone: zone)
                let tomorrow = CalendarDate(Date(), in: zone).adding(days: 1).description
                let saved = try await browser.post(SiteURL.stayReview(id, .reviews).path, form: [
                    "kind": "admission", "reviewedAt": now, "levelOfCare": "inpatient", "criteriaSource": "hearth-cms", "criteriaMet": "met",
                    "evidence": "Multilobar infiltrate, 4 L oxygen, IV ceftriaxone", "nextReview": tomorrow, "drg": "194",
                ])
                #expect(saved.status == .seeOther)
                let call = try await browser.post(SiteURL.stayReview(id, .payer).path, form: [
                    "communicatedAt": now, "method": "portal", "contact": "Medicare Advantage UM", "clinicalsSent": "yes", "daysApproved": "3",
                    "approvedThrough": "", "reference": "REF-1",
                ])
                #expect(call.status == .unprocessableEntity && call.body.string.contains("Give the last approved day"))
                let logged = try await browser.post(SiteURL.stayReview(id, .payer).path, form: [
                    "communicatedAt": now, "method": "portal", "contact": "Medicare Advantage UM", "clinicalsSent": "yes", "daysApproved": "3",
                    "approvedThrough": tomorrow, "nextReview": tomorrow, "reference": "REF-1",
                ])
                #expect(logged.status == .seeOther)
                let after = try await browser.get(SiteURL.stayReview(id, .show).path).body.string
                #expect(after.contains("DRG 194") && after.contains("REF-1") && after.contains("LOS "))
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "utilization.review").count() == 1)
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "utilization.payer_communication").count() == 1)
            }
        }

        @Test func anAppealAfterItsDeadlineNeedsGoodCause() async throws {
            try await withHearth { app in
                let browser = try await seeded(app)
                let id = try await stay("Baker", app)
                // setup: a stay that ended last summer, its denial received 130 days ago: the redetermination was due 10 days ago.
                let zone = app.settings.agencyTimeZone, today = CalendarDate(Date(), in: zone)
                let baker = try #require(try await HospitalStay.find(id, on: app.db))
                baker.arrivedAt = Date().addingTimeInterval(-140 * 86_400)
                baker.dischargedAt = Date().addingTimeInterval(-135 * 86_400)
                try await baker.save(on: app.db)
                let denied = try await browser.post(SiteURL.stayReview(id, .denials).path, form: [
                    "kind": "admission", "receivedOn": today.adding(days: -130).description, "reason": "Two-midnight expectation not documented",
                ])
                #expect(denied.status == .seeOther)
                let denial = try #require(try await PayerDenialRecord.query(on: app.db).filter(\.$stay.$id == id).first())
                let late = try await browser.post(SiteURL.stayReview(id, .appeal(denial: try denial.requireID())).path, form: [
                    "level": "redetermination", "filedOn": today.adding(days: -9).description, "note": "kept note",
                ])
                #expect(late.status == .unprocessableEntity)
                #expect(late.body.string.contains("give the good cause for filing late") && late.body.string.contains("kept note"))
                let onTime = try await browser.post(SiteURL.stayReview(id, .appeal(denial: try denial.requireID())).path, form: [
                    "level": "redetermination", "filedOn": today.adding(days: -10).description,
                ])
                #expect(onTime.status == .seeOther)
                let filed = try await PayerAppealRecord.query(on: app.db).filter(\.$denial.$id == denial.requireID()).first()
                #expect(filed?.deadline == today.adding(days: -10).description && filed?.outcome == "pending")
                let avoidable = try await browser.post(SiteURL.stayReview(id, .avoidableDays).path, form: ["reason": "other", "from": "2020-01-01"])
                #expect(avoidable.status == .unprocessableEntity && avoidable.body.string.contains("Say what the patient is waiting for"))
            }
        }

        @Test func theReportsShowAvoidableDaysAndDenials() async throws {
            try await withHearth { app in
                let browser = try await seeded(app)
                let days = try await browser.get(SiteURL.utilization(.avoidableDays).path).body.string
                #expect(days.contains(#"id="bar-chart""#) && days.contains("Waiting on a post-acute provider to accept") && days.contains("$"))
                let denials = try await browser.get(SiteURL.utilization(.denials).path).body.string
                #expect(denials.contains("Abbott, Frank") && denials.contains("Redetermination") && denials.contains("Pending"))
                #expect(denials.contains("Internal appeal by"))
            }
        }
    }
}
