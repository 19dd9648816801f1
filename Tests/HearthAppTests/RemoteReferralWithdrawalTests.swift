import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp
#if canImport(Glibc)
import Glibc
#endif

extension AllTests {
    /// The hospital withdraws a referral an agency on another installation holds (issue 22): the agency's Task is cancelled
    /// over real HTTP with the referral-scoped token, its inbox shows the withdrawal, and one it had accepted puts an urgent
    /// task on its worklist; an unreachable agency leaves "Withdrawal not delivered: retry". Polling runs off the page.
    @Suite struct RemoteReferralWithdrawalTests {
        let remote = RemoteReferralTests()
        let plan = DischargePlanTests()

        struct Sent {
            var browser: Browser
            var stayID: UUID
            var row: PostAcuteReferralRecord
            var inbound: InboundReferral
            var secret: String
        }

        /// The agency (this app, listening on a real port) issued the hospital a referral token; the referral went over HTTP.
        func sentOverHTTP(_ app: Application) async throws -> Sent {
            _ = try await makeCast(app)
            let port = try await remote.listening(app)
            let sender = try await makeUser("riversidegeneral", role: .hospitalCaseManager, on: app)
            let secret = "hth_" + Secret.make()
            let token = APIToken(tokenHash: Secret.hash(secret), userID: try sender.requireID(), name: "Riverside General referrals", now: Date())
            token.scope = try SMARTScopes(parsing: ReferralPartnerRules.referralScopes).description
            try await token.create(on: app.db)
            try await remote.addPartner(app, provider: "riverside-at-home", base: "http://127.0.0.1:\(port)/fhir", token: secret)
            let (browser, id) = try await remote.readyToSend(app, provider: "riverside-at-home")
            #expect(try await plan.post(browser, .dischargePlan(id, .referrals), [("providers[]", "riverside-at-home"), ("deadlineHours", "24")]).status == .seeOther)
            let row = try #require(try await PostAcuteReferralRecord.query(on: app.db).first())
            let inbound = try #require(try await InboundReferral.query(on: app.db).first())
            #expect(row.remoteTaskID != nil && row.remoteProblem == nil)
            return Sent(browser: browser, stayID: id, row: row, inbound: inbound, secret: secret)
        }

        func withdraw(_ sent: Sent, reason: String) async throws -> TestingHTTPResponse {
            try await plan.post(sent.browser, .dischargePlan(sent.stayID, .answer(try sent.row.requireID())), [("answer", "withdrawn"), ("reason", reason)])
        }

        @Test func aWithdrawalAfterAcceptanceCancelsTheAgencysTaskAndPutsAnUrgentTaskOnItsWorklist() async throws {
            try await withHearth { app in
                let sent = try await sentOverHTTP(app)
                let inboundID = try sent.inbound.requireID()
                let intake = Browser(app)
                try await intake.login("intake")
                try await intake.get(SiteURL.inboundReferral(inboundID).path)
                #expect(try await intake.post(SiteURL.inboundReferral(inboundID, .accept).path, form: ["match": "new"]).status == .seeOther)
                // The hospital hears of the acceptance, then the patient chooses another agency: the case manager withdraws.
                try await RemoteReferralDelivery.pollDue(app: app, every: 0, actor: RemoteReferralTests.poller)
                #expect(try await withdraw(sent, reason: "The patient chose another agency").status == .seeOther)
                let row = try #require(try await PostAcuteReferralRecord.find(sent.row.id, on: app.db))
                #expect(row.status == "withdrawn" && row.remoteTaskStatus == "cancelled" && !row.isWithdrawalUndelivered)
                let inbound = try #require(try await InboundReferral.find(inboundID, on: app.db))
                #expect(inbound.status == "withdrawn" && inbound.withdrawalReason == "The patient chose another agency" && inbound.$episode.id != nil)
                let delivered = try await AuditEvent.query(on: app.db).filter(\.$action == "discharge_plan.referral_withdraw_deliver").all()
                #expect(delivered.count == 1 && delivered.first?.outcome == "success" && !(delivered.first?.detail ?? "").contains("Umarov"))
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "referral.inbound.withdraw").count() == 1)
                // The agency: the Task reads cancelled with the reason; the referral is an alert in the inbox; a task is on the worklist.
                var bearer = HTTPHeaders()
                bearer.bearerAuthorization = .init(token: sent.secret)
                let task = try await app.testing().sendRequest(.GET, "/fhir/Task/inbound-\(inboundID.uuidString.lowercased())", headers: bearer).body.string
                #expect(task.contains(#""status":"cancelled""#) && task.contains("The patient chose another agency"))
                let detail = try await intake.get(SiteURL.inboundReferral(inboundID).path).body.string
                #expect(detail.contains("Withdrawn by the hospital") && detail.contains(#"role="alert""#) && detail.contains("after the agency had accepted it"))
                let todo = try #require(try await CareTask.query(on: app.db).filter(\.$source == WorklistSource.referralWithdrawn.rawValue).first())
                #expect(todo.priority == "urgent" && todo.status == "open" && todo.$patient.id == inbound.$patient.id)
                // The stay: withdrawn, and the agency told; no retry offered.
                let page = try await sent.browser.get(SiteURL.hospitalStay(sent.stayID).path).body.string
                #expect(page.contains(">Withdrawn<") && page.contains("withdrawn, and the agency has been told") && !page.contains("Withdrawal not delivered"))
                // The same withdrawal again is answered as it stands: one worklist task, one withdrawal.
                var put = bearer
                put.contentType = HTTPMediaType(type: "application", subType: "fhir+json")
                let again = try await app.testing().sendRequest(.PUT, "/fhir/Task/inbound-\(inboundID.uuidString.lowercased())", headers: put,
                                                                body: ByteBuffer(string: #"{"resourceType":"Task","status":"cancelled","intent":"order"}"#))
                #expect(again.status == .ok && again.body.string.contains(#""status":"cancelled""#))
                #expect(try await CareTask.query(on: app.db).filter(\.$source == WorklistSource.referralWithdrawn.rawValue).count() == 1)
                await app.server.shutdown()
            }
        }

        @Test func theSenderMayOnlyCancelItsOwnTaskAndAWithdrawnReferralCanNoLongerBeAccepted() async throws {
            try await withHearth { app in
                let sent = try await sentOverHTTP(app)
                let inboundID = try sent.inbound.requireID()
                let path = "/fhir/Task/inbound-\(inboundID.uuidString.lowercased())"
                var put = HTTPHeaders()
                put.bearerAuthorization = .init(token: sent.secret)
                put.contentType = HTTPMediaType(type: "application", subType: "fhir+json")
                let accepted = try await app.testing().sendRequest(.PUT, path, headers: put, body: ByteBuffer(string: #"{"resourceType":"Task","status":"accepted"}"#))
                #expect(accepted.status == .unprocessableEntity && accepted.body.string.contains("may only cancel it"))
                let wrongID = try await app.testing().sendRequest(.PUT, path, headers: put, body: ByteBuffer(string: #"{"resourceType":"Task","id":"inbound-x","status":"cancelled"}"#))
                #expect(wrongID.status == .badRequest && wrongID.body.string.contains("Task.id"))
                #expect(try await app.testing().sendRequest(.PUT, path, headers: put, body: ByteBuffer(string: "not json")).status == .badRequest)
                // Another hospital's token finds no such Task.
                let other = try await makeUser("othergeneral", role: .hospitalCaseManager, on: app)
                let otherSecret = "hth_" + Secret.make()
                let token = APIToken(tokenHash: Secret.hash(otherSecret), userID: try other.requireID(), name: "Other referrals", now: Date())
                token.scope = try SMARTScopes(parsing: ReferralPartnerRules.referralScopes).description
                try await token.create(on: app.db)
                var stranger = put
                stranger.bearerAuthorization = .init(token: otherSecret)
                let body = #"{"resourceType":"Task","status":"cancelled"}"#
                #expect(try await app.testing().sendRequest(.PUT, path, headers: stranger, body: ByteBuffer(string: body)).status == .notFound)
                #expect(try await InboundReferral.find(inboundID, on: app.db)?.status == "requested")
                // Withdrawn before any answer: intake can no longer accept it, and the inbox says so.
                #expect(try await withdraw(sent, reason: "").status == .seeOther)
                let intake = Browser(app)
                try await intake.login("intake")
                let inbox = try await intake.get(SiteURL.referralInbox.path).body.string
                #expect(inbox.contains("Withdrawn by the hospital"))
                try await intake.get(SiteURL.inboundReferral(inboundID).path)
                let refused = try await intake.post(SiteURL.inboundReferral(inboundID, .accept).path, form: ["match": "new"])
                #expect(refused.status == .conflict && refused.body.string.contains("The hospital withdrew this referral"))
                #expect(try await InboundReferral.find(inboundID, on: app.db)?.$patient.id == nil)
                #expect(try await CareTask.query(on: app.db).filter(\.$source == WorklistSource.referralWithdrawn.rawValue).count() == 0)
                await app.server.shutdown()
            }
        }

        @Test func anUnreachableAgencyLeavesTheWithdrawalStandingHereWithARetry() async throws {
            // The default timeout: the first delivery crosses real HTTP on a busy machine; port 1 refuses at once anyway.
            try await withHearth { app in
                let sent = try await sentOverHTTP(app)
                let partner = try #require(try await ReferralPartner.query(on: app.db).first())
                let live = partner.baseURL
                // The agency's server goes away (port 1: nothing listens).
                partner.baseURL = "http://127.0.0.1:1/fhir"
                try await partner.save(on: app.db)
                #expect(try await withdraw(sent, reason: "The patient chose a skilled nursing facility").status == .seeOther)
                let row = try #require(try await PostAcuteReferralRecord.find(sent.row.id, on: app.db))
                #expect(row.status == "withdrawn" && row.isWithdrawalUndelivered && row.remoteProblem?.contains("could not be reached") == true)
                let page = try await sent.browser.get(SiteURL.hospitalStay(sent.stayID).path).body.string
                #expect(page.contains("Withdrawal not delivered: retry") && page.contains("the agency has not been told yet") && page.contains("Retry telling the agency")
                    && page.contains(SiteURL.dischargePlan(sent.stayID, .retry(try row.requireID())).path))
                #expect(try await InboundReferral.find(sent.inbound.id, on: app.db)?.status == "requested")
                // Not offered again until the agency knows: a send now is refused with the reason.
                #expect(!page.contains(#"id="send-form""#))
                let early = try await plan.post(sent.browser, .dischargePlan(sent.stayID, .referrals), [("providers[]", "riverside-at-home"), ("deadlineHours", "24")])
                #expect(early.status == .unprocessableEntity && early.body.string.contains("has not yet been told of the withdrawn referral"))
                // Back up: the retry delivers the withdrawal.
                partner.baseURL = live
                try await partner.save(on: app.db)
                #expect(try await plan.post(sent.browser, .dischargePlan(sent.stayID, .retry(try row.requireID())), []).status == .seeOther)
                #expect(try await InboundReferral.find(sent.inbound.id, on: app.db)?.status == "withdrawn")
                let after = try #require(try await PostAcuteReferralRecord.find(sent.row.id, on: app.db))
                #expect(!after.isWithdrawalUndelivered && after.remoteProblem == nil)
                let trail = try await AuditEvent.query(on: app.db).filter(\.$action == "discharge_plan.referral_withdraw_deliver").sort(\.$occurredAtMillis).all()
                #expect(trail.map(\.outcome) == ["failure", "success"])
                await app.server.shutdown()
            }
        }

        @Test func aWithdrawalToAnAgencyOnThisInstallationReachesItsInboxAtOnce() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let (browser, id) = try await remote.readyToSend(app, provider: "riverbend-hh")
                #expect(try await plan.post(browser, .dischargePlan(id, .referrals), [("providers[]", "riverbend-hh"), ("deadlineHours", "24")]).status == .seeOther)
                let row = try #require(try await PostAcuteReferralRecord.query(on: app.db).first())
                let inbound = try #require(try await InboundReferral.query(on: app.db).first())
                let withdrawn = try await plan.post(browser, .dischargePlan(id, .answer(try row.requireID())), [("answer", "withdrawn"), ("reason", "The patient chose another agency")])
                #expect(withdrawn.status == .seeOther)
                let after = try #require(try await InboundReferral.find(inbound.id, on: app.db))
                #expect(after.status == "withdrawn" && after.withdrawalReason == "The patient chose another agency")
                #expect(try await browser.get(SiteURL.hospitalStay(id).path).body.string.contains("intake inbox: withdrawn, and the agency has been told"))
                // Nothing else is an answer the hospital may give for a Hearth agency.
                let accepted = try await plan.post(browser, .dischargePlan(id, .answer(try row.requireID())), [("answer", "accepted")])
                #expect(accepted.status == .unprocessableEntity)
            }
        }

        @Test func theStayPageAnswersWhileAnAgencysServerNeverAnswersAndThePollClaimsEachReferralOnce() async throws {
            // A page that called the agency would wait out the timeout and leave its connection on the agency's socket.
            try await withHearth(adjust: { $0.partnerTimeoutSeconds = 30 }) { app in
                _ = try await makeCast(app)
                try await remote.addPartner(app, provider: "riverside-at-home", base: "http://127.0.0.1:1/fhir", token: RemoteReferralTests.goodToken)
                let (browser, id) = try await remote.readyToSend(app, provider: "riverside-at-home")
                // Port 1 refuses at once: the referral is kept, then made as if delivered to an agency that now hangs.
                #expect(try await plan.post(browser, .dischargePlan(id, .referrals), [("providers[]", "riverside-at-home"), ("deadlineHours", "24")]).status == .seeOther)
                let silent = try SilentServer()
                let partner = try #require(try await ReferralPartner.query(on: app.db).first())
                partner.baseURL = "http://127.0.0.1:\(silent.port)/fhir"
                try await partner.save(on: app.db)
                let row = try #require(try await PostAcuteReferralRecord.query(on: app.db).first())
                (row.remoteTaskID, row.remoteTaskStatus, row.remoteProblem, row.lastCheckedAt) = ("inbound-\(UUID().uuidString.lowercased())", "requested", nil, Date().addingTimeInterval(-3600))
                try await row.save(on: app.db)
                let page = try await browser.get(SiteURL.hospitalStay(id).path)
                #expect(page.status == .ok && page.body.string.contains("waiting for the agency&#39;s intake") && page.body.string.contains("Status last checked"))
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "discharge_plan.referral_status").count() == 0)
                // The page did not even knock: no connection waits on the agency's socket (accepted or not, a call leaves one).
                #expect(!silent.hasCaller())
                let knock = silent.knock()
                #expect(silent.hasCaller(), "the check sees a caller when there is one")
                close(knock)
                // The background poll claims a due referral once: a second instance at the same moment gets nothing.
                let now = Date()
                #expect(try await RemoteReferralDelivery.claim(row, every: 300, now: now, on: app.db))
                #expect(try await !RemoteReferralDelivery.claim(row, every: 300, now: now.addingTimeInterval(1), on: app.db))
                #expect(try await RemoteReferralDelivery.claim(row, every: 300, now: now.addingTimeInterval(301), on: app.db))
                withExtendedLifetime(silent) {}
            }
        }
    }
}

/// A socket that takes connections and never answers: an agency's server that hangs.
final class SilentServer: @unchecked Sendable {
    let descriptor: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw SilentServerError() }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether a connection is waiting to be taken (the socket is made non-blocking; nothing is ever answered).
    func hasCaller() -> Bool {
        _ = fcntl(descriptor, F_SETFL, O_NONBLOCK)
        let taken = accept(descriptor, nil, nil)
        if taken >= 0 { close(taken); return true }
        return false
    }

    /// Connects to it, as a client would: the descriptor to close.
    func knock() -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        return fd
    }

    deinit { close(descriptor) }
}

struct SilentServerError: Error {}
