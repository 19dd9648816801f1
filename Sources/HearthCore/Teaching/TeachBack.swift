/// How well the learner explained or showed back what was taught (the teach-back method).
public enum TeachBackResult: String, Sendable, Hashable, Codable, CaseIterable {
    /// Said or showed it back correctly.
    case understood
    /// Partly right: teach again at the next visit.
    case needsReinforcement = "needs_reinforcement"
    /// Could not take it in (confusion, distress, hearing, language); the note says why.
    case unable

    /// The result as a visit note says it.
    public var title: String {
        switch self {
        case .understood: "Understood"
        case .needsReinforcement: "Needs reinforcement"
        case .unable: "Unable"
        }
    }
}

/// How something was taught.
public enum TeachingMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case explanation, demonstration
    /// The learner did it while the clinician watched (drawing up insulin, using an inhaler).
    case returnDemonstration = "return_demonstration"
    case writtenMaterial = "written"
    case video

    /// The method as a form shows it.
    public var title: String {
        switch self {
        case .explanation: "Explanation"
        case .demonstration: "Demonstration"
        case .returnDemonstration: "Return demonstration"
        case .writtenMaterial: "Written material"
        case .video: "Video"
        }
    }
}

/// Who was taught.
public enum Learner: String, Sendable, Hashable, Codable, CaseIterable {
    case patient, caregiver, family, other

    /// The learner as a form shows it.
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// A teaching session, checked: any topic (a medication, wound care, fall prevention); the app links it to what it is about.
public struct TeachingRecord: Sendable, Hashable, Codable {
    public var topic: String
    public var learner: Learner
    public var method: TeachingMethod
    public var result: TeachBackResult
    /// The handout or video given, by title.
    public var materialGiven: String?
    public var note: String?

    public init(topic: String, learner: Learner, method: TeachingMethod, result: TeachBackResult, materialGiven: String? = nil, note: String? = nil) {
        self.topic = topic
        self.learner = learner
        self.method = method
        self.result = result
        self.materialGiven = materialGiven
        self.note = note
    }

    /// Teach again next visit: the learner did not fully understand.
    public var needsFollowUp: Bool { result != .understood }
}

/// The teaching form as typed, checked field by field.
public struct TeachingDraft: Sendable, Equatable {
    public var topic: String
    public var learner: String
    public var method: String
    public var result: String
    public var materialGiven: String
    public var note: String

    public init(topic: String, learner: String, method: String, result: String, materialGiven: String = "", note: String = "") {
        self.topic = topic.trimmed
        self.learner = learner.trimmed
        self.method = method.trimmed
        self.result = result.trimmed
        self.materialGiven = materialGiven.trimmed
        self.note = note.trimmed
    }

    /// Problems by field name; empty when the teaching can be saved.
    public var problems: [String: String] {
        var problems: [String: String] = [:]
        if topic.isEmpty { problems["topic"] = "Say what was taught, e.g. signs of low blood sugar." }
        if topic.count > 200 { problems["topic"] = "Use at most 200 characters; put detail in the note." }
        if Self.pick(Learner.self, learner, \.title) == nil { problems["learner"] = "Choose who was taught: patient, caregiver, family or other." }
        let method = Self.pick(TeachingMethod.self, method, \.title)
        if method == nil {
            problems["method"] = "Choose how it was taught: explanation, demonstration, return demonstration, written material or video."
        }
        let result = Self.pick(TeachBackResult.self, result, \.title)
        if result == nil { problems["result"] = "Choose the teach-back result: understood, needs reinforcement or unable." }
        if method == .writtenMaterial && materialGiven.isEmpty {
            problems["materialGiven"] = "Name the handout given, e.g. Warfarin and your diet."
        }
        if materialGiven.count > 200 { problems["materialGiven"] = "Use at most 200 characters." }
        if let result, result != .understood, note.isEmpty {
            problems["note"] = "Say what to reinforce at the next visit, or why the learner was unable."
        }
        if note.count > 1000 { problems["note"] = "Use at most 1,000 characters." }
        return problems
    }

    /// The checked record, or nil while there are problems.
    public func teaching() -> TeachingRecord? {
        guard problems.isEmpty, let learner = Self.pick(Learner.self, learner, \.title),
              let method = Self.pick(TeachingMethod.self, method, \.title),
              let result = Self.pick(TeachBackResult.self, result, \.title) else { return nil }
        return TeachingRecord(topic: topic, learner: learner, method: method, result: result,
                              materialGiven: materialGiven.nonEmpty, note: note.nonEmpty)
    }

    /// A choice by raw value or title, in any case ("return_demonstration" or "Return demonstration").
    private static func pick<T: CaseIterable & RawRepresentable>(_ type: T.Type, _ text: String, _ title: KeyPath<T, String>) -> T?
    where T.RawValue == String {
        let text = text.lowercased()
        return T.allCases.first { $0.rawValue == text || $0[keyPath: title].lowercased() == text }
    }
}
