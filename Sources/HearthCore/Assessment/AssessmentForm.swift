import Foundation

/// What the submitted form fields for one item mean.
public enum FormAnswer: Sendable, Equatable {
    case answered(AssessmentAnswer)
    /// Nothing entered: the stored answer is cleared.
    case blank
    /// Something entered that cannot be kept; the message says what to enter instead.
    case invalid(String)
}

/// A section read from the form: the answers to keep, and problems by item id to show beside the fields.
public struct FormReading: Sendable, Equatable {
    public var answers: AssessmentAnswers
    public var problems: [String: String]
}

extension InstrumentItem {
    /// Longest free text kept, so a pasted document does not end up in an answer.
    public static let maximumTextLength = 4000

    /// Reads the strings an HTML form submitted for this item (one per checked box for multi-choice and body areas).
    public func read(form values: [String]) -> FormAnswer {
        let values = values.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard let first = values.first else { return .blank }
        switch type {
        case .singleChoice:
            return option(first) == nil ? .invalid(Self.chooseFromList) : .answered(.choice(first))
        case .multiChoice:
            guard values.allSatisfy({ option($0) != nil }) else { return .invalid(Self.chooseFromList) }
            return .answered(.choices(options.map(\.code).filter(values.contains)))
        case .number:
            guard first.wholeMatch(of: /-?\d+(\.\d+)?/) != nil, let value = Double(first) else { return .invalid(numberPrompt) }
            return numberProblem(value).map(FormAnswer.invalid) ?? .answered(.number(value))
        case .date:
            return CalendarDate(first).map { .answered(.date($0)) } ?? .invalid("Enter the date as YYYY-MM-DD, for example 2026-03-09.")
        case .yesNo:
            switch first.lowercased() {
            case "yes", "true": return .answered(.yesNo(true))
            case "no", "false": return .answered(.yesNo(false))
            default: return .invalid("Choose Yes or No.")
            }
        case .text:
            return first.count > Self.maximumTextLength ? .invalid(Self.textTooLong) : .answered(.text(first))
        case .bodyArea:
            let areas = values.compactMap(BodyArea.init(rawValue:))
            guard areas.count == values.count else { return .invalid("Choose body areas from the list.") }
            return .answered(.bodyAreas(BodyArea.allCases.filter(areas.contains)))
        }
    }

    static let chooseFromList = "Choose one of the listed answers."
    static let textTooLong = "Use at most \(maximumTextLength) characters; attach longer documents to the chart instead."

    /// "Enter a whole number between 0 and 10 (points)."
    public var numberPrompt: String {
        let kind = integerOnly ? "a whole number" : "a number"
        let unitText = unit.map { " (\($0))" } ?? ""
        switch (min, max) {
        case let (low?, high?): return "Enter \(kind) between \(ScoreFormat.text(low)) and \(ScoreFormat.text(high))\(unitText)."
        case let (low?, nil): return "Enter \(kind) of at least \(ScoreFormat.text(low))\(unitText)."
        case let (nil, high?): return "Enter \(kind) of at most \(ScoreFormat.text(high))\(unitText)."
        case (nil, nil): return "Enter \(kind)\(unitText)."
        }
    }

    func numberProblem(_ value: Double) -> String? {
        let outside = !value.isFinite || (min.map { value < $0 } ?? false) || (max.map { value > $0 } ?? false)
        return outside || (integerOnly && value != value.rounded()) ? numberPrompt : nil
    }
}

extension InstrumentDefinition {
    /// Reads one section's submitted fields (all sections when `section` is nil) into the stored answers.
    /// A blank field clears its answer; an invalid one is reported and leaves the stored answer as it was.
    public func read(form: [String: [String]], section sectionID: String? = nil, into answers: AssessmentAnswers) -> FormReading {
        var answers = answers
        var problems: [String: String] = [:]
        let items = sections.filter { sectionID == nil || $0.id == sectionID }.flatMap(\.items)
        for item in items {
            switch item.read(form: form[item.id] ?? []) {
            case .answered(let answer): answers[item.id] = answer
            case .blank: answers[item.id] = nil
            case .invalid(let message): problems[item.id] = message
            }
        }
        return FormReading(answers: answers, problems: problems)
    }
}
