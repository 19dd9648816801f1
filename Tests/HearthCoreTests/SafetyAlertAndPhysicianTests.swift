import Foundation
import Testing
@testable import HearthCore

/// A safety alert is impossible to miss: first on every worklist, and escalated to supervisors when no contact is
/// recorded within the agency's window (issue 17, blocker 1).
@Suite struct SafetyAlertWatchTests {
    let raised = clockTime("2026-03-10 09:00")

    @Test func escalatesExactlyAtTheWindowNotBefore() {
        let watch = SafetyAlertWatch(escalationHours: 4)
        #expect(!watch.status(raisedAt: raised, now: raised.addingTimeInterval(4 * 3_600 - 1)).isEscalated)
        let at = watch.status(raisedAt: raised, now: raised.addingTimeInterval(4 * 3_600))
        #expect(at.isEscalated && at.hoursOpen == 4)
        #expect(at.summary(escalationHours: 4, clock: { _ in "13:00" }).contains("escalated to supervisors"))
        let fresh = watch.status(raisedAt: raised, now: raised.addingTimeInterval(600))
        #expect(fresh.summary(escalationHours: 4, clock: { _ in "13:00" }) == "Raised under an hour ago; escalates to supervisors at 13:00 if no contact is recorded")
    }

    @Test func theWindowIsAtLeastAnHour() {
        #expect(SafetyAlertWatch(escalationHours: 0).escalationHours == 1)
        #expect(SafetyAlertWatch().escalationHours == SafetyAlertWatch.defaultEscalationHours)
    }

    @Test func aContactNoteSaysWhoWasReachedAndWhatWasDone() {
        #expect(SafetyAlertWatch.contactProblem("  ") != nil)
        #expect(SafetyAlertWatch.contactProblem("done") != nil)
        #expect(SafetyAlertWatch.contactProblem("Called patient 14:10, safe, crisis line given") == nil)
        #expect(SafetyAlertWatch.contactProblem(String(repeating: "x", count: 2_001)) != nil)
    }

    @Test func anOpenSafetyAlertComesBeforeOverdueAndUrgentTasks() {
        let today = WorklistFixture.today
        let overdue = (1...20).map { WorklistFixture.task("o\($0)", due: "2026-03-0\($0 % 9 + 1)", priority: .urgent) }
        let alert = WorklistFixture.task("alert", due: "2026-03-10", priority: .urgent, source: .phq9SafetyAlert)
        let ordered = WorklistFilter.myTasks("cm-ruiz").apply(to: overdue + [alert], today: today)
        #expect(ordered.first?.id == "alert")
    }
}

/// The attending physician can come from outside the agency, identified by NPI (issue 17, blocker 2).
@Suite struct OutsidePhysicianTests {
    /// "The NPI check digit is calculated using the Luhn formula … with the prefix 80840" (CMS, NPI check digit
    /// requirements). 1234567893 is CMS's worked example.
    @Test func theNPICheckDigitFollowsCMS() {
        #expect(NationalProviderIdentifier.isValid("1234567893"))
        #expect(!NationalProviderIdentifier.isValid("1234567890"))
        #expect(NationalProviderIdentifier.problem("123456789") == "An NPI has exactly 10 digits.")
        #expect(NationalProviderIdentifier.problem("12345678a3") == "An NPI has exactly 10 digits.")
        #expect(NationalProviderIdentifier.problem("1234567890")?.contains("check digit") == true)
    }

    @Test func anOutsidePhysicianNeedsNameNPIPhoneAndFax() {
        let blank = OutsidePhysicianDraft(name: "", npi: "", phone: "", fax: "")
        #expect(blank.isBlank)
        #expect(Set(blank.problems().keys) == ["physicianName", "physicianNPI", "physicianPhone", "physicianFax"])
        let good = OutsidePhysicianDraft(name: "Dr. Ana Ruiz", npi: "1234-56789 3", phone: "(614) 555-0100", fax: "614-555-0101")
        #expect(good.npi == "1234567893")
        #expect(good.problems().isEmpty)
    }
}

/// A renewed license is not an expiring one (issue 17, minor: the old one stayed flagged).
@Suite struct RenewedLicenseTests {
    let old = Credential(id: "a", type: .rnLicense, state: "OH", number: "RN1", expires: CalendarDate("2026-12-20"))

    @Test func aLaterCredentialOfTheSameKindAndStateRenewsIt() {
        #expect(old.isRenewed(by: Credential(id: "b", type: .rnLicense, state: "oh", number: "RN1", expires: CalendarDate("2028-12-20"))))
        #expect(old.isRenewed(by: Credential(id: "c", type: .rnLicense, state: "OH", number: "RN1", expires: nil)))
    }

    @Test func anotherStateOrKindOrAnEarlierOneDoesNot() {
        #expect(!old.isRenewed(by: Credential(id: "b", type: .rnLicense, state: "KY", number: "RN9", expires: CalendarDate("2028-12-20"))))
        #expect(!old.isRenewed(by: Credential(id: "c", type: .cpr, number: "X", expires: CalendarDate("2028-12-20"))))
        #expect(!old.isRenewed(by: Credential(id: "d", type: .rnLicense, state: "OH", number: "RN1", expires: CalendarDate("2026-01-01"))))
        #expect(!old.isRenewed(by: old))
    }
}
