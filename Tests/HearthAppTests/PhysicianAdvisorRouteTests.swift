import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// The physician advisor and the UR committee [42 CFR 482.30] (issue 22): the administrator keeps the roster, the UR
    /// nurse refers a stay to a member who passes the conflict rule, the advisor answers from their queue, and a finding
    /// of "not medically necessary" puts the written notice on the stay's clock.
    @Suite struct PhysicianAdvisorRouteTests {
        func seeded(_ app: Application) async throws {
            try await DemoHospital.seed(now: Date(), zone: app.settings.agencyTimeZone, hasher: app.password, on: app.db)
            try await DemoUtilization.seed(now: Date(), zone: app.settings.agencyTimeZone, hasher: app.password, on: app.db)
            if try await User.query(on: app.db).filter(\.$username == "physician").count() == 0 { _ = try await makeUser("physician", role: .physician, on: app) }
            try await DemoAdvisor.seed(now: Date(), hasher: app.password, on: app.db)
        }

        func signedIn(_ username: String, _ app: Application) async throws -> Browser {
            let browser = Browser(app)
            try await browser.login(username, password: DemoSeed.password)
            return browser
        }

        func stay(_ family: String, _ app: Application) async throws -> HospitalStay {
            try #require(try await HospitalStay.query(on: app.db).filter(\.$familyName == family).first())
        }

        func userID(_ username: String, _ app: Application) async throws -> String {
            try #require(try await User.query(on: app.db).filter(\.$username == username).first()?.requireID().uuidString)
        }

        @Test func theAdministratorKeepsTheRosterAndOnlyPhysiciansJoin() async throws {
            try await withHearth { app in
                try await seeded(app)
                _ = try await makeUser("admin", role: .admin, on: app)
                let admin = Browser(app)
                try await admin.login("admin")
                let page = try await admin.get(SiteURL.admin(.urCommittee).path)
                #expect(page.status == .ok)
                let body = page.body.string
                #expect(body.contains("Dr. Miriam Ostrowski, MD") && body.contains("2% ownership share") && body.contains("42 CFR 482.30(b)"))
                let hospital = try #require(try await Organization.query(on: app.db).filter(\.$name == DemoUtilization.hospitalName).first()?.requireID().uuidString)
                // A nurse is refused by the field, the typing kept.
                let nurse = try await admin.post(SiteURL.admin(.urCommittee).path, form: [
                    "hospital": hospital, "user": try await userID(DemoUtilization.username, app), "financialInterest": "kept typing",
                ])
                #expect(nurse.status == .unprocessableEntity)
                #expect(nurse.body.string.contains("is not a physician") && nurse.body.string.contains("kept typing"))
                let again = try await admin.post(SiteURL.admin(.urCommittee).path, form: ["hospital": hospital, "user": try await userID(DemoAdvisor.username, app)])
                #expect(again.status == .unprocessableEntity && again.body.string.contains("Already on this hospital"))
                // A new physician joins, then leaves; both audited.
                let newcomer = try await makeUser("drkim", role: .physicianAdvisor, on: app)
                let added = try await admin.post(SiteURL.admin(.urCommittee).path, form: ["hospital": hospital, "user": try newcomer.requireID().uuidString])
                #expect(added.status == .seeOther)
                let row = try #require(try await URCommitteeMemberRecord.query(on: app.db).filter(\.$user.$id == newcomer.requireID()).first())
                #expect(try await admin.post(SiteURL.admin(.urCommitteeMember(try row.requireID(), .remove)).path, form: [:]).status == .seeOther)
                #expect(try await URCommitteeMemberRecord.query(on: app.db).filter(\.$user.$id == newcomer.requireID()).count() == 0)
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action ~~ ["ur_committee.add", "ur_committee.remove"]).count() == 2)
                // The advisor declares an interest: recorded in place, and the UR nurse can no longer refer a stay to them; cleared, she can.
                let advisorRow = try #require(try await URCommitteeMemberRecord.query(on: app.db).filter(\.$user.$id == UUID(uuidString: userID(DemoAdvisor.username, app))!).first())
                let interestPath = SiteURL.admin(.urCommitteeMember(try advisorRow.requireID(), .interest)).path
                #expect(try await admin.post(interestPath, form: ["financialInterest": "  1% share in the hospital's imaging center "]).status == .seeOther)
                #expect(try await URCommitteeMemberRecord.find(advisorRow.id, on: app.db)?.financialInterest == "1% share in the hospital's imaging center")
                #expect(try await admin.get(SiteURL.admin(.urCommittee).path).body.string.contains(#"value="1% share in the hospital&#39;s imaging center""#))
                let urNurse = try await signedIn(DemoUtilization.username, app)
                let stayID = try #require(try await HospitalStay.query(on: app.db).filter(\.$dischargedAt == nil).first()?.requireID())
                let refer = ["advisor": try await userID(DemoAdvisor.username, app), "question": "Still necessary?"]
                let refused = try await urNurse.post(SiteURL.stayReview(stayID, .advisor).path, form: refer)
                #expect(refused.status == .unprocessableEntity && refused.body.string.contains("recorded financial interest"))
                #expect(try await admin.post(interestPath, form: ["financialInterest": ""]).status == .seeOther)
                #expect(try await URCommitteeMemberRecord.find(advisorRow.id, on: app.db)?.financialInterest == nil)
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "ur_committee.interest").count() == 2)
                #expect(try await urNurse.post(SiteURL.stayReview(stayID, .advisor).path, form: refer).status == .seeOther)
                // Nobody else manages it.
                for role in [("urnurse", true), ("advisor", true)] {
                    let other = try await signedIn(role.0, app)
                    #expect(try await other.get(SiteURL.admin(.urCommittee).path).status == .forbidden)
                    #expect(try await other.post(SiteURL.admin(.urCommittee).path, form: ["hospital": hospital]).status == .forbidden)
                }
            }
        }

        @Test func theNurseRefersOnlyToAMemberWithoutAConflict() async throws {
            try await withHearth { app in
                try await seeded(app)
                let nurse = try await signedIn(DemoUtilization.username, app)
                // Reyes attends every third stay: find one she attends.
                let attended = try #require(try await HospitalStay.query(on: app.db).filter(\.$attending == "Dr. Sofia Reyes").filter(\.$dischargedAt == nil).first())
                let id = try attended.requireID()
                let page = try await nurse.get(SiteURL.stayReview(id, .show).path).body.string
                #expect(page.contains("Dr. Sofia Reyes (may not review this stay)") && page.contains(#"id="committee-note""#))
                let treats = try await nurse.post(SiteURL.stayReview(id, .advisor).path, form: [
                    "advisor": try await userID(DemoAdvisor.attendingMember, app), "question": "Is the stay still necessary?",
                ])
                #expect(treats.status == .unprocessableEntity)
                #expect(treats.body.string.contains("treats this patient") && treats.body.string.contains("Is the stay still necessary?"))
                let interested = try await nurse.post(SiteURL.stayReview(id, .advisor).path, form: [
                    "advisor": try await userID("physician", app), "question": "Is the stay still necessary?",
                ])
                #expect(interested.status == .unprocessableEntity && interested.body.string.contains("recorded financial interest"))
                let none = try await nurse.post(SiteURL.stayReview(id, .advisor).path, form: ["advisor": "", "question": ""])
                #expect(none.status == .unprocessableEntity && none.body.string.contains("Choose the physician advisor"))
                let referred = try await nurse.post(SiteURL.stayReview(id, .advisor).path, form: [
                    "advisor": try await userID(DemoAdvisor.username, app), "question": "Is the stay still necessary?",
                ])
                #expect(referred.status == .seeOther)
                let advisor = try await signedIn(DemoAdvisor.username, app)
                let queue = try await advisor.get("/").body.string
                #expect(queue.contains("Advisor referrals") && queue.contains(attended.listName) && queue.contains("Is the stay still necessary?"))
                // The nurse may not record the determination: she reads the stay, so the refusal is a 403 naming the rule.
                let referral = try #require(try await AdvisorReferral.query(on: app.db).filter(\.$stay.$id == id).first())
                let hers = try await nurse.post(SiteURL.stayReview(id, .determination(referral: try referral.requireID())).path, form: [
                    "outcome": "necessary", "attendingView": "concurs", "rationale": "Meets criteria on the record.",
                ])
                #expect(hers.status == .forbidden)
            }
        }

        @Test func theAdvisorDecidesAndTheNoticeComesDue() async throws {
            try await withHearth { app in
                try await seeded(app)
                let advisor = try await signedIn(DemoAdvisor.username, app)
                let russo = try await stay("Russo", app), id = try russo.requireID()
                let referral = try #require(try await AdvisorReferral.query(on: app.db).filter(\.$stay.$id == id).first())
                let path = SiteURL.stayReview(id, .determination(referral: try referral.requireID())).path
                let page = try await advisor.get(SiteURL.stayReview(id, .show).path)
                #expect(page.status == .ok)
                // Theirs to decide, not to review: no review form, one determination form.
                #expect(page.body.string.contains("Your determination") && !page.body.string.contains(#"id="review-form""#))
                // Not medically necessary with the attending disagreeing and no second member: refused by the field, typing kept.
                let alone = try await advisor.post(path, form: ["outcome": "not_necessary", "attendingView": "disagrees", "rationale": "Kept rationale: pain controlled."])
                #expect(alone.status == .unprocessableEntity)
                #expect(alone.body.string.contains("at least two committee members") && alone.body.string.contains("Kept rationale: pain controlled."))
                // The second member passes the conflict rule too: Patel has a recorded financial interest.
                let patel = try await advisor.post(path, form: [
                    "outcome": "not_necessary", "attendingView": "disagrees", "secondMember": try await userID("physician", app), "rationale": "Pain controlled.",
                ])
                #expect(patel.status == .unprocessableEntity && patel.body.string.contains("financial interest"))
                let notAsked = try await advisor.post(path, form: ["outcome": "not_necessary", "attendingView": "not_consulted", "rationale": "Pain controlled on oral."])
                #expect(notAsked.status == .unprocessableEntity && notAsked.body.string.contains("482.30(d)(2)"))
                let garbage = try await advisor.post(path, form: ["outcome": "maybe", "attendingView": "", "secondMember": "nobody"])
                #expect(garbage.status == .unprocessableEntity)
                #expect(try await URDeterminationRecord.query(on: app.db).filter(\.$stay.$id == id).count() == 0)
                // With the attending's silence one member decides.
                let decided = try await advisor.post(path, form: ["outcome": "not_necessary", "attendingView": "did_not_respond", "rationale": "Pain controlled on oral medication; PT cleared stairs."])
                #expect(decided.status == .seeOther)
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "utilization.determination").count() == 1)
                #expect(try await advisor.post(path, form: ["outcome": "necessary", "attendingView": "concurs", "rationale": "Changed my mind."]).status == .conflict)
                // The stay's clock owes the written notice within 2 days [42 CFR 482.30(d)(3)]; the case manager sees it.
                let manager = try await signedIn(DemoHospital.username, app)
                let stayPage = try await manager.get(SiteURL.hospitalStay(id).path).body.string
                #expect(stayPage.contains("Written notice of the UR committee") && stayPage.contains("42 CFR 482.30(d)(3)"))
                let review = try await advisor.get(SiteURL.stayReview(id, .show).path).body.string
                #expect(review.contains("Not medically necessary") && !review.contains("Your determination"))
                // Out of their waiting queue once answered, and among their latest determinations with the outcome.
                let queue = try await advisor.get(SiteURL.utilization(.advisorQueue).path).body.string
                let waiting = queue.components(separatedBy: #"id="advisor-answered""#)[0], answered = queue.components(separatedBy: #"id="advisor-answered""#).last ?? ""
                #expect(!waiting.contains("Russo, Vincent") && queue.contains(#"id="advisor-answered""#))
                #expect(answered.contains("Russo, Vincent") && answered.contains("Not medically necessary"))
            }
        }

        @Test func anAdvisorOffTheCommitteeSeesNoStay() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                try await seeded(app)
                _ = try await makeUser("otheradvisor", role: .physicianAdvisor, on: app)
                let other = Browser(app)
                try await other.login("otheradvisor")
                let russo = try await stay("Russo", app)
                #expect(try await other.get(SiteURL.stayReview(try russo.requireID(), .show).path).status == .notFound)
                let home = try await other.get("/").body.string
                #expect(home.contains("You are on no hospital") && home.contains(#"id="advisor-queue-empty""#))
                // The advisor opens no agency chart, and records no review.
                let advisor = try await signedIn(DemoAdvisor.username, app)
                #expect(try await advisor.get(SiteURL.patient(try cast.ownPatient.requireID()).path).status == .notFound)
                let review = try await advisor.post(SiteURL.stayReview(try russo.requireID(), .reviews).path, form: ["kind": "concurrent"])
                #expect(review.status == .notFound)
            }
        }
    }
}
