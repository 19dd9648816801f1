import Foundation

/// A need a case manager searches for ("Food and meals"), with the taxonomy codes that mark services meeting it.
public struct NeedCategory: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var title: String
    public var codes: [String]
    /// What kinds of services belong here, shown under the choice.
    public var examples: String?

    public init(id: String, title: String, codes: [String], examples: String? = nil) {
        self.id = id
        self.title = title
        self.codes = codes
        self.examples = examples
    }

    /// A service code meets this need when it equals one of the codes or starts with one followed by a dot
    /// ("food.home-delivered-meals" meets "food"); case does not matter.
    public func matches(code: String) -> Bool {
        let code = code.lowercased()
        return codes.contains { need in
            let need = need.lowercased()
            return code == need || code.hasPrefix(need + ".")
        }
    }

    /// Whether any of the service's category terms carries a matching code.
    public func matches(_ service: ResourceService) -> Bool {
        service.categories.contains { term in term.code.map(matches(code:)) ?? false }
    }
}

/// The needs the directory is searched by, loaded once at start-up from `Resources/Community/need-categories.json`.
public struct NeedCategoryVocabulary: Sendable, Equatable {
    public let version: String
    /// The taxonomy name services' terms use for these codes.
    public let taxonomy: String
    public let categories: [NeedCategory]

    public init(data: Data, source: String) throws(NeedCategoryError) {
        let file: VocabularyFile
        do {
            file = try JSONDecoder().decode(VocabularyFile.self, from: data)
        } catch let error as DecodingError {
            throw NeedCategoryError(source: source, category: nil, problem: "not valid need category JSON (\(error.oneLine))")
        } catch {
            throw NeedCategoryError(source: source, category: nil, problem: "not valid need category JSON (\(error))")
        }
        try self.init(version: file.version, taxonomy: file.taxonomy, categories: file.categories, source: source)
    }

    public init(file: URL) throws(NeedCategoryError) {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw NeedCategoryError(source: file.lastPathComponent, category: nil, problem: "cannot read the file")
        }
        try self.init(data: data, source: file.lastPathComponent)
    }

    /// Checks ids (lowercase words joined by hyphens, used once), titles, and codes (at least one; none claimed by two needs).
    public init(version: String, taxonomy: String, categories: [NeedCategory], source: String = "need-categories") throws(NeedCategoryError) {
        var ids: Set<String> = [], codes: [String: String] = [:]
        for category in categories {
            let name = category.id.isEmpty ? category.title : category.id
            guard TeachingTopicLibrary.isSlug(category.id) else {
                throw NeedCategoryError(source: source, category: name, problem: "the id must be lowercase words joined by hyphens, e.g. food")
            }
            guard ids.insert(category.id).inserted else { throw NeedCategoryError(source: source, category: name, problem: "the id is used twice") }
            guard !category.title.trimmed.isEmpty else { throw NeedCategoryError(source: source, category: name, problem: "the title is empty") }
            guard !category.codes.isEmpty else { throw NeedCategoryError(source: source, category: name, problem: "it has no codes") }
            for code in category.codes {
                let key = code.trimmed.lowercased()
                guard !key.isEmpty, !key.contains(" ") else {
                    throw NeedCategoryError(source: source, category: name, problem: "code '\(code)' must be one word without spaces")
                }
                if let other = codes[key] {
                    throw NeedCategoryError(source: source, category: name, problem: "code '\(code)' already belongs to '\(other)'")
                }
                codes[key] = category.id
            }
        }
        self.version = version
        self.taxonomy = taxonomy
        self.categories = categories
    }

    public func category(_ id: String) -> NeedCategory? { categories.first { $0.id == id } }

    /// The needs a service meets, in vocabulary order: the tags shown on a directory card.
    public func needs(of service: ResourceService) -> [NeedCategory] { categories.filter { $0.matches(service) } }

    private struct VocabularyFile: Decodable {
        var version: String
        var taxonomy: String
        var categories: [NeedCategory]
    }
}

/// Why the need vocabulary could not be loaded; start-up stops until the file is fixed.
public struct NeedCategoryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var category: String?
    public var problem: String

    public var description: String {
        let place = category.map { "\(source) (\($0))" } ?? source
        return "Need categories \(place): \(problem). Fix the file and restart."
    }
}
