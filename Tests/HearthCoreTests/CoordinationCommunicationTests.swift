import Foundation
import Testing
@testable import HearthCore

/// The communication log: who, how, when (never later than now), about what, and an optional follow-up task.
@Suite struct CommunicationDraftTests {
    let zone = ClockFixture.newYork
    let now = clockTime("2026-03-02 15:00")

    func callWithDrRuiz(followUpTitle: String = "", owner: String = "", due: String = "", priority: String = "",
                        date: String = "2026-03-02", time: String = "14:10") -> CommunicationDraft {
        CommunicationDraft(kind: "call", direction: "out", party: "physician", partyName: "Dr. Ana Ruiz", subject: "Weight up 4 lb in 2 days",
                           summary: "Reported weight gain and ankle swelling. Dr. Ruiz increased furosemide to 40 mg twice daily for 3 days.",
                           date: date, time: time, followUpTitle: followUpTitle, followUpOwner: owner, followUpDue: due,
                           followUpPriority: priority)
    }

    @Test func aCallWithAFollowUpBecomesAnEntryWithItsTask() throws {
        let draft = callWithDrRuiz(followUpTitle: "Send the verbal order for signature", owner: "cm-ruiz", due: "2026-03-03", priority: "high")
        #expect(draft.problems(now: now, in: zone).isEmpty)
        let entry = try draft.entry(id: "c1", patientID: "p-dorothy", recordedBy: "cm-ruiz", now: now, in: zone).get()
        #expect(entry.occurredAt == clockTime("2026-03-02 14:10"))
        #expect(entry.heading == "Outgoing phone call with physician Dr. Ana Ruiz")
        #expect(entry.followUp == CommunicationFollowUp(title: "Send the verbal order for signature", owner: "cm-ruiz", due: day("2026-03-03"),
                                                        priority: .high))
    }

    @Test func withoutAFollowUpNoneIsRecorded() throws {
        let entry = try callWithDrRuiz().entry(id: "c1", patientID: "p1", recordedBy: "cm", now: now, in: zone).get()
        #expect(entry.followUp == nil)
    }

    @Test func everyFieldIsCheckedWithWhatToDo() {
        let draft = CommunicationDraft(kind: "carrier pigeon", direction: "sideways", party: "neighbour", partyName: "", subject: "",
                                       summary: "", date: "03/02/2026", time: "")
        let problems = draft.problems(now: now, in: zone)
        #expect(problems["kind"] == "Choose call, message, fax, meeting, conference, email or letter.")
        #expect(problems["direction"] == "Choose incoming or outgoing.")
        #expect(problems["party"]?.hasPrefix("Choose who it was with") == true)
        #expect(problems["partyName"] == "Name who it was with, e.g. Dr. Ruiz or daughter Maria.")
        #expect(problems["subject"] != nil && problems["summary"] != nil)
        #expect(problems["date"] == "Enter the day it happened as YYYY-MM-DD.")
    }

    @Test func itCannotHaveHappenedInTheFuture() {
        #expect(callWithDrRuiz(time: "15:30").problems(now: now, in: zone)["time"]
            == "It cannot have happened later than now. Check the date and time.")
        #expect(callWithDrRuiz(date: "2026-03-03", time: "09:00").problems(now: now, in: zone)["date"] != nil)
        #expect(callWithDrRuiz(time: "2:10 pm").problems(now: now, in: zone)["time"] == "Enter the time as HH:MM (24-hour), e.g. 14:30.")
    }

    @Test func aFollowUpMustBeCompleteAndNotDueInThePast() {
        let problems = callWithDrRuiz(followUpTitle: "Call pharmacy", due: "2026-03-01", priority: "whenever").problems(now: now, in: zone)
        #expect(problems["followUpOwner"] == "Choose who will do the follow-up.")
        #expect(problems["followUpDue"] == "The follow-up date is in the past. Choose today or a later day.")
        #expect(problems["followUpPriority"] == "Choose low, normal, high or urgent.")
        let titleless = callWithDrRuiz(owner: "cm-ruiz", due: "2026-03-04").problems(now: now, in: zone)
        #expect(titleless["followUpTitle"] == "Say what needs doing next, e.g. fax the new order.")
    }

    @Test func wordsFromTheFormAreAccepted() throws {
        let draft = CommunicationDraft(kind: "Conference", direction: "incoming", party: "team member", partyName: "PT Jamal Reed",
                                       subject: "Case conference", summary: "Agreed to add OT for bathing.", date: "2026-03-02", time: "9:05")
        let entry = try draft.entry(id: "c2", patientID: "p1", recordedBy: "cm", now: now, in: zone).get()
        #expect(entry.kind == .conference && entry.direction == .incoming && entry.party == .teamMember)
    }
}
