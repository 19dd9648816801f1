import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

/// Issue 17 finding 12: the demo payer's day was empty. The health plan's case manager now has members, each with a
/// visit authorization counted against the visits made, and her home page leads with what she acts on.
extension AllTests.DemoSeedTests {
    @Test func theDemoPayerHasMembersWithAuthorizationsToActOn() async throws {
        try await withHearth { app in
            // setup
            _ = try await seed(app, patients: 130, seed: 7)
            let payer = try #require(try await User.query(on: app.db).filter(\.$username == "payer").first())
            let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
            // act
            let members = try await PatientAccess.members(of: try payer.requireID(), on: app.db)
            let authorizations = try await AuthorizationStore.withUse(patientIDs: members, on: app.db)
            let attention = try await AuthorizationStore.needingAttention(members: members, today: today, on: app.db)
            // check: every member has an authorization of the plan, used by visits made and no more than were made
            #expect(members.count >= 8)
            #expect(Set(authorizations.map(\.0)) == Set(members))
            #expect(authorizations.allSatisfy { $0.2.payer == DemoPayer.plan && $0.3 > 0 })
            let kinds = Set(attention.map(\.attention))
            #expect(kinds.isSuperset(of: [.nearExhaustion, .expiring, .exhaustedWithVisitsScheduled]), "\(kinds)")
            #expect(attention.count < members.count) // most are comfortably in force
            let exhausted = try #require(attention.first { $0.attention == .exhaustedWithVisitsScheduled })
            #expect(exhausted.used == exhausted.authorization.visitsAuthorized && exhausted.scheduled > 0)
            // the seeded history keeps every clinician to one visit at a time
            let visits = try await VisitRecord.query(on: app.db).filter(\.$patient.$id ~~ members).filter(\.$status == "completed").all()
            let all = try await VisitRecord.query(on: app.db).filter(\.$clinician.$id ~~ Set(visits.compactMap(\.$clinician.id))).all()
            for visit in visits {
                let slot = try #require(VisitStore.slot(visit))
                #expect(!all.contains { $0.id != visit.id && $0.$clinician.id == visit.$clinician.id && VisitStore.slot($0)?.overlaps(slot) == true })
            }
        }
    }

    @Test func thePayersHomeListsWhatToReviewAndHerMembersOnly() async throws {
        try await withHearth { app in
            // setup
            _ = try await seed(app, patients: 130, seed: 7)
            let payer = try #require(try await User.query(on: app.db).filter(\.$username == "payer").first())
            let members = try await PatientAccess.members(of: try payer.requireID(), on: app.db)
            let attention = try await AuthorizationStore.needingAttention(members: members, today: CalendarDate(Date(), in: app.settings.agencyTimeZone), on: app.db)
            let stranger = try #require(try await Patient.query(on: app.db).filter(\.$id !~ members).sort(\.$mrn).first())
            let browser = Browser(app)
            // act
            try await browser.login("payer", password: DemoSeed.password)
            let home = try await browser.get(SiteURL.home.path).body.string
            // check: the heading counts the list, each item leads to the member's authorizations
            #expect(home.contains("Authorizations to review (\(attention.count))"))
            let panel = try #require(home.components(separatedBy: "id=\"authorizations-to-review\"").last?.components(separatedBy: "</section>").first)
            #expect(panel.components(separatedBy: "/authorizations\"").count - 1 == attention.count)
            #expect(home.contains("Near exhaustion") && home.contains("Expiring") && home.contains("Used up, visits booked"))
            #expect(home.contains("My members"))
            // a member's chart and authorizations open; a patient who is not her member stays hidden
            let member = try #require(attention.first?.patientID)
            #expect(try await browser.get(SiteURL.patient(member, .authorizations).path).status == .ok)
            #expect(try await browser.get(SiteURL.patient(member).path).status == .ok)
            #expect(try await browser.get(SiteURL.patient(try stranger.requireID()).path).status == .notFound)
            #expect(try await browser.get(SiteURL.patient(try stranger.requireID(), .authorizations).path).status == .notFound)
            // her patient list is her members
            let list = try await browser.get("/patients?limit=100").body.string
            #expect(!list.contains(stranger.mrn))
        }
    }
}
