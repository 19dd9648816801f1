import Foundation
import Testing
@testable import HearthCore

enum ReferralFixture {
    static let zone = ClockFixture.newYork
    static let meals = CoordinationFixture.directory.service("svc-home-meals")!
    static let mealsOrganization = CoordinationFixture.directory.organization("org-mobile-meals")

    /// A meals referral drafted Monday 2 March 2026 and sent that afternoon.
    static func sentMeals() throws -> ResourceReferral {
        var referral = try ResourceReferral(id: "r1", patientID: "p-dorothy", owner: "cm-ruiz", service: meals, organization: mealsOrganization,
                                            need: "Hot meals on weekdays; cannot stand to cook since the hip fracture",
                                            at: clockTime("2026-03-02 10:00"), by: "cm-ruiz")
        try referral.send(at: clockTime("2026-03-02 14:00"), by: "cm-ruiz", note: "Faxed with face sheet", service: meals)
        return referral
    }
}

/// The closed loop: draft → sent → accepted or declined → service started → closed; illegal moves refused with the reason.
@Suite struct ResourceReferralTests {
    @Test func theWholeLoopKeepsEveryStepWithItsDateAndNote() throws {
        var referral = try ReferralFixture.sentMeals()
        try referral.accept(at: clockTime("2026-03-03 09:30"), by: "cm-ruiz", note: "Intake visit booked for 3/5")
        try referral.startService(at: clockTime("2026-03-09 12:00"), by: "cm-ruiz", note: "First meal delivered")
        try referral.close(outcome: "Receiving meals Monday to Friday", at: clockTime("2026-03-16 10:00"), by: "cm-ruiz")
        #expect(referral.state == .closed)
        #expect(referral.steps.map(\.state) == [.draft, .sent, .accepted, .serviceStarted, .closed])
        #expect(referral.steps[1].note == "Faxed with face sheet")
        #expect(referral.outcome == "Receiving meals Monday to Friday")
        #expect(referral.when(.serviceStarted) == clockTime("2026-03-09 12:00"))
        #expect(referral.target.title == "Home-delivered meals (Mobile Meals of Riverbend)")
        #expect(referral.state.fhirTaskStatus == "completed")
    }

    @Test func aReferralToAnInactiveServiceIsRefused() {
        let closed = CoordinationFixture.directory.service("svc-winter-crisis")!
        let error = #expect(throws: ReferralError.inactiveService(name: "Winter Crisis Program", status: .inactive)) {
            try ResourceReferral(id: "r2", patientID: "p1", owner: "cm-ruiz", service: closed, organization: nil, need: "Heat shut off",
                                 at: clockTime("2026-03-02 10:00"), by: "cm-ruiz")
        }
        #expect(error?.description == "Winter Crisis Program is inactive and is not taking referrals. Search the directory for another service.")
    }

    @Test func aServiceThatClosedSinceTheDraftCannotBeSentTo() throws {
        var referral = try ResourceReferral(id: "r1", patientID: "p1", owner: "cm-ruiz", service: ReferralFixture.meals, organization: nil,
                                            need: "Meals", at: clockTime("2026-03-02 10:00"), by: "cm-ruiz")
        var closedNow = ReferralFixture.meals
        closedNow.status = .temporarilyClosed
        #expect(throws: ReferralError.inactiveService(name: "Home-delivered meals", status: .temporarilyClosed)) {
            try referral.send(at: clockTime("2026-03-02 11:00"), by: "cm-ruiz", service: closedNow)
        }
        #expect(throws: ReferralError.serviceNoLongerListed(name: "Home-delivered meals")) {
            try referral.send(at: clockTime("2026-03-02 11:00"), by: "cm-ruiz", service: nil)
        }
        #expect(referral.state == .draft)
    }

    @Test func illegalMovesAreRefusedWithWhatToDoNext() throws {
        var referral = try ReferralFixture.sentMeals()
        let before = referral
        let error = #expect(throws: ReferralError.illegalMove(from: .sent, action: .startService)) {
            try referral.startService(at: clockTime("2026-03-04 10:00"), by: "cm-ruiz")
        }
        #expect(error?.description == "This referral is sent, awaiting answer; it cannot be marked as started now. "
            + "Record whether it was accepted or declined first.")
        #expect(referral == before)
        try referral.accept(at: clockTime("2026-03-03 09:00"), by: "cm-ruiz")
        #expect(throws: ReferralError.illegalMove(from: .accepted, action: .decline)) {
            try referral.decline(reason: "Full", at: clockTime("2026-03-04 09:00"), by: "cm-ruiz")
        }
    }

    @Test func aDeclineNeedsItsReasonAndIsClosedWithTheOutcome() throws {
        var referral = try ReferralFixture.sentMeals()
        #expect(throws: ReferralError.declineReasonRequired) { try referral.decline(reason: " ", at: clockTime("2026-03-03 09:00"), by: "cm-ruiz") }
        try referral.decline(reason: "Route is full until April", at: clockTime("2026-03-03 09:00"), by: "cm-ruiz")
        #expect(referral.declineReason == "Route is full until April")
        #expect(referral.state.fhirTaskStatus == "rejected")
        #expect(throws: ReferralError.outcomeRequired) { try referral.close(outcome: "", at: clockTime("2026-03-04 09:00"), by: "cm-ruiz") }
        try referral.close(outcome: "Referred to the congregate lunch instead", at: clockTime("2026-03-04 09:00"), by: "cm-ruiz")
        #expect(throws: ReferralError.illegalMove(from: .closed, action: .close)) {
            try referral.close(outcome: "again", at: clockTime("2026-03-05 09:00"), by: "cm-ruiz")
        }
    }

    @Test func aDraftCannotBeClosedAndStepsCannotGoBackInTime() throws {
        var draft = try ResourceReferral(id: "r3", patientID: "p1", owner: "cm-ruiz", provider: "Dr. Patel", specialty: "podiatry",
                                         need: "Diabetic foot exam", at: clockTime("2026-03-02 10:00"), by: "cm-ruiz")
        #expect(draft.target.title == "Dr. Patel, podiatry")
        #expect(throws: ReferralError.illegalMove(from: .draft, action: .close)) {
            try draft.close(outcome: "Not needed", at: clockTime("2026-03-02 11:00"), by: "cm-ruiz")
        }
        #expect(throws: ReferralError.beforePreviousStep(clockTime("2026-03-02 10:00"))) {
            try draft.send(at: clockTime("2026-03-01 10:00"), by: "cm-ruiz", service: nil)
        }
        try draft.send(at: clockTime("2026-03-02 10:05"), by: "cm-ruiz", service: nil)
        #expect(draft.state == .sent)
    }

    @Test func aReferralNeedsWhatThePatientNeedsAndAProviderName() {
        #expect(throws: ReferralError.needRequired) {
            try ResourceReferral(id: "r", patientID: "p", owner: "cm", service: ReferralFixture.meals, organization: nil, need: " ",
                                 at: .now, by: "cm")
        }
        #expect(throws: ReferralError.providerNameRequired) {
            try ResourceReferral(id: "r", patientID: "p", owner: "cm", provider: "", need: "Podiatry", at: .now, by: "cm")
        }
    }

    @Test func handingOffChangesTheOwnerUntilTheLoopCloses() throws {
        var referral = try ReferralFixture.sentMeals()
        try referral.reassign(to: "cm-okafor")
        #expect(referral.owner == "cm-okafor")
        try referral.close(outcome: "Patient moved to daughter's home", at: clockTime("2026-03-05 09:00"), by: "cm-okafor")
        #expect(throws: ReferralError.illegalMove(from: .closed, action: .reassign)) { try referral.reassign(to: "cm-ruiz") }
    }
}

/// Overdue answers: 3 business days after sending, 14 days after acceptance.
@Suite struct ReferralOverdueTests {
    let zone = ReferralFixture.zone

    @Test func noAnswerWithinThreeBusinessDaysIsOverdue() throws {
        // sent Monday 2 March; Thursday 5 March is the third business day
        let referral = try ReferralFixture.sentMeals()
        #expect(referral.responseOverdue(now: clockTime("2026-03-05 17:00"), in: zone) == nil)
        let overdue = try #require(referral.responseOverdue(now: clockTime("2026-03-06 08:00"), in: zone))
        #expect(overdue.waiting == .response && overdue.since == day("2026-03-02") && overdue.dueOn == day("2026-03-05"))
        #expect(overdue.daysOverdue == 1)
        #expect(overdue.message == "No answer from Home-delivered meals (Mobile Meals of Riverbend) since 2026-03-02: "
            + "call to confirm they received the referral.")
    }

    @Test func theWeekendDoesNotCountTowardTheAnswer() throws {
        var referral = try ResourceReferral(id: "r1", patientID: "p1", owner: "cm", provider: "Hospice of Riverbend", need: "Hospice evaluation",
                                            at: clockTime("2026-03-05 09:00"), by: "cm")
        try referral.send(at: clockTime("2026-03-05 10:00"), by: "cm", service: nil)
        // Thursday + 3 business days = Tuesday 10 March
        #expect(referral.responseOverdue(now: clockTime("2026-03-10 16:00"), in: zone) == nil)
        #expect(referral.responseOverdue(now: clockTime("2026-03-11 09:00"), in: zone)?.dueOn == day("2026-03-10"))
    }

    @Test func acceptedButNotStartedAfterFourteenDaysIsOverdue() throws {
        var referral = try ReferralFixture.sentMeals()
        try referral.accept(at: clockTime("2026-03-03 09:00"), by: "cm-ruiz")
        #expect(referral.responseOverdue(now: clockTime("2026-03-17 20:00"), in: zone) == nil)
        let overdue = try #require(referral.responseOverdue(now: clockTime("2026-03-18 09:00"), in: zone))
        #expect(overdue.waiting == .serviceStart && overdue.dueOn == day("2026-03-17"))
        try referral.startService(at: clockTime("2026-03-18 12:00"), by: "cm-ruiz")
        #expect(referral.responseOverdue(now: clockTime("2026-04-30 09:00"), in: zone) == nil)
    }
}
