import Foundation

extension VisitFrequency {
    /// Reads agency notation: segments separated by commas, each `N w WEEKS`, `N d DAYS`, `N-M w WEEKS` (a range)
    /// or `N prn` (a cap on as-needed visits). Case and spaces do not matter ("3W2,2W3", "3 PRN"),
    /// but a space cannot join two numbers. Refuses anything else with the 0-based position of the problem.
    public init(parsing text: String) throws(FrequencyParseError) {
        var parser = FrequencyParser(text)
        self.init(segments: try parser.segments())
    }
}

/// Why a frequency could not be read; `position` counts characters from 0, and each message says what to write instead.
public enum FrequencyParseError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case expectedVisits(at: Int, found: String)
    case expectedUnit(at: Int, found: String)
    case expectedLength(at: Int, unit: String, found: String)
    case expectedComma(at: Int, found: String)
    case emptySegment(at: Int)
    case disciplineInFrequency(at: Int, code: String)
    case prnWithoutCap(at: Int)
    case monthlyNotSupported(at: Int)
    case zeroVisits(at: Int, segment: String)
    case zeroLength(at: Int, segment: String)
    case backwardsRange(at: Int, low: Int, high: Int)
    case rangeInPRN(at: Int)
    case secondPRN(at: Int)
    case numberTooLarge(at: Int, number: String)

    /// Where in the typed text the problem is; nil when nothing was typed.
    public var position: Int? {
        switch self {
        case .empty: nil
        case .expectedVisits(let at, _), .expectedUnit(let at, _), .expectedLength(let at, _, _), .expectedComma(let at, _),
             .emptySegment(let at), .disciplineInFrequency(let at, _), .prnWithoutCap(let at), .monthlyNotSupported(let at),
             .zeroVisits(let at, _), .zeroLength(let at, _), .backwardsRange(let at, _, _), .rangeInPRN(let at),
             .secondPRN(let at), .numberTooLarge(let at, _):
            at
        }
    }

    public var description: String {
        switch self {
        case .empty:
            "Enter a visit frequency, for example 2w4, 1w5 or 3prn."
        case .expectedVisits(let at, let found):
            "Expected a number of visits at position \(at): \(Self.quote(found)). Write segments such as 2w4 (2 a week for 4 weeks)."
        case .expectedUnit(let at, let found):
            "Expected w (visits a week), d (visits a day) or PRN at position \(at): \(Self.quote(found))."
        case .expectedLength(let at, let unit, let found):
            "Expected the number of \(unit == "d" ? "days" : "weeks") after '\(unit)' at position \(at): \(Self.quote(found))."
        case .expectedComma(let at, let found):
            "Expected a comma between segments at position \(at): \(Self.quote(found))."
        case .emptySegment(let at):
            "There is no segment at position \(at): remove the extra comma, or write a segment such as 2w4."
        case .disciplineInFrequency(let at, let code):
            "'\(code)' at position \(at) is a discipline: choose the discipline separately and enter only the frequency, such as 2w4, 1w5."
        case .prnWithoutCap(let at):
            "PRN at position \(at) needs a cap: write the most PRN visits allowed before it, such as 3prn [42 CFR 409.43(b)]."
        case .monthlyNotSupported(let at):
            "Monthly visits ('m' at position \(at)) cannot be placed week by week: write the visits per week, such as 1w1, "
                + "or order them as PRN visits with a cap and the signs that call for them."
        case .zeroVisits(let at, let segment):
            "'\(segment)' at position \(at) has no visits: use at least 1, or remove the segment."
        case .zeroLength(let at, let segment):
            "'\(segment)' at position \(at) lasts no time: give at least 1 \(segment.lowercased().contains("d") ? "day" : "week")."
        case .backwardsRange(let at, let low, let high):
            "The range \(low)-\(high) at position \(at) runs backwards: write the smaller number first (\(high)-\(low))."
        case .rangeInPRN(let at):
            "The PRN cap at position \(at) must be one number, not a range: write the most PRN visits allowed, such as 3prn."
        case .secondPRN(let at):
            "A second PRN cap at position \(at): give one cap per discipline, such as 5prn instead of 3prn, 2prn."
        case .numberTooLarge(let at, let number):
            "The number \(number) at position \(at) is too large: visits, weeks and days are at most 99."
        }
    }

    private static func quote(_ found: String) -> String { found.isEmpty ? "end of text" : "'\(found)'" }
}

/// A hand-written scanner over the characters, so every refusal can name its exact position.
struct FrequencyParser {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        characters = Array(text)
    }

    mutating func segments() throws(FrequencyParseError) -> [VisitFrequency.Segment] {
        skipSpaces()
        guard index < characters.count else { throw .empty }
        var segments: [VisitFrequency.Segment] = []
        var seenPRN = false
        while true {
            skipSpaces()
            let start = index
            guard index < characters.count, characters[index] != "," else { throw .emptySegment(at: start) }
            let segment = try segment()
            if segment.unit == .prn {
                guard !seenPRN else { throw .secondPRN(at: start) }
                seenPRN = true
            }
            segments.append(segment)
            skipSpaces()
            guard index < characters.count else { return segments }
            guard characters[index] == "," else { throw .expectedComma(at: index, found: rest(from: index)) }
            index += 1
        }
    }

    private mutating func segment() throws(FrequencyParseError) -> VisitFrequency.Segment {
        let start = index
        guard let low = try number() else { throw leadingWordError(at: start) }
        var visits = VisitCount(low)
        skipSpaces()
        if index < characters.count, characters[index] == "-" {
            index += 1
            skipSpaces()
            guard let high = try number() else { throw .expectedVisits(at: index, found: rest(from: index)) }
            guard high >= low else { throw .backwardsRange(at: start, low: low, high: high) }
            visits = VisitCount(min: low, max: high)
        }
        skipSpaces()
        let unitAt = index
        switch letters().lowercased() {
        case "prn":
            let text = String(characters[start..<index])
            guard !visits.isRange else { throw .rangeInPRN(at: start) }
            guard visits.max > 0 else { throw .zeroVisits(at: start, segment: text.filter { $0 != " " }) }
            return .prn(visits.max)
        case let unit where unit == "w" || unit == "d":
            skipSpaces()
            let lengthAt = index
            guard let length = try number() else { throw .expectedLength(at: index, unit: unit, found: rest(from: index)) }
            let text = String(characters[start..<index]).filter { $0 != " " }
            guard visits.max > 0 else { throw .zeroVisits(at: start, segment: text) }
            guard length > 0 else { throw .zeroLength(at: lengthAt, segment: text) }
            return .init(visits: visits, unit: unit == "w" ? .week : .day, length: length)
        case "m":
            throw .monthlyNotSupported(at: unitAt)
        default:
            throw .expectedUnit(at: unitAt, found: rest(from: unitAt))
        }
    }

    /// A segment that starts with a word: a discipline typed into the frequency, a PRN with no cap, or junk.
    private mutating func leadingWordError(at start: Int) -> FrequencyParseError {
        let word = letters()
        if Discipline(code: word) != nil { return .disciplineInFrequency(at: start, code: word) }
        if word.lowercased() == "prn" { return .prnWithoutCap(at: start) }
        return .expectedVisits(at: start, found: rest(from: start))
    }

    /// Consecutive ASCII digits, or nil when there are none.
    private mutating func number() throws(FrequencyParseError) -> Int? {
        let start = index
        while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
        guard index > start else { return nil }
        let digits = String(characters[start..<index])
        guard digits.count <= 2, let value = Int(digits) else { throw .numberTooLarge(at: start, number: digits) }
        return value
    }

    /// Consecutive ASCII letters (a unit or a word).
    private mutating func letters() -> String {
        let start = index
        while index < characters.count, characters[index].isASCII, characters[index].isLetter { index += 1 }
        return String(characters[start..<index])
    }

    private mutating func skipSpaces() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }

    /// What the person typed from `position` to the end of that segment, to quote in the message.
    private func rest(from position: Int) -> String {
        guard position < characters.count else { return "" }
        let end = characters[position...].firstIndex(of: ",").map { $0 == position ? $0 + 1 : $0 } ?? characters.count
        return String(characters[position..<end]).trimmingCharacters(in: .whitespaces)
    }
}
