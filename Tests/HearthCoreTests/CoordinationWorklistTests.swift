import Foundation
import Testing
@testable import HearthCore

enum WorklistFixture {
    static let zone = ClockFixture.newYork
    static let now = clockTime("2026-03-10 08:00")
    static let today = day("2026-03-10")

    static func task(_ id: String, owner: String = "cm-ruiz", due: String, priority: WorklistPriority = .normal,
                     source: WorklistSource = .manual, key: String? = nil) -> WorklistTask {
        WorklistTask(id: id, dedupeKey: key, title: "Task \(id)", patientID: "p1", owner: owner, due: day(due), priority: priority, source: source)
    }

    static func unsigned(sent: String, state: OrderState = .sent) -> UnsignedOrderFact {
        UnsignedOrderFact(patientID: "p-dorothy", owner: "cm-ruiz",
                          order: UnsignedOrderAging.Item(orderID: "o1", physicianID: "dr-ruiz", physicianName: "Dr. Ana Ruiz", state: state,
                                                         agingFrom: day(sent)))
    }
}

/// Tasks by hand: done once, with who and when; the form checks title, owner, due day and priority.
@Suite struct WorklistTaskTests {
    @Test func completingKeepsWhoAndWhenAndASecondCompletionIsRefused() throws {
        var task = WorklistFixture.task("t1", due: "2026-03-10")
        try task.complete(by: "cm-ruiz", at: clockTime("2026-03-10 11:00"), note: "Faxed")
        #expect(task.state == .done)
        #expect(task.completion == WorklistCompletion(by: "cm-ruiz", at: clockTime("2026-03-10 11:00"), note: "Faxed"))
        let error = #expect(throws: WorklistError.alreadyDone(by: "cm-ruiz", at: clockTime("2026-03-10 11:00"))) {
            try task.complete(by: "cm-okafor", at: clockTime("2026-03-10 12:00"))
        }
        #expect(error?.description.hasPrefix("This task was already done by cm-ruiz at 2026-03-10 15:00 UTC") == true)
        #expect(task.completion?.by == "cm-ruiz")
        #expect(throws: WorklistError.self) { try task.reassign(to: "cm-okafor") }
    }

    @Test func anOpenTaskCanBeHandedOff() throws {
        var task = WorklistFixture.task("t1", due: "2026-03-10")
        try task.reassign(to: "cm-okafor")
        #expect(task.owner == "cm-okafor")
        #expect(throws: WorklistError.ownerRequired) { try task.reassign(to: " ") }
    }

    @Test func aTaskByHandIsChecked() throws {
        let bad = WorklistTaskDraft(title: "", owner: "", due: "2026-03-09", priority: "asap")
        let problems = bad.problems(today: WorklistFixture.today)
        #expect(problems["title"]?.hasPrefix("Say what needs doing") == true)
        #expect(problems["owner"] == "Choose who the task is for.")
        #expect(problems["due"] == "The due date is in the past. Choose today or a later day.")
        #expect(problems["priority"] == "Choose low, normal, high or urgent.")
        let good = WorklistTaskDraft(title: "Call daughter about respite", patientID: "p1", owner: "cm-ruiz", due: "2026-03-12", priority: "High")
        let task = try #require(good.task(id: "t9", today: WorklistFixture.today))
        #expect(task.source == .manual && task.priority == .high && task.dedupeKey == nil && task.state == .open)
    }
}

/// The rules: each fact gives the task it calls for, with a stable dedupe key.
@Suite struct WorklistRulesTests {
    let zone = WorklistFixture.zone
    let today = WorklistFixture.today

    @Test func aPHQ9SafetyAlertIsAnUrgentTaskDueToday() {
        let alert = SafetyAlert(id: "phq9-item9", urgency: .urgent, task: "Ask about thoughts of self-harm today; follow the suicide-risk protocol",
                                reason: "PHQ-9 item 9 answered 2", instrumentID: "phq9")
        let task = WorklistRules.safetyAlertTask(SafetyAlertFact(patientID: "p1", owner: "cm-ruiz", assessmentID: "a7", alert: alert, raisedOn: today))
        #expect(task.priority == .urgent && task.source == .phq9SafetyAlert && task.due == today)
        #expect(task.dedupeKey == "safety-alert:a7:phq9-item9")
    }

    @Test func unsignedOrdersGetAReminderAfter15DaysAndEscalateAfter30() throws {
        #expect(WorklistRules.unsignedOrderTask(WorklistFixture.unsigned(sent: "2026-02-23"), today: today) == nil)
        let reminder = try #require(WorklistRules.unsignedOrderTask(WorklistFixture.unsigned(sent: "2026-02-20"), today: today))
        #expect(reminder.title == "Call Dr. Ana Ruiz's office: order unsigned 18 days")
        #expect(reminder.priority == .normal && reminder.due == day("2026-03-08"))
        #expect(reminder.dedupeKey == "unsigned-order:o1:16-30")
        let escalated = try #require(WorklistRules.unsignedOrderTask(WorklistFixture.unsigned(sent: "2026-02-01"), today: today))
        #expect(escalated.priority == .high && escalated.dedupeKey == "unsigned-order:o1:31+")
        #expect(WorklistRules.unsignedOrderTask(WorklistFixture.unsigned(sent: "2026-02-01", state: .signed), today: today) == nil)
    }

    @Test func aMissedVisitNotYetReportedToThePhysicianIsDueNextBusinessDay() throws {
        let missed = MissedVisit(visitID: "v9", discipline: .skilledNursing, date: day("2026-03-06"), reason: .patientNotHome, physicianNotified: false)
        let task = try #require(WorklistRules.missedVisitTask(MissedVisitFact(patientID: "p1", owner: "cm-ruiz", missed: missed)))
        #expect(task.title == "Tell the physician: SN visit missed 2026-03-06")
        #expect(task.detail == "Patient not home. Not yet rescheduled.")
        #expect(task.due == day("2026-03-09"))
        var told = missed
        told.physicianNotified = true
        #expect(WorklistRules.missedVisitTask(MissedVisitFact(patientID: "p1", owner: "cm-ruiz", missed: told)) == nil)
    }

    @Test func anAuthorizationEndingOrRunningOutOfVisitsAsksForMore() throws {
        let ending = AuthorizationFact(patientID: "p1", owner: "cm-ruiz", authorizationID: "auth-1", payer: "Buckeye Health Plan",
                                       endsOn: day("2026-03-15"), visitsAuthorized: 12, visitsUsed: 6)
        let task = try #require(WorklistRules.authorizationTask(ending, today: today))
        #expect(task.title == "Request more visits from Buckeye Health Plan: authorization ends 2026-03-15")
        #expect(task.priority == .normal && task.due == day("2026-03-10") && task.dedupeKey == "authorization:auth-1:expiring")
        var visits = ending
        visits.endsOn = day("2026-04-30")
        visits.visitsUsed = 11
        let lastVisit = try #require(WorklistRules.authorizationTask(visits, today: today))
        #expect(lastVisit.title.hasSuffix("1 visit left") && lastVisit.dedupeKey == "authorization:auth-1:visits")
        visits.visitsUsed = 4
        #expect(WorklistRules.authorizationTask(visits, today: today) == nil)
        var ended = ending
        ended.endsOn = day("2026-03-08")
        #expect(WorklistRules.authorizationTask(ended, today: today)?.priority == .urgent)
    }

    @Test func referralsWithNoAnswerNoStartOrADeclineCallForAction() throws {
        let silent = try ReferralFixture.sentMeals()
        let call = try #require(WorklistRules.referralTask(silent, now: WorklistFixture.now, in: zone))
        #expect(call.title == "Call Home-delivered meals (Mobile Meals of Riverbend): no answer to referral")
        #expect(call.due == day("2026-03-06") && call.priority == .high && call.dedupeKey == "referral:r1:response")
        #expect(call.owner == "cm-ruiz" && call.patientID == "p-dorothy")
        var declined = try ReferralFixture.sentMeals()
        try declined.decline(reason: "Outside the delivery area", at: clockTime("2026-03-06 09:00"), by: "cm-ruiz")
        let other = try #require(WorklistRules.referralTask(declined, now: WorklistFixture.now, in: zone))
        #expect(other.title == "Find another option: Home-delivered meals (Mobile Meals of Riverbend) declined")
        #expect(other.due == day("2026-03-09") && other.dedupeKey == "referral:r1:declined")
    }

    @Test func openHomeHazardsAreCheckedOnTheirFollowUpDay() throws {
        let bars = try CoordinationFixture.finding("bathroom-grab-bars", id: "f2", followUp: "2026-03-09", responsible: .dmeVendor)
        let task = try #require(WorklistRules.homeSafetyTask(HomeSafetyFact(patientID: "p1", owner: "rn-kim", finding: bars)))
        #expect(task.title == "Check home hazard fixed: No grab bars at toilet or tub/shower")
        #expect(task.priority == .high && task.due == day("2026-03-09") && task.dedupeKey == "home-safety:f2:2026-03-09")
        #expect(task.detail?.hasSuffix("Responsible: DME vendor.") == true)
        var fixed = bars
        try fixed.resolve(note: "Installed", on: day("2026-03-09"), by: "rn-kim")
        #expect(WorklistRules.homeSafetyTask(HomeSafetyFact(patientID: "p1", owner: "rn-kim", finding: fixed)) == nil)
    }

    @Test func teachingNotUnderstoodIsReinforcedWithinAWeek() {
        let progress = TeachingProgress(sessions: [
            TeachingSession(record: TeachingRecord(topic: "Insulin use", learner: .caregiver, method: .returnDemonstration, result: .needsReinforcement,
                                                   note: "Forgot to prime the pen"), taughtOn: day("2026-03-04")),
            TeachingSession(record: TeachingRecord(topic: "Fall prevention", learner: .patient, method: .explanation, result: .understood),
                            taughtOn: day("2026-03-04")),
        ], library: CoordinationFixture.library)
        let tasks = WorklistRules.teachingTasks(TeachingFact(patientID: "p1", owner: "rn-kim", progress: progress))
        #expect(tasks.map(\.title) == ["Reinforce teaching: Insulin use (caregiver)"])
        #expect(tasks.first?.detail == "Forgot to prime the pen")
        #expect(tasks.first?.due == day("2026-03-11"))
        #expect(tasks.first?.dedupeKey == "teaching:p1:insulin-use:2026-03-04")
    }

    @Test func aLoggedCallWithAFollowUpCreatesATaskForItsOwner() throws {
        let draft = CommunicationDraft(kind: "call", direction: "in", party: "pharmacy", partyName: "Main St Pharmacy", subject: "Warfarin refill",
                                       summary: "Refill needs a new prescription.", date: "2026-03-09", time: "16:00",
                                       followUpTitle: "Ask Dr. Ruiz for a warfarin prescription", followUpOwner: "cm-okafor", followUpDue: "2026-03-11")
        let entry = try draft.entry(id: "c5", patientID: "p1", recordedBy: "cm-ruiz", now: WorklistFixture.now, in: zone).get()
        let task = try #require(WorklistRules.communicationTask(entry))
        #expect(task.owner == "cm-okafor" && task.due == day("2026-03-11") && task.source == .communicationFollowUp)
        #expect(task.detail == "From: Incoming phone call with pharmacy Main St Pharmacy — Warfarin refill")
    }

    @Test func theSameFactsGiveTheSameTasks() throws {
        let facts = WorklistFacts(unsignedOrders: [WorklistFixture.unsigned(sent: "2026-02-20")], referrals: [try ReferralFixture.sentMeals()],
                                  homeSafety: [HomeSafetyFact(patientID: "p1", owner: "rn-kim",
                                                              finding: try CoordinationFixture.finding("floors-rugs-secured"))])
        let first = WorklistRules.tasks(for: facts, now: WorklistFixture.now, in: zone)
        let second = WorklistRules.tasks(for: facts, now: WorklistFixture.now, in: zone)
        #expect(first == second)
        #expect(first.count == 3)
        #expect(Set(first.compactMap(\.dedupeKey)).count == 3)
    }
}

/// Upserting the rules' tasks: create the new, update the changed, retire the cleared; never duplicate.
@Suite struct WorklistSyncTests {
    @Test func newKeysAreCreatedAndKnownKeysAreNot() {
        let stored = [WorklistFixture.task("k1", due: "2026-03-10", source: .unsignedOrder, key: "k1")]
        let proposed = [WorklistFixture.task("k1", due: "2026-03-10", source: .unsignedOrder, key: "k1"),
                        WorklistFixture.task("k2", due: "2026-03-11", source: .referralOverdue, key: "k2")]
        let sync = WorklistSync(existing: stored, proposed: proposed)
        #expect(sync.create.map(\.id) == ["k2"])
        #expect(sync.update.isEmpty && sync.retire.isEmpty)
        #expect(WorklistSync(existing: stored + sync.create, proposed: proposed).isEmpty)
    }

    @Test func aDoneTaskIsNotBroughtBack() throws {
        var done = WorklistFixture.task("k1", due: "2026-03-10", source: .homeSafetyFollowUp, key: "k1")
        try done.complete(by: "rn-kim", at: WorklistFixture.now)
        let sync = WorklistSync(existing: [done], proposed: [WorklistFixture.task("k1", due: "2026-03-10", source: .homeSafetyFollowUp, key: "k1")])
        #expect(sync.isEmpty)
    }

    @Test func aChangedPriorityUpdatesTheStoredTaskKeepingItsOwnerAndDue() throws {
        var stored = WorklistFixture.task("db-17", due: "2026-03-10", priority: .normal, source: .expiringAuthorization, key: "auth:1")
        try stored.reassign(to: "cm-okafor")
        let proposed = WorklistFixture.task("auth:1", due: "2026-03-12", priority: .urgent, source: .expiringAuthorization, key: "auth:1")
        let sync = WorklistSync(existing: [stored], proposed: [proposed])
        #expect(sync.update.count == 1)
        #expect(sync.update.first?.id == "db-17" && sync.update.first?.priority == .urgent)
        #expect(sync.update.first?.owner == "cm-okafor" && sync.update.first?.due == day("2026-03-10"))
    }

    @Test func clearedSituationsAreRetiredButAlertsAndHandMadeTasksWait() {
        let stored = [WorklistFixture.task("a", due: "2026-03-01", source: .unsignedOrder, key: "unsigned-order:o1:16-30"),
                      WorklistFixture.task("b", due: "2026-03-01", source: .phq9SafetyAlert, key: "safety-alert:a7:phq9-item9"),
                      WorklistFixture.task("c", due: "2026-03-01", source: .manual),
                      WorklistFixture.task("d", due: "2026-03-01", source: .communicationFollowUp, key: "communication:c5")]
        let sync = WorklistSync(existing: stored, proposed: [])
        #expect(sync.retire.map(\.id) == ["a"])
    }
}

/// "My tasks" and team views: overdue first, then priority, then due day.
@Suite struct WorklistViewTests {
    let today = WorklistFixture.today
    let tasks = [
        WorklistFixture.task("later-urgent", due: "2026-03-12", priority: .urgent),
        WorklistFixture.task("overdue-low", due: "2026-03-08", priority: .low),
        WorklistFixture.task("today-high", due: "2026-03-10", priority: .high),
        WorklistFixture.task("today-normal", due: "2026-03-10"),
        WorklistFixture.task("overdue-high", due: "2026-03-09", priority: .high),
        WorklistFixture.task("okafor", owner: "cm-okafor", due: "2026-03-01", priority: .urgent),
    ]

    @Test func myTasksPutOverdueFirstThenPriorityThenDueDay() {
        let mine = WorklistFilter.myTasks("cm-ruiz").apply(to: tasks, today: today)
        #expect(mine.map(\.id) == ["overdue-high", "overdue-low", "later-urgent", "today-high", "today-normal"])
    }

    @Test func theTeamViewShowsEveryMember() throws {
        var all = tasks
        try all[2].complete(by: "cm-ruiz", at: WorklistFixture.now)
        let team = WorklistFilter.team(members: ["cm-ruiz", "cm-okafor"]).apply(to: all, today: today)
        #expect(team.map(\.id) == ["okafor", "overdue-high", "overdue-low", "later-urgent", "today-normal"])
        var withDone = WorklistFilter.team(members: ["cm-ruiz", "cm-okafor"])
        withDone.includeDone = true
        #expect(withDone.apply(to: all, today: today).last?.id == "today-high")
        let counts = WorklistCounts(all, today: today)
        #expect(counts.open == 5 && counts.overdue == 3 && counts.dueToday == 1 && counts.urgent == 2)
    }

    @Test func filtersByPatientAndSource() {
        var other = WorklistFixture.task("other-patient", due: "2026-03-10", source: .missedVisit)
        other.patientID = "p2"
        let filter = WorklistFilter(patientIDs: ["p2"], sources: [.missedVisit])
        #expect(filter.apply(to: tasks + [other], today: today).map(\.id) == ["other-patient"])
    }
}
