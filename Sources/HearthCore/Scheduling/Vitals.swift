import Foundation

/// One measurement as taken: the vital sign, its value and its unit.
public struct VitalReading: Sendable, Hashable {
    public var sign: VitalSign
    public var value: Double
    public var unit: VitalUnit

    public init(_ sign: VitalSign, _ value: Double, unit: VitalUnit? = nil) {
        self.sign = sign
        self.value = value
        self.unit = unit ?? sign.definition.units[0]
    }

    /// The value in the unit the limits use (°F, lb).
    public var canonicalValue: Double { unit.canonical(value) }

    /// "98.6 °F", "72 /min".
    public var text: String {
        unit.text(Self.number(value, sign))
    }

    /// Why the reading cannot be a real patient's (outside the limits, or a unit the sign does not use), or nil.
    public var refusal: String? {
        let definition = sign.definition
        guard definition.units.contains(unit) else {
            return "Record \(definition.title.lowercased()) in " + definition.units.map(\.symbol).joined(separator: " or ") + "."
        }
        guard definition.limits.contains(canonicalValue) else {
            return "\(definition.title) \(text) is outside what a patient can have (\(Self.rangeText(definition.limits, sign, in: unit))). "
                + "Check the reading and enter it again."
        }
        return nil
    }

    /// Set when the reading is possible but outside the usual range: the nurse follows the call parameters.
    public var flag: VitalFlag? {
        guard let usual = sign.definition.usual, !usual.contains(canonicalValue) else { return nil }
        return VitalFlag(reading: self, high: canonicalValue > usual.upperBound, usual: usual)
    }

    /// "90–139 mmHg", in `unit` (the limits are kept in the sign's first unit).
    static func rangeText(_ range: ClosedRange<Double>, _ sign: VitalSign, in unit: VitalUnit? = nil) -> String {
        let unit = unit ?? sign.definition.units[0]
        return unit.text("\(number(unit.fromCanonical(range.lowerBound), sign))–\(number(unit.fromCanonical(range.upperBound), sign))")
    }

    static func number(_ value: Double, _ sign: VitalSign) -> String {
        let decimals = sign.definition.decimals
        return decimals == 0 ? String(Int(value.rounded())) : String(format: "%.\(decimals)f", value)
    }
}

/// A reading accepted but outside the usual range, for the note's alert and the chart's flag.
public struct VitalFlag: Sendable, Hashable, CustomStringConvertible {
    public var reading: VitalReading
    public var high: Bool
    public var usual: ClosedRange<Double>

    /// "Systolic blood pressure 152 mmHg is high (usual 90–139 mmHg). Follow the plan's call parameters …"
    public var description: String {
        "\(reading.sign.title) \(reading.text) is \(high ? "high" : "low") (usual \(VitalReading.rangeText(usual, reading.sign, in: reading.unit))). "
            + "Follow the plan's call parameters and notify the physician if they say so."
    }
}

/// The vital signs of one visit note: each measure at most once, every one within physiological limits,
/// and a blood pressure always as a pair with the systolic above the diastolic.
public struct Vitals: Sendable, Hashable {
    public private(set) var readings: [VitalReading]

    /// Refuses readings no patient can have, with every problem keyed by the vital sign's form field.
    public init(_ readings: [VitalReading]) throws(VitalsRefusal) {
        var problems: [String: String] = [:]
        var seen = Set<VitalSign>()
        for reading in readings {
            if !seen.insert(reading.sign).inserted { problems[reading.sign.rawValue] = "Record \(reading.sign.title.lowercased()) once per note." }
            if let refusal = reading.refusal { problems[reading.sign.rawValue] = refusal }
        }
        problems.merge(Self.bloodPressureProblems(readings)) { first, _ in first }
        guard problems.isEmpty else { throw VitalsRefusal(problems: problems) }
        self.readings = readings.sorted { VitalSign.allCases.firstIndex(of: $0.sign)! < VitalSign.allCases.firstIndex(of: $1.sign)! }
    }

    public subscript(sign: VitalSign) -> VitalReading? { readings.first { $0.sign == sign } }

    /// Readings outside their usual range, in form order.
    public var flags: [VitalFlag] { readings.compactMap(\.flag) }

    private static func bloodPressureProblems(_ readings: [VitalReading]) -> [String: String] {
        let systolic = readings.first { $0.sign == .systolic }, diastolic = readings.first { $0.sign == .diastolic }
        switch (systolic, diastolic) {
        case (nil, nil): return [:]
        case (.some, nil): return ["diastolic": "Enter the diastolic (lower) number of the blood pressure too."]
        case (nil, .some): return ["systolic": "Enter the systolic (upper) number of the blood pressure too."]
        case (.some(let top), .some(let bottom)):
            guard top.value <= bottom.value else { return [:] }
            return ["systolic": "The systolic (upper) number \(top.text) must be above the diastolic \(bottom.text). "
                + "Check whether they were swapped."]
        }
    }
}

/// Vitals refused: what is wrong with each field; nothing is saved.
public struct VitalsRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String: String]

    public var description: String { problems.keys.sorted().compactMap { problems[$0] }.joined(separator: " ") }
}
