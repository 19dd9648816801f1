import Foundation

/// One answer to one item, stored in JSON as a single-key object: `{"choice": "several_days"}`, `{"number": 7}`,
/// `{"date": "2026-03-09"}`, `{"yesNo": true}`, `{"choices": ["a", "b"]}`, `{"text": "…"}`, `{"bodyAreas": ["left_knee"]}`.
public enum AssessmentAnswer: Sendable, Hashable, Codable {
    case choice(String)
    case choices([String])
    case number(Double)
    case date(CalendarDate)
    case yesNo(Bool)
    case text(String)
    case bodyAreas([BodyArea])

    private enum CodingKeys: String, CodingKey {
        case choice, choices, number, date, yesNo, text, bodyAreas
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard c.allKeys.count == 1, let key = c.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "An answer has exactly one of choice, choices, number, date, yesNo, text, bodyAreas."))
        }
        switch key {
        case .choice: self = .choice(try c.decode(String.self, forKey: key))
        case .choices: self = .choices(try c.decode([String].self, forKey: key))
        case .number: self = .number(try c.decode(Double.self, forKey: key))
        case .yesNo: self = .yesNo(try c.decode(Bool.self, forKey: key))
        case .text: self = .text(try c.decode(String.self, forKey: key))
        case .bodyAreas: self = .bodyAreas(try c.decode([BodyArea].self, forKey: key))
        case .date:
            let text = try c.decode(String.self, forKey: key)
            guard let date = CalendarDate(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "'\(text)' is not a YYYY-MM-DD date.")
            }
            self = .date(date)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .choice(let code): try c.encode(code, forKey: .choice)
        case .choices(let codes): try c.encode(codes, forKey: .choices)
        case .number(let value): try c.encode(value, forKey: .number)
        case .date(let date): try c.encode(date.description, forKey: .date)
        case .yesNo(let value): try c.encode(value, forKey: .yesNo)
        case .text(let text): try c.encode(text, forKey: .text)
        case .bodyAreas(let areas): try c.encode(areas, forKey: .bodyAreas)
        }
    }

    /// The codes a condition's `equals` / `anyOf` tests; nil for numbers, dates and text.
    public var codes: [String]? {
        switch self {
        case .choice(let code): [code]
        case .choices(let codes): codes
        case .yesNo(let value): [value ? "yes" : "no"]
        case .bodyAreas(let areas): areas.map(\.rawValue)
        case .number, .date, .text: nil
        }
    }

    /// Whether this answer has the shape the item type takes.
    func fits(_ type: InstrumentItemType) -> Bool {
        switch (self, type) {
        case (.choice, .singleChoice), (.choices, .multiChoice), (.number, .number), (.date, .date),
             (.yesNo, .yesNo), (.text, .text), (.bodyAreas, .bodyArea): true
        default: false
        }
    }

    /// How the answer reads to a person, using the item's option labels.
    public func display(for item: InstrumentItem) -> String {
        switch self {
        case .choice(let code): item.option(code)?.label ?? code
        case .choices(let codes): codes.map { item.option($0)?.label ?? $0 }.joined(separator: ", ")
        case .number(let value): ScoreFormat.text(value, unit: item.unit)
        case .date(let date): date.description
        case .yesNo(let value): value ? "Yes" : "No"
        case .text(let text): text
        case .bodyAreas(let areas): areas.map(\.title).joined(separator: ", ")
        }
    }
}

/// The answers to one instrument, by item id: what a draft stores as JSON and what scoring reads.
public struct AssessmentAnswers: Sendable, Hashable, Codable {
    public var values: [String: AssessmentAnswer]

    public init(_ values: [String: AssessmentAnswer] = [:]) {
        self.values = values
    }

    /// Encoded as a plain object keyed by item id.
    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: AssessmentAnswer].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(values)
    }

    public subscript(itemID: String) -> AssessmentAnswer? {
        get { values[itemID] }
        set { values[itemID] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }
}
