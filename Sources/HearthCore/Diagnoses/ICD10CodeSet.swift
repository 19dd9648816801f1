import Foundation

/// The whole ICD-10-CM code set, FY2026 (CDC/NCHS tabular list, April 1, 2026 release): every billable code and every
/// header (category or subcategory), with the tabular list's descriptions. Read from `Resources/ICD10/icd10cm-2026.tsv`,
/// which `scripts/icd10cm-extract.py` writes as `CODE<TAB>1|0<TAB>DESCRIPTION`, sorted by code.
///
/// "A code is invalid if it has not been coded to the full number of characters required for that code, including the
/// 7th character, if applicable" (ICD-10-CM Official Guidelines for Coding and Reporting FY2026, Section I.B.2, Level of
/// Detail in Coding), so only billable codes are accepted; `check` says what is wrong with any other.
public struct ICD10CodeSet: Sendable {
    public struct Entry: Sendable, Equatable, CustomStringConvertible {
        public var code: ICD10Code
        public var title: String
        /// Valid on a claim; a header needs more characters.
        public var isBillable: Bool
        public var description: String { "\(code) (\(title))" }
    }

    /// One line of the file, by offsets into it: the file stays as read and titles are made on demand,
    /// so loading ~98,000 lines is a single pass even in a debug build.
    private struct Row: Sendable {
        var codeStart: Int32
        var codeEnd: Int32
        var titleEnd: Int32
        var isBillable: Bool
    }

    private let bytes: [UInt8]
    private let rows: [Row]
    public let billableCount: Int

    public var count: Int { rows.count }

    /// Parses the file's bytes; a bad or out-of-order line stops with its number.
    public init(tsv bytes: [UInt8]) throws(FormatError) {
        let parsed = bytes.withUnsafeBufferPointer { Self.rows(in: $0) }
        self.bytes = bytes
        rows = try parsed.get()
        billableCount = rows.count(where: \.isBillable)
    }

    /// One pass with `memchr` over the lines and plain loops over each code's few bytes, so that a debug build
    /// (the tests) loads the whole set quickly too.
    private static func rows(in buffer: UnsafeBufferPointer<UInt8>) -> Result<[Row], FormatError> {
        guard let base = buffer.baseAddress else { return .success([]) }
        let raw = UnsafeRawPointer(base)
        var rows: [Row] = []
        rows.reserveCapacity(buffer.count / 80)
        var start = 0, lineNumber = 0, previous = Row(codeStart: 0, codeEnd: 0, titleEnd: 0, isBillable: false)
        while start < buffer.count {
            lineNumber += 1
            var end = buffer.count
            if let newline = memchr(raw + start, 0x0A, buffer.count - start) { end = raw.distance(to: UnsafeRawPointer(newline)) }
            let line = start
            start = end + 1
            if end == line || base[line] == UInt8(ascii: "#") { continue }
            var tab = line
            while tab < end, tab - line <= 8, isCodeByte(base[tab]) { tab += 1 }
            let flag = tab + 2 < end ? base[tab + 1] : 0
            guard (3...8).contains(tab - line), tab + 3 < end, base[tab] == 0x09, base[tab + 2] == 0x09,
                  flag == UInt8(ascii: "0") || flag == UInt8(ascii: "1") else {
                return .failure(FormatError(line: lineNumber, text: String(decoding: buffer[line..<min(end, line + 60)], as: UTF8.self)))
            }
            let row = Row(codeStart: Int32(line), codeEnd: Int32(tab), titleEnd: Int32(end), isBillable: flag == UInt8(ascii: "1"))
            if !rows.isEmpty, compare(previous, base + line, tab - line, in: base) >= 0 {
                return .failure(FormatError(line: lineNumber, text: String(decoding: buffer[line..<tab], as: UTF8.self) + " (codes must be in order)"))
            }
            rows.append(row)
            previous = row
        }
        return .success(rows)
    }

    /// The set in the file at `path`, read once per process: every app (and every test) shares it.
    public static func shared(contentsOf path: String) throws -> ICD10CodeSet {
        try loaded.value(for: path) {
            guard let data = FileManager.default.contents(atPath: path) else { throw UnreadableFile(path: path) }
            return try ICD10CodeSet(tsv: [UInt8](data))
        }
    }

    private static let loaded = SharedCache<ICD10CodeSet>()

    public subscript(code: ICD10Code) -> Entry? {
        let target = Array(code.value.utf8)
        let index = lowerBound(target)
        guard index < rows.count, compare(rows[index], target) == 0 else { return nil }
        return entry(rows[index])
    }

    /// Billable codes that begin with `prefix` (e.g. `E11.6` → E11.610, E11.618, …), in code order.
    public func billable(under prefix: ICD10Code, limit: Int = 20) -> [Entry] {
        let target = Array(prefix.value.utf8)
        var found: [Entry] = []
        var index = lowerBound(target)
        while index < rows.count, found.count < limit, codeBytes(rows[index]).starts(with: target) {
            if rows[index].isBillable { found.append(entry(rows[index])) }
            index += 1
        }
        return found
    }

    /// The billable entry for `code`, or why it cannot be recorded. `examples` (the home-health quick picks) are
    /// preferred when a message suggests a code.
    public func check(_ code: ICD10Code, examples: ICD10Catalog? = nil) -> Result<Entry, CodeProblem> {
        if let known = self[code] {
            return known.isBillable ? .success(known) : .failure(.header(code, title: known.title, example: example(under: code, preferring: examples)))
        }
        if let example = example(under: code, preferring: examples) {
            return .failure(.header(code, title: nil, example: example))
        }
        if let meant = withPlaceholder(code) { return .failure(.missingPlaceholder(code, meant: meant)) }
        var nearest: Entry?
        var prefix = code.value
        while nearest == nil, prefix.count > 3 {
            prefix.removeLast()
            if prefix.last == "." { prefix.removeLast() }
            nearest = ICD10Code(prefix).flatMap { self[$0] }
        }
        let example = nearest.flatMap { $0.isBillable ? nil : self.example(under: $0.code, preferring: examples) }
        return .failure(.unknown(code, nearest: nearest, example: example))
    }

    /// Why a well-formed code cannot be recorded; `description` is the message for the case manager.
    public enum CodeProblem: Error, Sendable, Equatable, CustomStringConvertible {
        /// A category or subcategory (`title` from the code set), or the start of a code, e.g. `T81.40X`.
        case header(ICD10Code, title: String?, example: Entry?)
        /// A 7th character typed without the placeholder X, e.g. `T81.40A` for `T81.40XA`.
        case missingPlaceholder(ICD10Code, meant: Entry)
        /// Not in ICD-10-CM; `nearest` is the longest code it begins with, `example` a billable code under that.
        case unknown(ICD10Code, nearest: Entry?, example: Entry?)

        public var description: String {
            switch self {
            case .header(let code, let title, let example):
                let what = code.compactCount == 6 ? "needs its 7th character" : "is a category\(title.map { " (\($0))" } ?? ""), not a billable code"
                let add = code.compactCount == 6 ? "add it" : "add more characters"
                return "\(code) \(what): \(add)\(example.map { ", e.g. \($0)" } ?? "")."
            case .missingPlaceholder(let code, let meant):
                return "\(code) is not an ICD-10-CM code: a 7th character after fewer than six characters needs the placeholder X, as in \(meant)."
            case .unknown(let code, let nearest?, let example?):
                return "\(code) is not an ICD-10-CM code: check it against the referral. Codes under \(nearest) include \(example)."
            case .unknown(let code, let nearest?, nil):
                return "\(code) is not an ICD-10-CM code: check it against the referral. The nearest code is \(nearest)."
            case .unknown(let code, nil, _):
                return "\(code) is not an ICD-10-CM code: check it against the referral or the physician's order."
            }
        }
    }

    public struct UnreadableFile: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var description: String { "cannot read the ICD-10-CM code set at \(path)" }
    }

    public struct FormatError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var description: String { "ICD-10-CM code set, line \(line): '\(text)' is not CODE<tab>1|0<tab>DESCRIPTION with a code in order" }
    }

    // MARK: - Lookup

    /// A billable code under `code`, the first quick pick there is if any (they are the codes home health uses).
    private func example(under code: ICD10Code, preferring examples: ICD10Catalog?) -> Entry? {
        if let pick = examples?.entries.first(where: { $0.code.value.hasPrefix(code.value) && $0.code != code }),
           let entry = self[pick.code], entry.isBillable {
            return entry
        }
        return billable(under: code, limit: 2).first { $0.code != code }
    }

    /// `T81.40A` → `T81.40XA`: the placeholder X fills a code to six characters before its 7th (Guidelines, Sections I.A.4 and I.A.5).
    private func withPlaceholder(_ code: ICD10Code) -> Entry? {
        let compact = code.value.filter { $0 != "." }
        guard (4...6).contains(compact.count), let last = compact.last, last.isLetter else { return nil }
        let filled = compact.dropLast() + String(repeating: "X", count: 7 - compact.count) + String(last)
        return ICD10Code(String(filled)).flatMap { self[$0] }.flatMap { $0.isBillable ? $0 : nil }
    }

    private func lowerBound(_ target: [UInt8]) -> Int {
        var low = 0, high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if compare(rows[middle], target) < 0 { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func compare(_ row: Row, _ target: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            target.withUnsafeBufferPointer { Self.compare(row, $0.baseAddress!, $0.count, in: buffer.baseAddress!) }
        }
    }

    /// Byte order of a row's code against another code: negative, zero or positive, as `memcmp`.
    private static func compare(_ row: Row, _ other: UnsafePointer<UInt8>, _ otherCount: Int, in base: UnsafePointer<UInt8>) -> Int {
        let count = Int(row.codeEnd - row.codeStart)
        let order = memcmp(base + Int(row.codeStart), other, min(count, otherCount))
        return order != 0 ? Int(order) : count - otherCount
    }

    private func codeBytes(_ row: Row) -> ArraySlice<UInt8> { bytes[Int(row.codeStart)..<Int(row.codeEnd)] }

    private func entry(_ row: Row) -> Entry {
        let code = String(decoding: codeBytes(row), as: UTF8.self)
        let title = String(decoding: bytes[Int(row.codeEnd) + 3..<Int(row.titleEnd)], as: UTF8.self)
        return Entry(code: ICD10Code(normalized: code), title: title, isBillable: row.isBillable)
    }

    private static func isCodeByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2E // A-Z, 0-9, "."
    }
}

/// Values loaded once per process by key (a file path), for reference data too large to read per app or per test.
final class SharedCache<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Value] = [:]

    func value(for key: String, load: () throws -> Value) rethrows -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value = values[key] { return value }
        let value = try load()
        values[key] = value
        return value
    }
}
