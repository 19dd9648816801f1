import Testing
@testable import HearthCore

/// A visit moves scheduled → (checked in: in progress) → completed; only one not yet started can be missed, cancelled
/// or moved. A missed visit stays on the calendar and counts against the ordered frequency [42 CFR 484.60(b)(1):
/// services as ordered]; a cancelled one does not.
@Suite struct VisitLifecycleTests {
    @Test func aVisitUnderWayReadsInProgress() {
        #expect(VisitStatus.scheduled.title(checkedIn: false) == "Scheduled")
        #expect(VisitStatus.scheduled.title(checkedIn: true) == "In progress")
        #expect(VisitStatus.completed.title(checkedIn: true) == "Completed")
    }

    @Test func onlyAVisitNotYetStartedCanBeMissedOrCancelled() throws {
        #expect(try VisitStatus.scheduled.missed(checkedIn: false) == .missed)
        #expect(try VisitStatus.scheduled.cancelled(checkedIn: false) == .cancelled)
        #expect(throws: VisitLifecycleError.alreadyStarted(action: "recorded as missed")) { try VisitStatus.scheduled.missed(checkedIn: true) }
        #expect(throws: VisitLifecycleError.alreadyStarted(action: "cancelled")) { try VisitStatus.completed.cancelled(checkedIn: true) }
        #expect(throws: VisitLifecycleError.alreadyStarted(action: "cancelled")) { try VisitStatus.missed.cancelled(checkedIn: false) }
        #expect(VisitLifecycleError.alreadyStarted(action: "cancelled").description == "Only a visit not yet started can be cancelled.")
    }

    @Test func aMissedVisitStaysOnTheCalendarACancelledOneLeavesIt() {
        #expect(VisitStatus.missed.isOnCalendar)
        #expect(!VisitStatus.cancelled.isOnCalendar)
        #expect(VisitStatus.scheduled.checkedOut() == .completed)
    }

    @Test func theStoredValuesAreTheDatabaseOnes() {
        #expect(VisitStatus.allCases.map(\.rawValue) == ["scheduled", "completed", "missed", "cancelled"])
    }
}
