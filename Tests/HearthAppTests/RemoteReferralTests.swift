import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// The hand-off to a Hearth agency on another installation (issue 22): the administrator records the agency's FHIR base
    /// and the token it issued; the case manager's referral goes over real HTTP; an unreachable agency or a refused token
    /// leaves it "not delivered" with the reason and a retry, never lost; the stay follows the agency's Task.
    @Suite struct RemoteReferralTests {
        let plan = DischargePlanTests()
        static let goodToken = "hth_" + String(repeating: "k", count: 40) + "wxyz"
        static let poller = RemoteReferralDelivery.Actor(id: nil, name: "referral status poller", request: nil)

        func partnerForm(_ provider: String, _ base: String, _ token: String) -> [String: String] { ["provider": provider, "baseURL": base, "token": token] }

        /// A hospital case manager with the stay's plan ready to send to `provider` (chosen first).
        func readyToSend(_ app: Application, provider: String) async throws -> (Browser, UUID) {
            let browser = try await plan.seeded(app)
            let id = try await plan.stay("Umarov", app)
            try await plan.post(browser, .dischargePlan(id, .needs), DischargePlanTests.needs)
            #expect(try await plan.post(browser, .dischargePlan(id, .choice), plan.shown(app) + [("first", provider), ("chooser", "patient")]).status == .seeOther)
            let zone = app.settings.agencyTimeZone
            let facts = DischargePlanTests.orderFacts.merging(["startOfCare": CalendarDate(Date(), in: zone).adding(days: 3).description,
                                                               "faceToFaceDate": CalendarDate(Date(), in: zone).adding(days: -1).description,
                                                               "faceToFaceBy": "Dr. Sofia Reyes"]) { $1 }
            #expect(try await browser.post(SiteURL.dischargePlan(id, .orderFacts).path, form: facts).status == .seeOther)
            return (browser, id)
        }

        func addPartner(_ app: Application, provider: String, base: String, token: String) async throws {
            let admin = Browser(app)
            try await admin.login("admin")
            #expect(try await admin.post(SiteURL.admin(.referralPartners).path, form: partnerForm(provider, base, token)).status == .seeOther)
        }

        /// The app answering real HTTP on a free port of this machine: the "other installation" (the same code, a real socket).
        func listening(_ app: Application) async throws -> Int {
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            return try #require(app.http.server.shared.localAddress?.port)
        }

        @Test func theAdministratorRecordsAPartnerRefusedByTheFieldUntilRightAndTheTokenIsNeverShownAgain() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let admin = Browser(app)
                try await admin.login("admin")
                let url = SiteURL.admin(.referralPartners).path
                #expect(try await admin.get(url).body.string.contains("No partner yet"))
                let own = try await admin.post(url, form: partnerForm("riverbend-hh", "https://agency.example/fhir", Self.goodToken))
                #expect(own.status == .unprocessableEntity && own.body.string.contains(#"id="rp-provider-error""#) && own.body.string.contains("is on this installation"))
                let snf = try await admin.post(url, form: partnerForm("maple-grove-snf", "https://agency.example/fhir", Self.goodToken))
                #expect(snf.status == .unprocessableEntity && snf.body.string.contains("Choose the home health agency"))
                let ftp = try await admin.post(url, form: partnerForm("riverside-at-home", "ftp://agency.example/fhir", Self.goodToken))
                #expect(ftp.status == .unprocessableEntity && ftp.body.string.contains(#"id="rp-baseURL-error""#))
                let clear = try await admin.post(url, form: partnerForm("riverside-at-home", "http://agency.example/fhir", Self.goodToken))
                #expect(clear.status == .unprocessableEntity && clear.body.string.contains("Use https://"))
                let noToken = try await admin.post(url, form: partnerForm("riverside-at-home", "https://agency.example/fhir", ""))
                #expect(noToken.status == .unprocessableEntity && noToken.body.string.contains(#"id="rp-token-error""#))
                let spaced = try await admin.post(url, form: partnerForm("riverside-at-home", "https://agency.example/fhir", "hth_ two words here please"))
                #expect(spaced.status == .unprocessableEntity && spaced.body.string.contains("one line, no spaces"))
                #expect(try await ReferralPartner.query(on: app.db).count() == 0)
                #expect(try await admin.post(url, form: partnerForm("riverside-at-home", "https://agency.example/fhir/", Self.goodToken)).status == .seeOther)
                let page = try await admin.get(url).body.string
                #expect(page.contains("https://agency.example/fhir<") && page.contains("hth_…wxyz") && !page.contains(Self.goodToken))
                // Changing the address keeps the token on file when the field is left empty.
                #expect(try await admin.post(url, form: partnerForm("riverside-at-home", "https://hearth.agency.example/fhir", "")).status == .seeOther)
                let partner = try #require(try await ReferralPartner.query(on: app.db).first())
                #expect(partner.token == Self.goodToken && partner.baseURL == "https://hearth.agency.example/fhir")
                let trail = try await AuditEvent.query(on: app.db).filter(\.$action == "referral_partner.save").all()
                #expect(trail.count == 2 && trail.allSatisfy { !($0.detail ?? "").contains(Self.goodToken) })
                // Nobody but the administrator keeps partners.
                let cm = Browser(app)
                try await cm.login("hospitalcasemanager")
                #expect(try await cm.get(url).status == .forbidden)
            }
        }

        @Test func anUnreachableAgencyLeavesTheReferralNotDeliveredWithARetryAndNothingIsLost() async throws {
            try await withHearth(adjust: { $0.partnerTimeoutSeconds = 2 }) { app in
                _ = try await makeCast(app)
                // Port 1 on this machine: nothing listens, the connection is refused.
                try await addPartner(app, provider: "riverside-at-home", base: "http://127.0.0.1:1/fhir", token: Self.goodToken)
                let (browser, id) = try await readyToSend(app, provider: "riverside-at-home")
                let sent = try await plan.post(browser, .dischargePlan(id, .referrals), [("providers[]", "riverside-at-home"), ("deadlineHours", "24")])
                #expect(sent.status == .seeOther)
                let row = try #require(try await PostAcuteReferralRecord.query(on: app.db).first())
                #expect(row.isUndelivered && row.bundleJSON?.contains("\"Task\"") == true && row.status == "sent")
                #expect(row.remoteProblem?.contains("could not be reached") == true)
                let page = try await browser.get(SiteURL.hospitalStay(id).path)
                #expect(page.status == .ok)
                #expect(page.body.string.contains("Not delivered: retry") && page.body.string.contains("could not be reached")
                    && page.body.string.contains(SiteURL.dischargePlan(id, .retry(try row.requireID())).path))
                let again = try await plan.post(browser, .dischargePlan(id, .retry(try row.requireID())), [])
                #expect(again.status == .seeOther)
                #expect(try await PostAcuteReferralRecord.query(on: app.db).count() == 1)
                let failures = try await AuditEvent.query(on: app.db).filter(\.$action == "discharge_plan.referral_deliver").all()
                #expect(failures.count == 2 && failures.allSatisfy { $0.outcome == "failure" && !($0.detail ?? "").contains("Umarov") })
            }
        }

        @Test func aRefusedTokenSaysSoOnTheStayAndTheReferralIsKept() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let port = try await listening(app)
                try await addPartner(app, provider: "riverside-at-home", base: "http://127.0.0.1:\(port)/fhir", token: Self.goodToken)
                let (browser, id) = try await readyToSend(app, provider: "riverside-at-home")
                #expect(try await plan.post(browser, .dischargePlan(id, .referrals), [("providers[]", "riverside-at-home"), ("deadlineHours", "24")]).status == .seeOther)
                let row = try #require(try await PostAcuteReferralRecord.query(on: app.db).first())
                #expect(row.isUndelivered && row.remoteProblem?.contains("refused the hospital's credential (401)") == true)
                let page = try await browser.get(SiteURL.hospitalStay(id).path).body.string
                #expect(page.contains("Not delivered: retry") && page.contains("ask the agency for a new token"))
                #expect(try await InboundReferral.query(on: app.db).count() == 0)
                await app.server.shutdown()
            }
        }

        @Test func overHTTPTheAgencyTakesTheReferralWithAScopedTokenAndTheStayFollowsItsTask() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let port = try await listening(app)
                // The agency issues the hospital a token held to the referral scopes, acting as a hospital sender account.
                let sender = try await makeUser("riversidegeneral", role: .hospitalCaseManager, on: app)
                let secret = "hth_" + Secret.make()
                let token = APIToken(tokenHash: Secret.hash(secret), userID: try sender.requireID(), name: "Riverside General referrals", now: Date())
                token.scope = try SMARTScopes(parsing: ReferralPartnerRules.referralScopes).description
                try await token.create(on: app.db)
                var bearer = HTTPHeaders()
                bearer.bearerAuthorization = .init(token: secret)
                #expect(try await app.testing().sendRequest(.GET, SiteURL.fhir(.base).path + "/Patient", headers: bearer).status == .forbidden)
                try await addPartner(app, provider: "riverside-at-home", base: "http://127.0.0.1:\(port)/fhir", token: secret)
                let (browser, id) = try await readyToSend(app, provider: "riverside-at-home")
                #expect(try await plan.post(browser, .dischargePlan(id, .referrals), [("providers[]", "riverside-at-home"), ("deadlineHours", "24")]).status == .seeOther)
                let row = try #require(try await PostAcuteReferralRecord.query(on: app.db).first())
                let inbound = try #require(try await InboundReferral.query(on: app.db).first())
                #expect(row.remoteTaskID == "inbound-" + (try inbound.requireID()).uuidString.lowercased() && row.remoteProblem == nil)
                #expect(inbound.$sender.id == sender.id && inbound.patientName == "Umarov, Timur")
                let sentPage = try await browser.get(SiteURL.hospitalStay(id).path).body.string
                #expect(sentPage.contains("Riverside at Home (synthetic)&#39;s Hearth over HTTP: waiting for the agency&#39;s intake"))
                // The Task id is for the technically minded: on hover, not in the words.
                #expect(sentPage.contains("title=\"Task \(row.remoteTaskID ?? "")\"") && !sentPage.contains("(Task inbound-"))
                // The agency's intake accepts; the background poll, once the interval has passed, reads the Task.
                let intake = Browser(app)
                try await intake.login("intake")
                try await intake.get(SiteURL.inboundReferral(try inbound.requireID()).path)
                #expect(try await intake.post(SiteURL.inboundReferral(try inbound.requireID(), .accept).path, form: ["match": "new"]).status == .seeOther)
                row.lastCheckedAt = Date().addingTimeInterval(-10 * 60)
                try await row.save(on: app.db)
                #expect(try await RemoteReferralDelivery.pollDue(app: app, every: 300, actor: Self.poller).changed == 1)
                let accepted = try await browser.get(SiteURL.hospitalStay(id).path).body.string
                #expect(accepted.contains(">Accepted<") && accepted.contains("accepted, start of care being scheduled") && accepted.contains("Status last checked"))
                // The provider that accepted is not offered a second referral.
                #expect(!accepted.contains(#"id="send-form""#))
                let changes = try await AuditEvent.query(on: app.db).filter(\.$action == "discharge_plan.referral_status").all()
                #expect(changes.count == 1 && changes.first?.detail?.contains("accepted") == true)
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "discharge_plan.referral_deliver").filter(\.$outcome == "success").count() == 1)
                #expect(accepted.contains("First visit not yet made"))
                // The agency makes its first visit: the Task's executionPeriod carries the day, and the stay shows it.
                let episodeID = try #require(try await InboundReferral.find(inbound.id, on: app.db)?.$episode.id)
                let visit = VisitRecord()
                (visit.$patient.id, visit.$episode.id) = (try #require(try await EpisodeRecord.find(episodeID, on: app.db)).$patient.id, episodeID)
                (visit.discipline, visit.kind, visit.scheduledOn, visit.startTime, visit.minutes) = ("SN", VisitKind.assessment.rawValue, "2026-12-03", "09:00", 60)
                visit.visitStatus = .completed
                try VisitStore.store(VisitNoteContent(), in: visit)
                try await visit.create(on: app.db)
                row.lastCheckedAt = Date().addingTimeInterval(-10 * 60)
                try await row.save(on: app.db)
                try await RemoteReferralDelivery.pollDue(app: app, every: 300, actor: Self.poller)
                let visited = try await browser.get(SiteURL.hospitalStay(id).path).body.string
                #expect(visited.contains("First visit 2026-12-03"))
                #expect(try await PostAcuteReferralRecord.find(row.id, on: app.db)?.remoteFirstVisit == "2026-12-03")
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "discharge_plan.referral_status").count() == 2)
                await app.server.shutdown()
            }
        }
    }
}
