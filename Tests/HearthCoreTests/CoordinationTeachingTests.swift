import Foundation
import Testing
@testable import HearthCore

extension CoordinationFixture {
    static let library: TeachingTopicLibrary = {
        do { return try TeachingTopicLibrary(file: resources.appendingPathComponent("Teaching/topics.json")) } catch { fatalError("\(error)") }
    }()
}

/// The shipped teaching library: topics with key points, in known categories, found by id or title.
@Suite struct TeachingTopicLibraryTests {
    let library = CoordinationFixture.library

    @Test func theShippedLibraryHasTheCoreHomeHealthTopics() {
        #expect(library.topics.count >= 25)
        for id in ["heart-failure-self-care", "insulin-use", "fall-prevention", "equipment-use", "warfarin", "oxygen-safety", "wound-care",
                   "copd-action-plan", "diabetes-foot-care"] {
            #expect(library.topic(id) != nil, "\(id)")
        }
        for topic in library.topics {
            #expect(library.category(topic.category) != nil, "\(topic.id)")
            #expect(!topic.keyPoints.isEmpty)
        }
        #expect(library.topics(in: "diabetes").map(\.id).contains("hypoglycemia"))
    }

    @Test func aTopicIsFoundByIdOrTitleInAnyCase() {
        #expect(library.topic(matching: "Insulin use")?.id == "insulin-use")
        #expect(library.topic(matching: "  insulin   USE ")?.id == "insulin-use")
        #expect(library.topic(matching: "warfarin")?.title == "Warfarin (blood thinner) safety")
        #expect(library.topic(matching: "How to fold laundry") == nil)
    }

    @Test func aTopicInAnUnknownCategoryIsOneClearError() {
        let topic = TeachingTopic(id: "knitting", title: "Knitting", category: "hobbies", keyPoints: ["Knit one, purl one"])
        let error = #expect(throws: TeachingTopicLibraryError.self) {
            try TeachingTopicLibrary(version: "1", categories: library.categories, topics: library.topics + [topic], source: "topics.json")
        }
        #expect(error?.description == "Teaching library topics.json (knitting): category 'hobbies' is not in the file's categories. Fix the file and restart.")
    }

    @Test func duplicateTitlesAndMissingKeyPointsAreRefused() {
        let copy = TeachingTopic(id: "insulin-2", title: "INSULIN USE", category: "diabetes", keyPoints: ["x"])
        #expect(throws: TeachingTopicLibraryError(source: "topics", topic: "insulin-2", problem: .duplicate(otherTopic: "insulin-use"))) {
            try TeachingTopicLibrary(version: "1", categories: library.categories, topics: library.topics + [copy])
        }
        let empty = TeachingTopic(id: "empty", title: "Empty", category: "diabetes", keyPoints: [" "])
        #expect(throws: TeachingTopicLibraryError(source: "topics", topic: "empty", problem: .noKeyPoints)) {
            try TeachingTopicLibrary(version: "1", categories: library.categories, topics: [empty])
        }
    }

    @Test func brokenJSONNamesTheFile() {
        let error = #expect(throws: TeachingTopicLibraryError.self) { try TeachingTopicLibrary(data: Data("{".utf8), source: "topics.json") }
        #expect(error?.description.hasPrefix("Teaching library topics.json: not valid teaching library JSON") == true)
    }

    @Test func aDraftStartedFromATopicOffersItsHandoutForWrittenTeaching() {
        let warfarin = library.topic("warfarin")!
        let draft = TeachingDraft(topic: warfarin, learner: "caregiver", method: "written", result: "understood")
        #expect(draft.topic == "Warfarin (blood thinner) safety")
        #expect(draft.materialGiven == "Warfarin and your diet")
        #expect(draft.problems.isEmpty)
        let spoken = TeachingDraft(topic: warfarin, learner: "patient", method: "explanation", result: "understood")
        #expect(spoken.materialGiven.isEmpty)
        #expect(library.topic(of: draft.teaching()!)?.id == "warfarin")
    }
}

/// What the chart shows: each topic's latest teach-back, reinforcement first.
@Suite struct TeachingProgressTests {
    let library = CoordinationFixture.library

    func session(_ topic: String, _ result: TeachBackResult, on date: String, learner: Learner = .patient, note: String? = nil) -> TeachingSession {
        TeachingSession(record: TeachingRecord(topic: topic, learner: learner, method: .explanation, result: result, note: note), taughtOn: day(date))
    }

    @Test func theLatestTeachBackDecidesAndReinforcementComesFirst() {
        let progress = TeachingProgress(sessions: [
            session("Insulin use", .needsReinforcement, on: "2026-03-02", note: "Drew up 12 units instead of 10"),
            session("Insulin use", .understood, on: "2026-03-05"),
            session("fall-prevention", .understood, on: "2026-03-02"),
            session("Fall prevention", .needsReinforcement, on: "2026-03-06", learner: .caregiver, note: "Daughter unsure how to help after a fall"),
            session("Heart failure self-care", .unable, on: "2026-03-04", note: "Too short of breath to attend"),
            session("Using the bus", .understood, on: "2026-03-03"),
        ], library: library)
        #expect(progress.lines.map(\.title) == ["Heart failure self-care", "Fall prevention", "Insulin use", "Using the bus"])
        #expect(progress.needingReinforcement.map(\.id) == ["heart-failure-self-care", "fall-prevention"])
        let falls = progress.lines[1]
        #expect(falls.sessions == 2 && falls.latestLearner == .caregiver && falls.understoodBy == [.patient])
        #expect(falls.latestNote == "Daughter unsure how to help after a fall")
        #expect(progress.lines[2].needsReinforcement == false)
        #expect(progress.lines[3].topic == nil && progress.lines[3].id == "using the bus")
        #expect(progress.headline == "4 topics taught; 2 need reinforcement: Heart failure self-care, Fall prevention.")
    }

    @Test func sessionsOnTheSameDayCountInTheOrderGiven() {
        let progress = TeachingProgress(sessions: [
            session("Wound care", .needsReinforcement, on: "2026-03-02"),
            session("Wound care", .understood, on: "2026-03-02"),
        ], library: library)
        #expect(progress.lines.first?.latestResult == .understood)
        #expect(progress.headline == "1 topic taught; all understood.")
    }

    @Test func plannedTopicsNotYetTaughtAreListed() {
        let progress = TeachingProgress(sessions: [session("Insulin use", .understood, on: "2026-03-02")], library: library)
        #expect(progress.notYetTaught(["insulin-use", "hypoglycemia", "diabetes-foot-care", "no-such-topic"], in: library).map(\.id)
            == ["hypoglycemia", "diabetes-foot-care"])
        #expect(TeachingProgress(sessions: [], library: library).headline == "No teaching recorded yet.")
    }
}
