extension TeachingDraft {
    /// The teaching form started from a library topic: its title as the topic, and its handout when teaching by written material.
    public init(topic: TeachingTopic, learner: String, method: String, result: String, materialGiven: String = "", note: String = "") {
        let isWritten = method.trimmed.lowercased() == TeachingMethod.writtenMaterial.rawValue
            || method.trimmed.lowercased() == TeachingMethod.writtenMaterial.title.lowercased()
        let material = materialGiven.trimmed.isEmpty && isWritten ? topic.material ?? "" : materialGiven
        self.init(topic: topic.title, learner: learner, method: method, result: result, materialGiven: material, note: note)
    }
}

extension TeachingTopicLibrary {
    /// The library topic a saved teaching record is about, or nil for free-text topics.
    public func topic(of record: TeachingRecord) -> TeachingTopic? { topic(matching: record.topic) }
}
