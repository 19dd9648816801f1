import Foundation

/// A teaching record with the day it was given, as the chart stores it.
public struct TeachingSession: Sendable, Hashable, Codable {
    public var record: TeachingRecord
    public var taughtOn: CalendarDate

    public init(record: TeachingRecord, taughtOn: CalendarDate) {
        self.record = record
        self.taughtOn = taughtOn
    }
}

/// What has been taught to one patient and their caregivers, topic by topic, and what needs teaching again.
public struct TeachingProgress: Sendable, Equatable {
    /// One topic's standing: the latest teach-back decides.
    public struct Line: Sendable, Equatable, Identifiable {
        /// The library topic's id, or the typed topic (lowercased) when it is not in the library.
        public var id: String
        public var topic: TeachingTopic?
        public var title: String
        public var latestResult: TeachBackResult
        public var latestLearner: Learner
        public var lastTaughtOn: CalendarDate
        /// What the clinician wrote at the latest session: what to reinforce, or why the learner was unable.
        public var latestNote: String?
        public var sessions: Int
        /// Learners who have shown back understanding at least once (a caregiver may have it while the patient does not).
        public var understoodBy: Set<Learner>

        /// Teach again: the latest teach-back was not "understood".
        public var needsReinforcement: Bool { latestResult != .understood }
    }

    /// Topics needing reinforcement first (longest waiting first), then understood topics by title.
    public let lines: [Line]

    public init(sessions: [TeachingSession], library: TeachingTopicLibrary) {
        var byTopic: [String: Line] = [:]
        // Stable order: by day, and records of the same day in the order given.
        let ordered = sessions.enumerated().sorted { ($0.element.taughtOn, $0.offset) < ($1.element.taughtOn, $1.offset) }.map(\.element)
        for session in ordered {
            let topic = library.topic(matching: session.record.topic)
            let id = topic?.id ?? TeachingTopicLibrary.key(session.record.topic)
            var line = byTopic[id] ?? Line(id: id, topic: topic, title: topic?.title ?? session.record.topic, latestResult: session.record.result,
                                           latestLearner: session.record.learner, lastTaughtOn: session.taughtOn, sessions: 0, understoodBy: [])
            line.latestResult = session.record.result
            line.latestLearner = session.record.learner
            line.lastTaughtOn = session.taughtOn
            line.latestNote = session.record.note
            line.sessions += 1
            if session.record.result == .understood { line.understoodBy.insert(session.record.learner) }
            byTopic[id] = line
        }
        lines = byTopic.values.sorted { a, b in
            if a.needsReinforcement != b.needsReinforcement { return a.needsReinforcement }
            if a.needsReinforcement, a.lastTaughtOn != b.lastTaughtOn { return a.lastTaughtOn < b.lastTaughtOn }
            return (a.title.lowercased(), a.id) < (b.title.lowercased(), b.id)
        }
    }

    /// Topics to teach again at the next visit.
    public var needingReinforcement: [Line] { lines.filter(\.needsReinforcement) }

    /// Library topics of the given ids not yet taught at all, in the order asked (the plan's teaching list).
    public func notYetTaught(_ topicIDs: [String], in library: TeachingTopicLibrary) -> [TeachingTopic] {
        let taught = Set(lines.map(\.id))
        return topicIDs.compactMap { library.topic($0) }.filter { !taught.contains($0.id) }
    }

    /// "5 topics taught; 2 need reinforcement: Insulin use, Fall prevention."
    public var headline: String {
        guard !lines.isEmpty else { return "No teaching recorded yet." }
        let needing = needingReinforcement
        let taught = "\(lines.count) topic\(lines.count == 1 ? "" : "s") taught"
        guard !needing.isEmpty else { return taught + "; all understood." }
        return taught + "; \(needing.count) need\(needing.count == 1 ? "s" : "") reinforcement: " + needing.map(\.title).joined(separator: ", ") + "."
    }
}
