import Foundation

/// A broken instrument definition: stops start-up with one line naming the file, the instrument and the fault.
public struct InstrumentDefinitionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file name (or other source) the definition came from.
    public var source: String
    /// The instrument id, when the file got far enough to have one.
    public var instrument: String?
    public var problem: InstrumentDefinitionProblem

    public init(source: String, instrument: String?, problem: InstrumentDefinitionProblem) {
        self.source = source
        self.instrument = instrument
        self.problem = problem
    }

    public var description: String {
        let name = instrument.map { "\(source) (\($0))" } ?? source
        return "Instrument definition \(name): \(problem). Fix the file and restart."
    }
}

/// What is wrong with a definition, one case per rule the validator checks.
public enum InstrumentDefinitionProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    case missingText(String)
    case badIdentifier(String)
    case noItems
    case duplicateSection(String)
    case duplicateItem(String)
    case noOptions(item: String)
    case unknownOptionSet(item: String, set: String)
    case duplicateOption(item: String, code: String)
    case optionsOnNonChoice(item: String)
    case numberRange(item: String, min: Double, max: Double)
    case conditionUnknownItem(owner: String, item: String)
    case conditionLaterItem(owner: String, item: String)
    case conditionMismatch(owner: String, detail: String)
    case duplicateRule(String)
    case ruleUnknownItem(rule: String, item: String)
    case ruleUnknownRule(rule: String, reference: String)
    case ruleShape(rule: String, detail: String)
    case unscorableItem(rule: String, item: String)
    case overlappingBands(rule: String, first: String, second: String)
    case emptyBand(rule: String, band: String)
    case duplicateVersion(id: String, version: String, otherSource: String)
    case badVersion(String)
    case noHeadline([String])
    case unknownHeadline(String)

    public var description: String {
        switch self {
        case .unreadable(let detail): "not valid instrument JSON (\(detail))"
        case .missingText(let field): "\(field) is empty"
        case .badIdentifier(let id): "'\(id)' is not a valid id (use lowercase letters, digits, '_' or '-')"
        case .noItems: "it has no items"
        case .duplicateSection(let id): "section '\(id)' is defined twice"
        case .duplicateItem(let id): "item '\(id)' is defined twice"
        case .noOptions(let item): "choice item '\(item)' has no options"
        case .unknownOptionSet(let item, let set): "item '\(item)' uses option set '\(set)', which is not defined"
        case .duplicateOption(let item, let code): "item '\(item)' has option code '\(code)' twice"
        case .optionsOnNonChoice(let item): "item '\(item)' has options but is not a choice item"
        case .numberRange(let item, let min, let max):
            "number item '\(item)' has min \(ScoreFormat.text(min)) greater than max \(ScoreFormat.text(max))"
        case .conditionUnknownItem(let owner, let item): "\(owner) refers to item '\(item)', which does not exist"
        case .conditionLaterItem(let owner, let item): "\(owner) refers to item '\(item)', which is not asked before it"
        case .conditionMismatch(let owner, let detail): "\(owner): \(detail)"
        case .duplicateRule(let id): "score rule '\(id)' is defined twice"
        case .ruleUnknownItem(let rule, let item): "score rule '\(rule)' refers to item '\(item)', which does not exist"
        case .ruleUnknownRule(let rule, let reference):
            "score rule '\(rule)' refers to rule '\(reference)', which is not defined before it"
        case .ruleShape(let rule, let detail): "score rule '\(rule)' \(detail)"
        case .unscorableItem(let rule, let item): "score rule '\(rule)' uses item '\(item)', which has no score (give each option a score)"
        case .overlappingBands(let rule, let first, let second): "score rule '\(rule)' has bands \(first) and \(second) that overlap"
        case .emptyBand(let rule, let band): "score rule '\(rule)' has band \(band) whose min is greater than its max"
        case .duplicateVersion(let id, let version, let other): "version \(version) of '\(id)' is already defined by \(other)"
        case .badVersion(let version): "version '\(version)' is not a version number (use numbers and dots, e.g. 1.0 or 2.1)"
        case .noHeadline(let rules):
            "it scores but names no headline score; add \"headline\" with the rule shown as its result (one of \(rules.joined(separator: ", ")))"
        case .unknownHeadline(let id): "headline '\(id)' is not one of its score rules"
        }
    }
}

extension InstrumentDefinition {
    /// Decodes and validates one file; the error names the file and the fault in one line.
    public init(json data: Data, source: String) throws(InstrumentDefinitionError) {
        do {
            self = try JSONDecoder().decode(InstrumentDefinition.self, from: data)
        } catch let error as DecodingError {
            throw InstrumentDefinitionError(source: source, instrument: nil, problem: .unreadable(error.oneLine))
        } catch {
            throw InstrumentDefinitionError(source: source, instrument: nil, problem: .unreadable("\(error)"))
        }
        try validate(source: source)
    }

    /// Checks every rule in `InstrumentValidator`; throws the first fault found.
    public func validate(source: String) throws(InstrumentDefinitionError) {
        do {
            try InstrumentValidator(definition: self).check()
        } catch {
            throw InstrumentDefinitionError(source: source, instrument: id, problem: error)
        }
    }
}

extension DecodingError {
    /// "missing 'text' at sections[0].items[2]" rather than a multi-line dump.
    var oneLine: String {
        func path(_ context: Context) -> String {
            let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return parts.isEmpty ? "the top level" : String(parts.drop { $0 == "." })
        }
        switch self {
        case .keyNotFound(let key, let context): return "missing '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(let type, let context): return "expected \(type) at \(path(context))"
        case .valueNotFound(let type, let context): return "expected \(type) at \(path(context))"
        case .dataCorrupted(let context):
            let detail = context.debugDescription.split(separator: "\n").first.map(String.init) ?? "bad value"
            return "\(detail) at \(path(context))"
        @unknown default: return "unreadable"
        }
    }
}
