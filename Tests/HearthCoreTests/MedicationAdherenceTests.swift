import Foundation
import Testing
@testable import HearthCore

/// Adherence rate per week: checks taken as prescribed over all checks, MAR doses given over given + refused + missed;
/// held doses are excluded (held deliberately, with a reason).
@Suite struct AdherenceTrendTests {
    let from = day("2026-11-02")

    @Test func weeklyRatesFromChecksAndMAR() {
        let checks = [
            AdherenceCheck(date: day("2026-11-03"), medicationName: "Lisinopril", result: .takenAsPrescribed),
            AdherenceCheck(date: day("2026-11-06"), medicationName: "Metformin", result: .missedDoses, note: "4 tablets left over"),
            AdherenceCheck(date: day("2026-11-10"), medicationName: "Lisinopril", result: .takenAsPrescribed),
        ]
        let mar: [(date: CalendarDate, status: AdministrationStatus)] = [
            (day("2026-11-03"), .given), (day("2026-11-04"), .given), (day("2026-11-05"), .held), (day("2026-11-06"), .refused),
            (day("2026-11-12"), .missed),
        ]
        let points = AdherenceTrend.weekly(checks: checks, administrations: mar, from: from, to: day("2026-11-22"))
        #expect(points.map(\.weekStart) == [day("2026-11-02"), day("2026-11-09"), day("2026-11-16")])
        // week 1: 1 of 2 checks + 2 of 3 doses (the held dose left out) = 3 of 5
        #expect(points[0].rate == 0.6)
        #expect(points[0].held == 1 && points[0].counted == 5)
        // week 2: 1 check taken, 1 dose missed
        #expect(points[1].rate == 0.5)
        #expect(points[2].rate == nil, "nothing recorded")
    }

    @Test func oneCheckAWeekDrawsARollingRateNotASawtooth() {
        // setup: a nurse checks once a week; the patient alternates taken and missed doses
        let checks = (0..<6).map { week in
            AdherenceCheck(date: from.adding(days: 7 * week + 1), medicationName: "Furosemide", result: week.isMultiple(of: 2) ? .takenAsPrescribed : .missedDoses)
        }
        let weekly = AdherenceTrend.weekly(checks: checks, administrations: [], from: from, to: from.adding(days: 41))
        #expect(weekly.compactMap(\.rate) == [1, 0, 1, 0, 1, 0]) // the sawtooth
        // act: four weeks rolling
        let rolling = AdherenceTrend.rolling(weekly, weeks: 4)
        // check: 1/1, 1/2, 2/3, then 2 of the last 4 checks
        #expect(rolling.compactMap(\.rate) == [1, 0.5, 2.0 / 3.0, 0.5, 0.5, 0.5])
        #expect(rolling[5].counted == 4 && rolling[5].weekStart == weekly[5].weekStart)
    }

    @Test func onlyHeldDosesGiveNoRate() {
        let points = AdherenceTrend.weekly(checks: [], administrations: [(day("2026-11-03"), .held)], from: from, to: day("2026-11-08"))
        #expect(points.count == 1 && points[0].rate == nil && points[0].held == 1)
    }

    @Test func outsideTheRangeIsIgnoredAndABackwardRangeIsEmpty() {
        let check = AdherenceCheck(date: day("2026-10-30"), medicationName: "Lisinopril", result: .wrongDose)
        #expect(AdherenceTrend.weekly(checks: [check], administrations: [], from: from, to: day("2026-11-08"))[0].checks == 0)
        #expect(AdherenceTrend.weekly(checks: [], administrations: [], from: from, to: day("2026-11-01")).isEmpty)
    }

    @Test func resultCodes() {
        #expect(AdherenceResult.allCases.map(\.rawValue) == ["taken", "missed_doses", "wrong_dose"])
    }
}

/// Suspected side effects: the symptom is required; a moderate or severe reaction needs the action taken.
@Suite struct SideEffectReportTests {
    let today = day("2026-11-20")

    @Test func aMildReactionNeedsNoAction() {
        let draft = SideEffectReportDraft(symptom: "Dry cough", severity: "Mild", medication: "Lisinopril", reported: "2026-11-20")
        #expect(draft.report(today: today) == SideEffectReport(symptom: "Dry cough", severity: .mild, medication: "Lisinopril", reported: today))
    }

    @Test func aSevereReactionNeedsTheActionTaken() {
        let draft = SideEffectReportDraft(symptom: "Black tarry stools", severity: "severe", medication: "Warfarin", reported: "2026-11-20")
        #expect(draft.problems(today: today) == ["actionTaken": "Say what was done, e.g. physician notified or dose held per order."])
        var done = draft
        done.actionTaken = "Dr. Ruiz notified 10:40; patient sent to ED."
        #expect(done.report(today: today)?.actionTaken == "Dr. Ruiz notified 10:40; patient sent to ED.")
    }

    @Test func everyFieldIsChecked() {
        let draft = SideEffectReportDraft(symptom: "", severity: "awful", medication: "", reported: "2026-11-21")
        #expect(draft.problems(today: today) == [
            "symptom": "Describe the symptom, e.g. dizziness on standing.", "severity": "Choose mild, moderate or severe.",
            "medication": "Name the medication suspected, or write unknown.", "reported": "The date is in the future; use the day it was reported.",
        ])
    }
}

/// Teaching with teach-back, for any topic; medication teaching is one use.
@Suite struct MedicationTeachingTests {
    @Test func returnDemonstrationUnderstood() throws {
        let draft = TeachingDraft(topic: "Drawing up and injecting insulin glargine", learner: "caregiver", method: "return_demonstration",
                                  result: "understood")
        let record = try #require(draft.teaching())
        #expect(record.method == .returnDemonstration && record.learner == .caregiver)
        #expect(!record.needsFollowUp)
    }

    @Test func titlesAreAcceptedToo() {
        let draft = TeachingDraft(topic: "Signs of bleeding on apixaban", learner: "Patient", method: "Written material",
                                  result: "Needs reinforcement", materialGiven: "Apixaban and you", note: "Could not name two signs; repeat next visit.")
        #expect(draft.teaching()?.needsFollowUp == true)
        #expect(draft.teaching()?.method == .writtenMaterial)
    }

    @Test func whatIsMissingIsNamed() {
        let draft = TeachingDraft(topic: "", learner: "neighbour", method: "osmosis", result: "unable")
        #expect(draft.problems == [
            "topic": "Say what was taught, e.g. signs of low blood sugar.",
            "learner": "Choose who was taught: patient, caregiver, family or other.",
            "method": "Choose how it was taught: explanation, demonstration, return demonstration, written material or video.",
            "note": "Say what to reinforce at the next visit, or why the learner was unable.",
        ])
        let handout = TeachingDraft(topic: "Low-sodium diet", learner: "family", method: "written", result: "understood")
        #expect(handout.problems == ["materialGiven": "Name the handout given, e.g. Warfarin and your diet."])
    }

    @Test func storedCodes() {
        #expect(TeachBackResult.allCases.map(\.rawValue) == ["understood", "needs_reinforcement", "unable"])
        #expect(TeachingMethod.allCases.map(\.rawValue) == ["explanation", "demonstration", "return_demonstration", "written", "video"])
    }
}
