import Foundation

/// An ICD-10-CM diagnosis code, e.g. `I50.9` or `E11.621`. Well-formed means: a letter, a digit, a letter or
/// digit, then optionally a dot and 1–4 letters or digits (ICD-10-CM Official Guidelines, Section I.A).
/// Whether it is a real, billable code is a separate question, answered by `ICD10CodeSet`.
public struct ICD10Code: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: String

    /// Accepts the forms people type: `i50.9`, `I509`, ` E11.621 `.
    public init?(_ text: String) {
        let compact = text.uppercased().filter { !$0.isWhitespace && $0 != "." }
        guard (3...7).contains(compact.count), compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        let chars = Array(compact)
        guard chars[0].isLetter, chars[1].isNumber else { return nil }
        value = chars.count == 3 ? compact : String(chars[0..<3]) + "." + String(chars[3...])
    }

    /// A code already in the stored form, from the code set's file.
    init(normalized value: String) { self.value = value }

    public var description: String { value }
    /// Characters without the dot: 7 for a code with a 7th character.
    public var compactCount: Int { value.count - (value.contains(".") ? 1 : 0) }
    /// The three-character category, e.g. `I50` for `I50.9`.
    public var category: String { String(value.prefix(3)) }

    public static func < (lhs: ICD10Code, rhs: ICD10Code) -> Bool { lhs.value < rhs.value }
}

/// The home-health quick picks (`Resources/ICD10/home-health-codes.tsv`): the codes offered on the diagnosis form and
/// searched by words. Whether a code may be recorded is `ICD10CodeSet`'s question; every code here is billable there.
public struct ICD10Catalog: Sendable {
    public struct Entry: Sendable, Equatable {
        public var code: ICD10Code
        public var title: String
    }

    public private(set) var entries: [Entry]
    private var byCode: [ICD10Code: String]

    /// Parses `CODE<TAB>TITLE` lines; `#` starts a comment. A bad line stops with its number.
    public init(tsv: String) throws(CatalogError) {
        var entries: [Entry] = []
        for (index, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            let parts = text.split(separator: "\t", maxSplits: 1).map(String.init)
            guard parts.count == 2, let code = ICD10Code(parts[0]), !parts[1].isEmpty else {
                throw CatalogError(line: index + 1, text: String(text.prefix(60)))
            }
            entries.append(Entry(code: code, title: parts[1].trimmingCharacters(in: .whitespaces)))
        }
        self.entries = entries.sorted { $0.code < $1.code }
        byCode = Dictionary(entries.map { ($0.code, $0.title) }, uniquingKeysWith: { first, _ in first })
    }

    public func title(of code: ICD10Code) -> String? { byCode[code] }

    /// Codes whose code starts with, or whose title contains every word of, the query.
    public func search(_ query: String, limit: Int = 20) -> [Entry] {
        let words = query.lowercased().split(separator: " ").map(String.init)
        guard !words.isEmpty else { return [] }
        let asCode = ICD10Code(query).map(\.value) ?? query.uppercased()
        return Array(entries.lazy.filter { entry in
            entry.code.value.hasPrefix(asCode) || words.allSatisfy { entry.title.lowercased().contains($0) }
        }.prefix(limit))
    }

    public struct CatalogError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var description: String { "ICD-10 code list, line \(line): '\(text)' is not CODE<tab>TITLE with a well-formed code" }
    }
}
