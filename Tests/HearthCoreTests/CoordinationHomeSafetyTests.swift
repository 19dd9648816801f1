import Foundation
import Testing
@testable import HearthCore

/// The data files shipped for coordination, loaded the way the app loads them at start-up (each feature adds its own).
enum CoordinationFixture {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources")

    static let checklist: HomeSafetyChecklist = {
        do { return try HomeSafetyChecklist(file: resources.appendingPathComponent("HomeSafety/checklist.json")) } catch { fatalError("\(error)") }
    }()

    static let today = day("2026-03-02")

    /// A walk-through with every item safe except the ones given as hazards.
    static func evaluation(hazards: [String: String] = [:], notApplicable: [HomeSafetyArea] = []) -> HomeSafetyEvaluation {
        var evaluation = HomeSafetyEvaluation(checklistVersion: checklist.version, evaluatedOn: today)
        for item in checklist.items { evaluation.answer(item.id, .safe) }
        for area in notApplicable { evaluation.markNotApplicable(area, in: checklist, note: "None in this home") }
        for (id, note) in hazards { evaluation.answer(id, .hazard, note: note) }
        return evaluation
    }

    static func finding(_ itemID: String, id: String = "f1", followUp: String = "2026-03-09", responsible: ResponsibleParty = .family)
        throws -> HomeSafetyFinding {
        try HomeSafetyFinding(id: id, item: checklist.item(itemID)!, foundOn: today, responsible: responsible,
                              followUpOn: day(followUp), today: today)
    }
}

/// The shipped checklist: every area covered, items well-formed, our own wording after the CDC STEADI idea.
@Suite struct HomeSafetyChecklistTests {
    let checklist = CoordinationFixture.checklist

    @Test func theShippedChecklistCoversEveryAreaWithWellFormedItems() {
        #expect(checklist.items.count >= 40)
        for area in HomeSafetyArea.allCases { #expect(checklist.items(in: area).count >= 2, "\(area)") }
        #expect(Set(checklist.items.map(\.id)).count == checklist.items.count)
        #expect(checklist.item("bathroom-grab-bars")?.severity == .high)
        #expect(checklist.item("bathroom-grab-bars")?.area == .bathroom)
        // walk-through order: floors first, emergency access last
        #expect(checklist.items.first?.area == .floors && checklist.items.last?.area == .emergencyAccess)
    }

    @Test func aDuplicateIDIsOneClearError() throws {
        let item = HomeSafetyItem(id: "floors-rugs", area: .floors, question: "Rugs fixed?", hazard: "Loose rugs", severity: .high, modification: "Tape")
        let error = #expect(throws: HomeSafetyChecklistError.self) {
            try HomeSafetyChecklist(version: "1", items: checklist.items + [item, item], source: "checklist.json")
        }
        #expect(error?.problem == .duplicateID)
        #expect(error?.description == "Home safety checklist checklist.json (floors-rugs): the id is used by an earlier item. Fix the file and restart.")
    }

    @Test func anAreaWithoutItemsIsRefused() {
        let withoutOxygen = checklist.items.filter { $0.area != .oxygen }
        #expect(throws: HomeSafetyChecklistError(source: "checklist", item: nil, problem: .areaWithoutItems(.oxygen))) {
            try HomeSafetyChecklist(version: "1", items: withoutOxygen)
        }
    }

    @Test func brokenJSONNamesTheFileAndThePlace() {
        let json = #"{"version": "1", "items": [{"id": "x", "area": "garage", "question": "q", "hazard": "h", "severity": "low", "modification": "m"}]}"#
        let error = #expect(throws: HomeSafetyChecklistError.self) { try HomeSafetyChecklist(data: Data(json.utf8), source: "checklist.json") }
        #expect(error?.description.hasPrefix("Home safety checklist checklist.json: not valid home safety checklist JSON") == true)
        #expect(error?.description.contains("items[0].area") == true)
    }

    @Test func emptyTextAndBadIDsAreRefused() {
        let blank = HomeSafetyItem(id: "floors-x", area: .floors, question: " ", hazard: "h", severity: .low, modification: "m")
        #expect(throws: HomeSafetyChecklistError(source: "checklist", item: "floors-x", problem: .missingText("question"))) {
            try HomeSafetyChecklist(version: "1", items: checklist.items + [blank])
        }
        let badID = HomeSafetyItem(id: "Floors X", area: .floors, question: "q", hazard: "h", severity: .low, modification: "m")
        #expect(throws: HomeSafetyChecklistError(source: "checklist", item: "Floors X", problem: .badID)) {
            try HomeSafetyChecklist(version: "1", items: [badID] + checklist.items)
        }
    }
}

/// A walk-through: every item answered, hazards noted, findings drafted with sensible defaults.
@Suite struct HomeSafetyEvaluationTests {
    let checklist = CoordinationFixture.checklist
    let today = CoordinationFixture.today

    @Test func aCompleteEvaluationHasNoProblems() {
        let evaluation = CoordinationFixture.evaluation(hazards: ["floors-rugs-secured": "Two throw rugs in the hallway"], notApplicable: [.oxygen])
        #expect(evaluation.problems(against: checklist, today: today).isEmpty)
        let counts = evaluation.counts(in: checklist)
        #expect(counts[.hazard] == 1)
        #expect(counts[.notApplicable] == checklist.items(in: .oxygen).count)
        #expect(evaluation.roomNotes["oxygen"] == "None in this home")
    }

    @Test func unansweredItemsAndHazardsWithoutANoteAreNamedByField() {
        var evaluation = CoordinationFixture.evaluation()
        evaluation.answers["stairs-lighting"] = nil
        evaluation.answer("bathroom-grab-bars", .hazard)
        evaluation.answers["garage-door"] = .safe
        let problems = evaluation.problems(against: checklist, today: today)
        #expect(problems["answers.stairs-lighting"] == "Answer safe, hazard or not applicable.")
        #expect(problems["itemNotes.bathroom-grab-bars"] == "Say where and what you saw, so the next clinician can find it.")
        #expect(problems["answers.garage-door"]?.contains("not on the current checklist") == true)
    }

    @Test func aFutureEvaluationDateIsRefused() {
        var evaluation = CoordinationFixture.evaluation()
        evaluation.evaluatedOn = today.adding(days: 1)
        #expect(evaluation.problems(against: checklist, today: today)["evaluatedOn"] == "The evaluation date cannot be in the future.")
    }

    @Test func hazardsComeMostSevereFirstAndDraftsCarryTheChecklistDefaults() {
        let evaluation = CoordinationFixture.evaluation(hazards: [
            "medication-storage-conditions": "Insulin kept on the windowsill",
            "bathroom-grab-bars": "No bars at toilet or tub",
            "kitchen-reach": "Dishes on top shelf",
        ])
        #expect(evaluation.hazards(in: checklist).map(\.id) == ["bathroom-grab-bars", "kitchen-reach", "medication-storage-conditions"])
        let drafts = evaluation.findingDrafts(in: checklist)
        #expect(drafts.map(\.severity) == ["high", "moderate", "low"])
        #expect(drafts.map(\.followUpOn) == ["2026-03-09", "2026-03-16", "2026-04-01"])
        #expect(drafts[0].note == "No bars at toilet or tub")
        #expect(drafts[0].modification.hasPrefix("Install wall-anchored grab bars"))
        #expect(drafts[0].responsible.isEmpty)
    }

    @Test func aFindingDraftNeedsWhoIsResponsibleAndAFutureFollowUp() {
        var draft = HomeSafetyFindingDraft(itemID: "bathroom-grab-bars", severity: "extreme", modification: "", responsible: "",
                                           followUpOn: "2026-03-01")
        var problems = draft.problems(in: checklist, today: today)
        #expect(problems["severity"] == "Choose low, moderate or high.")
        #expect(problems["modification"]?.hasPrefix("Say what should change") == true)
        #expect(problems["responsible"]?.hasPrefix("Choose who will make the change") == true)
        #expect(problems["followUpOn"] == "The follow-up date is in the past. Choose today or a later day.")
        #expect(draft.finding(id: "f1", in: checklist, foundOn: today, today: today) == nil)

        draft = HomeSafetyFindingDraft(itemID: "bathroom-grab-bars", severity: "High", modification: "Install 2 grab bars", responsible: "DME vendor",
                                       followUpOn: "2026-03-09")
        problems = draft.problems(in: checklist, today: today)
        #expect(problems.isEmpty)
        let finding = draft.finding(id: "f1", in: checklist, foundOn: today, today: today)
        #expect(finding?.responsible == .dmeVendor)
        #expect(finding?.hazard == "No grab bars at toilet or tub/shower")
        #expect(finding?.state == .open)
    }

    @Test func otherAsResponsibleNeedsAName() {
        let draft = HomeSafetyFindingDraft(itemID: "entrances-steps-rails", severity: "high", modification: "Install rails", responsible: "other",
                                           followUpOn: "2026-03-20")
        #expect(draft.problems(in: checklist, today: today)["responsibleName"] == "Name who is responsible.")
    }
}

/// A finding's life: open → resolved (with a note) or risk accepted (with a reason); follow-up never in the past.
@Suite struct HomeSafetyFindingTests {
    let today = CoordinationFixture.today

    @Test func aFollowUpDateInThePastIsRefused() {
        #expect(throws: HomeSafetyFindingError.followUpInPast(day("2026-02-27"))) {
            try CoordinationFixture.finding("floors-rugs-secured", followUp: "2026-02-27")
        }
        #expect(HomeSafetyFindingError.followUpInPast(day("2026-02-27")).description
            == "The follow-up date 2026-02-27 is in the past. Choose today or a later day.")
    }

    @Test func resolvingNeedsANoteAndKeepsThePhotoDescription() throws {
        var finding = try CoordinationFixture.finding("bathroom-grab-bars")
        let before = finding
        #expect(throws: HomeSafetyFindingError.resolutionNoteRequired) {
            try finding.resolve(note: "  ", photoDescription: "bars", on: day("2026-03-08"), by: "rn-kim")
        }
        #expect(finding == before)
        try finding.resolve(note: "Son installed two grab bars", photoDescription: "Grab bar left of toilet, one on tub wall",
                            on: day("2026-03-08"), by: "rn-kim")
        #expect(finding.state == .resolved)
        #expect(finding.closure == HomeSafetyClosure(on: day("2026-03-08"), by: "rn-kim", note: "Son installed two grab bars",
                                                    photoDescription: "Grab bar left of toilet, one on tub wall"))
        #expect(throws: HomeSafetyFindingError.notOpen(.resolved)) {
            try finding.acceptRisk(reason: "Changed mind", on: day("2026-03-09"), by: "rn-kim")
        }
    }

    @Test func acceptingTheRiskNeedsTheReason() throws {
        var finding = try CoordinationFixture.finding("floors-rugs-secured")
        #expect(throws: HomeSafetyFindingError.acceptanceReasonRequired) { try finding.acceptRisk(reason: "", on: today, by: "rn-kim") }
        try finding.acceptRisk(reason: "Rugs were her mother's; risk explained, she keeps them and will use the walker", on: today, by: "rn-kim")
        #expect(finding.state == .acceptedRisk)
        #expect(!finding.isOverdue(on: day("2026-12-31")))
    }

    @Test func aFindingCannotBeClosedBeforeItWasFound() throws {
        var finding = try CoordinationFixture.finding("floors-rugs-secured")
        #expect(throws: HomeSafetyFindingError.closedBeforeFound(today)) {
            try finding.resolve(note: "Removed", on: day("2026-03-01"), by: "rn-kim")
        }
    }

    @Test func reschedulingStaysInTheFutureAndOnlyWhileOpen() throws {
        var finding = try CoordinationFixture.finding("entrances-steps-rails", responsible: .landlord)
        try finding.reschedule(to: day("2026-03-23"), today: day("2026-03-09"))
        #expect(finding.followUpOn == day("2026-03-23"))
        #expect(throws: HomeSafetyFindingError.followUpInPast(day("2026-03-08"))) {
            try finding.reschedule(to: day("2026-03-08"), today: day("2026-03-09"))
        }
        try finding.reassign(to: .other, name: "Housing authority inspector")
        #expect(finding.responsibleName == "Housing authority inspector")
        #expect(throws: HomeSafetyFindingError.responsibleNameRequired) { try finding.reassign(to: .other) }
    }

    @Test func overdueMeansOpenPastItsFollowUpDay() throws {
        let finding = try CoordinationFixture.finding("floors-rugs-secured", followUp: "2026-03-09")
        #expect(!finding.isOverdue(on: day("2026-03-09")))
        #expect(finding.isOverdue(on: day("2026-03-10")))
    }
}

/// What is open and overdue, and the care-plan problem it feeds.
@Suite struct HomeSafetySummaryTests {
    @Test func theSummarySaysWhatIsOpenAndOverdue() throws {
        let rugs = try CoordinationFixture.finding("floors-rugs-secured", id: "f1", followUp: "2026-03-05")
        let bars = try CoordinationFixture.finding("bathroom-grab-bars", id: "f2", followUp: "2026-03-20")
        var alarm = try CoordinationFixture.finding("alarms-smoke-working", id: "f3", followUp: "2026-03-03")
        try alarm.resolve(note: "Fire department fitted two alarms", on: day("2026-03-03"), by: "rn-kim")
        let reach = try CoordinationFixture.finding("kitchen-reach", id: "f4", followUp: "2026-03-16")
        let summary = HomeSafetySummary(findings: [rugs, bars, alarm, reach], on: day("2026-03-10"))
        #expect(summary.open.map(\.id) == ["f1", "f2", "f4"])
        #expect(summary.overdue.map(\.id) == ["f1"])
        #expect(summary.resolvedCount == 1)
        #expect(summary.headline == "3 open hazards (2 high, 1 moderate); 1 overdue: Loose throw rugs (follow-up was 2026-03-05).")
    }

    @Test func openModerateOrHighFindingsSuggestTheFallRiskProblemWithAGoal() throws {
        let rugs = try CoordinationFixture.finding("floors-rugs-secured", id: "f1", followUp: "2026-03-05")
        let reach = try CoordinationFixture.finding("kitchen-reach", id: "f2", followUp: "2026-03-16")
        let suggestion = try #require(HomeSafetySummary(findings: [rugs, reach], on: CoordinationFixture.today).carePlanProblem)
        #expect(suggestion.problem.title == "Home safety / fall risk")
        #expect(suggestion.problem.source == .finding(code: "home-safety", instrumentID: "home-safety-checklist"))
        #expect(suggestion.goalTargetDate == day("2026-03-16"))
        #expect(suggestion.goalMeasure.hasPrefix("1 high and 1 moderate hazards resolved"))
        #expect(suggestion.hazards == ["Loose throw rugs", "Everyday items need a step stool or a deep bend to reach"])
        let goal = suggestion.goal(id: "g-home-safety")
        #expect(goal.problemID == "home-safety" && goal.status == .active)
    }

    @Test func lowOrClosedFindingsSuggestNoProblem() throws {
        let numbers = try CoordinationFixture.finding("emergency-access-house-number", followUp: "2026-03-30")
        #expect(HomeSafetySummary(findings: [numbers], on: CoordinationFixture.today).carePlanProblem == nil)
        var rugs = try CoordinationFixture.finding("floors-rugs-secured")
        try rugs.resolve(note: "Rugs removed", on: CoordinationFixture.today, by: "rn-kim")
        let summary = HomeSafetySummary(findings: [rugs], on: CoordinationFixture.today)
        #expect(summary.carePlanProblem == nil)
        #expect(summary.headline == "No open home hazards.")
        #expect(HomeSafetySummary(findings: [], on: CoordinationFixture.today).headline == "No home hazards recorded.")
    }
}
