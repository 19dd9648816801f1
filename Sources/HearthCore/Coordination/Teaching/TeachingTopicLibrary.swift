import Foundation

/// A group of topics on the teaching page: "Diabetes", "Breathing and lungs".
public struct TeachingCategory: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// Something the agency teaches, with what the learner should be able to say or show back.
public struct TeachingTopic: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var title: String
    public var category: String
    public var keyPoints: [String]
    /// The handout usually given, by title.
    public var material: String?

    public init(id: String, title: String, category: String, keyPoints: [String], material: String? = nil) {
        self.id = id
        self.title = title
        self.category = category
        self.keyPoints = keyPoints
        self.material = material
    }
}

/// The library of teaching topics, loaded once at start-up from `Resources/Teaching/topics.json`.
/// A broken file stops start-up with its name, the topic and the fault.
public struct TeachingTopicLibrary: Sendable, Equatable {
    public let version: String
    public let categories: [TeachingCategory]
    /// Every topic, in file order.
    public let topics: [TeachingTopic]
    private let byKey: [String: Int]

    /// Builds the library from the file's bytes; `source` names the file in messages.
    public init(data: Data, source: String) throws(TeachingTopicLibraryError) {
        let file: LibraryFile
        do {
            file = try JSONDecoder().decode(LibraryFile.self, from: data)
        } catch let error as DecodingError {
            throw TeachingTopicLibraryError(source: source, topic: nil, problem: .unreadable(error.oneLine))
        } catch {
            throw TeachingTopicLibraryError(source: source, topic: nil, problem: .unreadable("\(error)"))
        }
        try self.init(version: file.version, categories: file.categories, topics: file.topics, source: source)
    }

    /// Reads the library file (the app passes `Resources/Teaching/topics.json`).
    public init(file: URL) throws(TeachingTopicLibraryError) {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw TeachingTopicLibraryError(source: file.lastPathComponent, topic: nil, problem: .unreadable("cannot read the file"))
        }
        try self.init(data: data, source: file.lastPathComponent)
    }

    /// Checks ids (lowercase words joined by hyphens, used once), titles unique in any case, known categories and key points.
    public init(version: String, categories: [TeachingCategory], topics: [TeachingTopic],
                source: String = "topics") throws(TeachingTopicLibraryError) {
        var categoryIDs: Set<String> = []
        for category in categories {
            guard Self.isSlug(category.id), !category.title.trimmed.isEmpty else {
                throw .init(source: source, topic: nil, problem: .badCategory(category.id))
            }
            guard categoryIDs.insert(category.id).inserted else { throw .init(source: source, topic: nil, problem: .duplicateCategory(category.id)) }
        }
        var keys: [String: Int] = [:]
        for (index, topic) in topics.enumerated() {
            let name = topic.id.isEmpty ? "topic \(index + 1)" : topic.id
            guard Self.isSlug(topic.id) else { throw .init(source: source, topic: name, problem: .badID) }
            guard !topic.title.trimmed.isEmpty else { throw .init(source: source, topic: name, problem: .missingText("title")) }
            guard categoryIDs.contains(topic.category) else { throw .init(source: source, topic: name, problem: .unknownCategory(topic.category)) }
            guard !topic.keyPoints.isEmpty, topic.keyPoints.allSatisfy({ !$0.trimmed.isEmpty }) else {
                throw .init(source: source, topic: name, problem: .noKeyPoints)
            }
            for key in Set([topic.id, Self.key(topic.title)]) {
                if let other = keys[key] { throw .init(source: source, topic: name, problem: .duplicate(otherTopic: topics[other].id)) }
                keys[key] = index
            }
        }
        self.version = version
        self.categories = categories
        self.topics = topics
        byKey = keys
    }

    /// A topic by its id.
    public func topic(_ id: String) -> TeachingTopic? { byKey[id].map { topics[$0] }.flatMap { $0.id == id ? $0 : nil } }

    /// The topic a typed or stored topic names, by id or by title in any case ("Insulin use", "insulin-use"); nil for free text.
    public func topic(matching text: String) -> TeachingTopic? { byKey[Self.key(text)].map { topics[$0] } }

    /// The topics of one category, in file order.
    public func topics(in categoryID: String) -> [TeachingTopic] { topics.filter { $0.category == categoryID } }

    public func category(_ id: String) -> TeachingCategory? { categories.first { $0.id == id } }

    /// Lowercased, trimmed, inner runs of spaces collapsed: how titles are compared.
    static func key(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func isSlug(_ text: String) -> Bool { text.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) != nil }

    public static func == (lhs: TeachingTopicLibrary, rhs: TeachingTopicLibrary) -> Bool {
        lhs.version == rhs.version && lhs.categories == rhs.categories && lhs.topics == rhs.topics
    }

    private struct LibraryFile: Decodable {
        var version: String
        var categories: [TeachingCategory]
        var topics: [TeachingTopic]
    }
}

/// Why the teaching library could not be loaded; start-up stops until the file is fixed.
public struct TeachingTopicLibraryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        case unreadable(String)
        case missingText(String)
        case badID
        case badCategory(String)
        case duplicateCategory(String)
        case unknownCategory(String)
        case noKeyPoints
        case duplicate(otherTopic: String)

        public var description: String {
            switch self {
            case .unreadable(let detail): "not valid teaching library JSON (\(detail))"
            case .missingText(let field): "\(field) is empty"
            case .badID: "the id must be lowercase words joined by hyphens, e.g. insulin-use"
            case .badCategory(let id): "category '\(id)' needs an id of lowercase words joined by hyphens and a title"
            case .duplicateCategory(let id): "category '\(id)' is listed twice"
            case .unknownCategory(let id): "category '\(id)' is not in the file's categories"
            case .noKeyPoints: "it needs at least one key point, and none may be empty"
            case .duplicate(let other): "its id or title is already used by '\(other)'"
            }
        }
    }

    public var source: String
    public var topic: String?
    public var problem: Problem

    public init(source: String, topic: String?, problem: Problem) {
        self.source = source
        self.topic = topic
        self.problem = problem
    }

    public var description: String {
        let place = topic.map { "\(source) (\($0))" } ?? source
        return "Teaching library \(place): \(problem). Fix the file and restart."
    }
}
