import Foundation
import Testing
@testable import HearthCore

/// A referral partner's address and token as the administrator enters them, and the agency's Task as the hospital reads it
/// (issue 22; FHIR R4 Task.status, http://hl7.org/fhir/R4/valueset-task-status.html).
@Suite struct RemoteReferralRulesTests {
    @Test func theBaseIsHTTPSOrThisMachineWithNoUserQueryOrFragmentAndLosesItsTrailingSlash() {
        #expect(ReferralPartnerRules.baseURL(" https://hearth.agency.example/fhir/ ") == .success("https://hearth.agency.example/fhir"))
        #expect(ReferralPartnerRules.baseURL("http://127.0.0.1:8081/fhir") == .success("http://127.0.0.1:8081/fhir"))
        #expect(ReferralPartnerRules.baseURL("http://localhost/fhir") == .success("http://localhost/fhir"))
        for bad in ["", "agency.example/fhir", "ftp://agency.example/fhir", "https://user:pw@agency.example/fhir", "https://agency.example/fhir?x=1",
                    "https://agency.example/fhir#top", "http://agency.example/fhir"] {
            #expect(throws: PartnerProblem.self) { try ReferralPartnerRules.baseURL(bad).get() }
        }
        guard case .failure(let problem) = ReferralPartnerRules.baseURL("http://agency.example/fhir") else { Issue.record("clear http accepted"); return }
        #expect(problem.description.contains("Use https://"))
    }

    @Test func theTokenIsOneLineOfPrintableCharactersAndShowsOnlyItsEnds() {
        #expect(ReferralPartnerRules.tokenProblem("hth_" + String(repeating: "a", count: 40)) == nil)
        #expect(ReferralPartnerRules.tokenProblem("") != nil)
        #expect(ReferralPartnerRules.tokenProblem("hth_short") != nil)
        #expect(ReferralPartnerRules.tokenProblem("hth_aaaaaaaaaa aaaaaaaaaaaaa") != nil)
        #expect(ReferralPartnerRules.tokenProblem("hth_aaaaaaaaaaaaaaaaaaaaa\n") != nil)
        #expect(ReferralPartnerRules.hint("hth_abcdefghijklmnopwxyz") == "hth_…wxyz")
    }

    @Test func theReferralScopesCreateWhatABundleCarriesAndReadAndCancelTasksOnly() throws {
        let scopes = try SMARTScopes(parsing: ReferralPartnerRules.referralScopes)
        #expect(scopes.permits(.create, on: "Patient") && scopes.permits(.create, on: "ServiceRequest") && scopes.permits(.read, on: "Task"))
        #expect(scopes.permits(.update, on: "Task"))
        #expect(!scopes.permits(.read, on: "Patient") && !scopes.permits(.search, on: "Patient") && !scopes.permits(.update, on: "Patient")
            && !scopes.permits(.delete, on: "Task"))
    }

    /// FHIR R4 Task state machine (http://hl7.org/fhir/R4/task.html#statemachine): `cancelled` ends a Task not yet in a
    /// final state; `rejected` and `completed` are final.
    @Test func theSenderCancelsATaskUntilItIsFinalAndAnAcceptedOneIsFlagged() {
        #expect(SenderCancellation.of(taskStatus: "requested") == .cancel(afterAcceptance: false))
        #expect(SenderCancellation.of(taskStatus: "received") == .cancel(afterAcceptance: false))
        #expect(SenderCancellation.of(taskStatus: "accepted") == .cancel(afterAcceptance: true))
        #expect(SenderCancellation.of(taskStatus: "in-progress") == .cancel(afterAcceptance: true))
        #expect(SenderCancellation.of(taskStatus: "cancelled") == .alreadyCancelled)
        #expect(SenderCancellation.of(taskStatus: "rejected") == .alreadyDeclined)
        guard case .refused(let why) = SenderCancellation.of(taskStatus: "completed") else { Issue.record("completed care cancelled"); return }
        #expect(why.contains("Call the agency"))
    }

    @Test func theTaskStatusReadsInWordsWithoutItsCode() {
        #expect(RemoteTaskStatus.requested.words == "waiting for the agency's intake")
        #expect(RemoteTaskStatus.cancelled.words.contains("the agency has been told"))
        #expect(RemoteTaskStatus.inProgress.words == "admitted, care under way")
    }

    @Test func theTaskStatusMakesTheReferralsAnswer() {
        #expect(RemoteTaskStatus(rawValue: "requested")?.referralStatus == .sent)
        #expect(RemoteTaskStatus(rawValue: "accepted")?.referralStatus == .accepted)
        #expect(RemoteTaskStatus(rawValue: "in-progress")?.referralStatus == .accepted)
        #expect(RemoteTaskStatus(rawValue: "completed")?.referralStatus == .accepted)
        #expect(RemoteTaskStatus(rawValue: "rejected")?.referralStatus == .declined)
        #expect(RemoteTaskStatus(rawValue: "draft") == nil)
    }

    @Test func theTaskIDComesFromTheLocationAndNothingElse() {
        #expect(RemoteTaskStatus.taskID(fromLocation: "https://agency.example/fhir/Task/inbound-1f2e/_history/1") == "inbound-1f2e")
        #expect(RemoteTaskStatus.taskID(fromLocation: "Task/inbound-abc") == "inbound-abc")
        #expect(RemoteTaskStatus.taskID(fromLocation: "Task/../../admin") == nil)
        #expect(RemoteTaskStatus.taskID(fromLocation: "Patient/1") == nil)
    }

    @Test func aFailureSaysWhatToDoAndA2xxIsNone() {
        #expect(RemoteDeliveryProblem.of(status: 201, reason: nil) == nil)
        #expect(RemoteDeliveryProblem.of(status: 401, reason: nil) == .unauthorized)
        #expect(RemoteDeliveryProblem.of(status: 403, reason: nil) == .forbidden)
        #expect(RemoteDeliveryProblem.of(status: 422, reason: "Bundle.entry[0]: bad")?.message.contains("(422): Bundle.entry[0]: bad") == true)
        #expect(RemoteDeliveryProblem.of(status: 503, reason: nil) == .serverError(status: 503))
        #expect(RemoteDeliveryProblem.unauthorized.message.contains("ask the agency for a new token"))
    }
}
