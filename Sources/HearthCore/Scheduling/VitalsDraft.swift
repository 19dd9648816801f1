/// Vital signs as typed on the visit note form; every field may be left empty when that sign was not taken.
public struct VitalsDraft: Sendable, Equatable {
    /// Typed text by vital sign; the form field is the sign's raw value ("systolic", "spo2").
    public var typed: [VitalSign: String]
    public var temperatureUnit: String
    public var weightUnit: String

    public init(systolic: String = "", diastolic: String = "", pulse: String = "", temperature: String = "",
                temperatureUnit: String = "F", respiration: String = "", oxygenSaturation: String = "",
                weight: String = "", weightUnit: String = "lb", pain: String = "", glucose: String = "") {
        let values: [VitalSign: String] = [.systolic: systolic, .diastolic: diastolic, .pulse: pulse, .temperature: temperature,
                                           .respiration: respiration, .oxygenSaturation: oxygenSaturation, .weight: weight,
                                           .pain: pain, .glucose: glucose]
        typed = values.mapValues { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.value.isEmpty }
        self.temperatureUnit = temperatureUnit.trimmingCharacters(in: .whitespaces)
        self.weightUnit = weightUnit.trimmingCharacters(in: .whitespaces)
    }

    /// The checked vitals, or the problems by form field (typing, units, limits, the blood pressure pair).
    public func vitals() -> Result<Vitals, VitalsRefusal> {
        var problems: [String: String] = [:]
        var readings: [VitalReading] = []
        for sign in VitalSign.allCases {
            guard let text = typed[sign] else { continue }
            switch reading(sign, text) {
            case .success(let reading): readings.append(reading)
            case .failure(let problem): problems[problem.field] = problem.message
            }
        }
        guard problems.isEmpty else { return .failure(VitalsRefusal(problems: problems)) }
        do { return .success(try Vitals(readings)) } catch { return .failure(error) }
    }

    /// Problems by form field; empty when the vitals can be saved.
    public var problems: [String: String] {
        if case .failure(let refusal) = vitals() { return refusal.problems }
        return [:]
    }

    private struct FieldProblem: Error {
        var field: String
        var message: String
    }

    private func reading(_ sign: VitalSign, _ text: String) -> Result<VitalReading, FieldProblem> {
        let definition = sign.definition
        var unit = definition.units[0]
        if sign == .temperature || sign == .weight {
            let typedUnit = sign == .temperature ? temperatureUnit : weightUnit
            guard let chosen = Self.unit(typedUnit, allowed: definition.units) else {
                let field = sign == .temperature ? "temperatureUnit" : "weightUnit"
                return .failure(FieldProblem(field: field, message: "Choose " + definition.units.map(\.symbol).joined(separator: " or ") + "."))
            }
            unit = chosen
        }
        let example = sign == .temperature ? (unit == .celsius ? "37.0" : "98.6") : sign == .weight ? "165.5" : "72"
        // Digits and one decimal mark only: no signs, exponents or hex that Double would read.
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }),
              let value = Double(text.replacingOccurrences(of: ",", with: ".")),
              definition.decimals > 0 || value == value.rounded() else {
            let kind = definition.decimals == 0 ? "a whole number" : "a number"
            return .failure(FieldProblem(field: sign.rawValue, message: "Enter \(definition.title.lowercased()) as \(kind), for example \(example)."))
        }
        return .success(VitalReading(sign, value, unit: unit))
    }

    /// "F", "°F", "fahrenheit", "C", "lb", "lbs", "kg" → a unit the sign allows.
    private static func unit(_ text: String, allowed: [VitalUnit]) -> VitalUnit? {
        let key = text.lowercased().replacingOccurrences(of: "°", with: "")
        let named: [String: VitalUnit] = ["f": .fahrenheit, "fahrenheit": .fahrenheit, "c": .celsius, "celsius": .celsius,
                                          "lb": .pound, "lbs": .pound, "kg": .kilogram]
        return (named[key] ?? VitalUnit(rawValue: text)).flatMap { allowed.contains($0) ? $0 : nil }
    }
}
