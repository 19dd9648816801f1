import Foundation

/// A vital sign value past which the case manager and supervisors must hear of it today. Thresholds are data
/// (Resources/Rules/vital-sign-alerts.json): agencies and physicians set their own parameters.
public struct VitalSignThreshold: Sendable, Equatable, Identifiable {
    public enum Direction: String, Sendable, CaseIterable {
        case below
        case atOrBelow = "at_or_below"
        case above
        case atOrAbove = "at_or_above"

        /// "below", "at or above": how the note and the alert say it.
        public var phrase: String { rawValue.replacingOccurrences(of: "_", with: " ") }

        var isLow: Bool { self == .below || self == .atOrBelow }

        func isCrossed(_ value: Double, by limit: Double) -> Bool {
            switch self {
            case .below: value < limit
            case .atOrBelow: value <= limit
            case .above: value > limit
            case .atOrAbove: value >= limit
            }
        }
    }

    public var id: String
    public var sign: VitalSign
    public var direction: Direction
    /// The limit in every unit the sign is recorded in (38.3 °C and 101 °F), so each unit is compared in its own terms.
    public var values: [VitalUnit: Double]
    /// Why it matters, in a few words: "low oxygen (hypoxaemia)".
    public var reason: String
    /// Where the value comes from, in one line.
    public var citation: String

    public init(id: String, sign: VitalSign, direction: Direction, values: [VitalUnit: Double], reason: String, citation: String) {
        self.id = id
        self.sign = sign
        self.direction = direction
        self.values = values
        self.reason = reason
        self.citation = citation
    }

    /// The limit a reading is held to, in the reading's unit.
    public func limit(in unit: VitalUnit) -> Double? { values[unit] }

    public func isCrossed(by reading: VitalReading) -> Bool {
        guard reading.sign == sign, let limit = limit(in: reading.unit) else { return false }
        return direction.isCrossed(reading.value, by: limit)
    }
}

/// A reading past an alert threshold.
public struct VitalSignFinding: Sendable, Equatable, CustomStringConvertible {
    public var reading: VitalReading
    public var threshold: VitalSignThreshold

    /// "SpO₂ 84% is below the alert threshold of 90% (low oxygen (hypoxaemia))".
    public var description: String {
        let limit = threshold.limit(in: reading.unit).map { reading.unit.text(VitalReading.number($0, reading.sign)) } ?? ""
        return "\(reading.sign.alertTitle) \(reading.text) is \(threshold.direction.phrase) the alert threshold of \(limit): \(threshold.reason)"
    }
}

/// Checks a visit note's vitals against the alert thresholds: a pure function of the readings and the rule data.
public struct VitalSignAlerts: Sendable, Equatable {
    public private(set) var thresholds: [VitalSignThreshold]

    public init(thresholds: [VitalSignThreshold]) throws(VitalSignAlertsError) {
        var seen = Set<String>()
        for threshold in thresholds {
            guard seen.insert(threshold.id).inserted else { throw .duplicateID(threshold.id) }
            // A threshold silent for one unit would miss every reading taken in it (a fever charted in °C).
            for unit in threshold.sign.definition.units where threshold.values[unit] == nil {
                throw .missingUnit(threshold: threshold.id, unit: unit.rawValue)
            }
        }
        self.thresholds = thresholds
    }

    /// Parses `{"version": 1, "thresholds": [...]}`; see Resources/Rules/vital-sign-alerts.json.
    public init(json: Data) throws(VitalSignAlertsError) {
        let file: ThresholdFile
        do { file = try JSONDecoder().decode(ThresholdFile.self, from: json) } catch {
            throw .unreadable("not valid JSON, or a field missing or of the wrong type")
        }
        var thresholds: [VitalSignThreshold] = []
        for raw in file.thresholds {
            guard let sign = VitalSign(rawValue: raw.sign) else { throw .unknownSign(threshold: raw.id, value: raw.sign) }
            guard let direction = VitalSignThreshold.Direction(rawValue: raw.when) else { throw .unknownDirection(threshold: raw.id, value: raw.when) }
            var values: [VitalUnit: Double] = [:]
            for (code, value) in raw.values {
                guard let unit = VitalUnit(rawValue: code), sign.definition.units.contains(unit) else { throw .unknownUnit(threshold: raw.id, value: code) }
                values[unit] = value
            }
            thresholds.append(VitalSignThreshold(id: raw.id, sign: sign, direction: direction, values: values, reason: raw.reason, citation: raw.citation))
        }
        try self.init(thresholds: thresholds)
    }

    public init(contentsOf url: URL) throws(VitalSignAlertsError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable("cannot read \(url.path)") }
        try self.init(json: data)
    }

    /// Readings past a threshold, in form order. Where two thresholds of a sign are crossed the same way (glucose under
    /// 70 and under 54), only the more extreme one is reported.
    public func check(_ vitals: Vitals) -> [VitalSignFinding] {
        var findings: [VitalSignFinding] = []
        for reading in vitals.readings {
            for low in [true, false] {
                let crossed = thresholds.filter { $0.direction.isLow == low && $0.isCrossed(by: reading) }
                let worst = crossed.min { a, b in
                    let (x, y) = (a.limit(in: reading.unit) ?? 0, b.limit(in: reading.unit) ?? 0)
                    return low ? x < y : x > y
                }
                if let worst { findings.append(VitalSignFinding(reading: reading, threshold: worst)) }
            }
        }
        return findings
    }

    /// The readings that raised the alert, as a nurse would say them: "SpO₂ 84% and BP 188/104".
    public static func summary(_ findings: [VitalSignFinding], of vitals: Vitals) -> String {
        var parts: [String] = []
        var saidPressure = false
        for finding in findings {
            let sign = finding.reading.sign
            if sign == .systolic || sign == .diastolic {
                guard !saidPressure, let top = vitals[.systolic], let bottom = vitals[.diastolic] else { continue }
                saidPressure = true
                parts.append("BP \(VitalReading.number(top.value, .systolic))/\(VitalReading.number(bottom.value, .diastolic))")
            } else {
                parts.append("\(sign.alertTitle) \(finding.reading.text)")
            }
        }
        guard let last = parts.popLast() else { return "" }
        return parts.isEmpty ? last : parts.joined(separator: ", ") + " and " + last
    }

    /// The alert's title: "SpO₂ 84% and BP 188/104 recorded at the visit on 2026-12-02 by Casey Nurse: review today".
    public static func alertTitle(_ findings: [VitalSignFinding], of vitals: Vitals, visitOn day: String, by nurse: String) -> String {
        "\(summary(findings, of: vitals)) recorded at the visit on \(day) by \(nurse): review today"
    }

    /// What identifies one alert: the note and the values that crossed ("vital-signs:<visit>:spo2=84%"), so saving and
    /// then signing the same values raises it once, while a new dangerous value on the same note raises another.
    public static func key(visit: String, _ findings: [VitalSignFinding]) -> String {
        keyPrefix(visit: visit) + findings.map(token).sorted().joined(separator: ",")
    }

    public static func keyPrefix(visit: String) -> String { "vital-signs:\(visit):" }

    /// One crossed value as a key names it: "spo2=84%".
    public static func token(_ finding: VitalSignFinding) -> String { "\(finding.reading.sign.rawValue)=\(finding.reading.text)" }

    /// The values an earlier alert's key names, when it is one of this note's.
    public static func tokens(inKey key: String, visit: String) -> [String] {
        let prefix = keyPrefix(visit: visit)
        guard key.hasPrefix(prefix) else { return [] }
        return key.dropFirst(prefix.count).split(separator: ",").map(String.init)
    }
}

extension VitalSign {
    /// The short name an alert uses: "SpO₂", "Pulse".
    public var alertTitle: String {
        switch self {
        case .oxygenSaturation: "SpO₂"
        case .systolic: "Systolic BP"
        case .diastolic: "Diastolic BP"
        default: title
        }
    }
}

public enum VitalSignAlertsError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    case duplicateID(String)
    case unknownSign(threshold: String, value: String)
    case unknownDirection(threshold: String, value: String)
    case unknownUnit(threshold: String, value: String)
    case missingUnit(threshold: String, unit: String)

    public var description: String {
        let prefix = "Vital sign alerts:"
        return switch self {
        case .unreadable(let why): "\(prefix) the file is unreadable (\(why))."
        case .duplicateID(let id): "\(prefix) threshold '\(id)' is defined twice; give each threshold its own id."
        case .unknownSign(let id, let value):
            "\(prefix) threshold '\(id)' names unknown sign '\(value)'; use " + VitalSign.allCases.map(\.rawValue).joined(separator: ", ") + "."
        case .unknownDirection(let id, let value):
            "\(prefix) threshold '\(id)' has unknown 'when' '\(value)'; use " + VitalSignThreshold.Direction.allCases.map(\.rawValue).joined(separator: ", ") + "."
        case .unknownUnit(let id, let value): "\(prefix) threshold '\(id)' gives a value in '\(value)', a unit its sign is not recorded in."
        case .missingUnit(let id, let unit): "\(prefix) threshold '\(id)' has no value in '\(unit)'; give one for every unit its sign is recorded in."
        }
    }
}

private struct ThresholdFile: Decodable {
    struct Raw: Decodable {
        var id: String
        var sign: String
        var when: String
        var values: [String: Double]
        var reason: String
        var citation: String
    }

    var version: Int
    var thresholds: [Raw]
}
