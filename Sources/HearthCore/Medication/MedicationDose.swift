import Foundation

/// The unit a dose is measured in: a mass (mg), a volume (mL), insulin units, or a count of tablets, puffs, drops…
public enum DoseUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case mg, mcg, g, mL, units, tablet, capsule, puff, drop, patch, spray, application, mEq
    /// Oxygen flow.
    case litersPerMinute = "L/min"
    case sachet, suppository, vial

    /// The UCUM code FHIR's dose quantity carries; counts use UCUM annotations ("{tablet}").
    public var ucum: String {
        switch self {
        case .mg: "mg"
        case .mcg: "ug"
        case .g: "g"
        case .mL: "mL"
        case .units: "[iU]"
        case .drop: "[drp]"
        case .mEq: "meq"
        case .litersPerMinute: "L/min"
        case .tablet, .capsule, .puff, .patch, .spray, .application, .sachet, .suppository, .vial: "{\(rawValue)}"
        }
    }

    /// Counted things take a plural ("2 tablets"); measures do not ("2 mg").
    public func name(for amount: Decimal) -> String {
        guard amount > 1 else { return self == .units ? "unit" : rawValue }
        switch self {
        case .tablet, .capsule, .puff, .drop, .spray, .application, .sachet, .vial: return rawValue + "s"
        case .patch: return "patches"
        case .suppository: return "suppositories"
        default: return rawValue
        }
    }

    /// Reads a unit as people write it: "mg", "tabs", "gtts", "units", "lpm" (case does not matter).
    public init?(text: String) {
        let key = text.trimmed.lowercased()
        guard let unit = Self.allCases.first(where: { $0.rawValue.lowercased() == key }) ?? Self.synonyms[key] else { return nil }
        self = unit
    }

    private static let synonyms: [String: DoseUnit] = {
        let lists: [(DoseUnit, [String])] = [
            (.mg, ["mgs", "milligram", "milligrams"]),
            (.mcg, ["µg", "ug", "microgram", "micrograms"]),
            (.g, ["gm", "gram", "grams"]),
            (.mL, ["mls", "cc", "milliliter", "milliliters", "millilitre", "millilitres"]),
            (.units, ["unit", "u", "iu", "international units"]),
            (.tablet, ["tablets", "tab", "tabs", "caplet", "caplets"]),
            (.capsule, ["capsules", "cap", "caps", "softgel", "softgels"]),
            (.puff, ["puffs", "inhalation", "inhalations", "actuation", "actuations"]),
            (.drop, ["drops", "gtt", "gtts"]),
            (.patch, ["patches"]),
            (.spray, ["sprays"]),
            (.application, ["applications", "apply", "app"]),
            (.mEq, ["milliequivalents"]),
            (.litersPerMinute, ["lpm", "l/min", "liters per minute", "litres per minute", "l per minute"]),
            (.sachet, ["sachets", "packet", "packets"]),
            (.suppository, ["suppositories", "supp"]),
            (.vial, ["vials", "nebule", "nebules", "ampule", "ampules", "ampoule", "ampoules"]),
        ]
        return Dictionary(lists.flatMap { unit, words in words.map { ($0, unit) } }, uniquingKeysWith: { first, _ in first })
    }()
}

/// How much of a medication is taken at one time: "5 mg", "1 tablet", "2 puffs".
public struct MedicationDose: Sendable, Hashable, Codable, CustomStringConvertible {
    public var amount: Decimal
    public var unit: DoseUnit

    public init(amount: Decimal, unit: DoseUnit) {
        self.amount = amount
        self.unit = unit
    }

    /// Reads the two form fields; nil unless the amount is a positive number ("0.5", "1/2") and the unit is known.
    public init?(amount: String, unit: String) {
        guard let value = Self.amount(amount), let unit = DoseUnit(text: unit) else { return nil }
        self.init(amount: value, unit: unit)
    }

    /// Reads a dose written as one phrase: "5 mg", "1 tablet", "2 puffs", "10 units", "0.5 mL", "1/2 tablet",
    /// "1 tablet (25 mg total)". Nil when it is not a dose.
    public static func parse(_ text: String) -> MedicationDose? {
        var text = text.trimmed.lowercased()
        if let open = text.firstIndex(of: "(") { text = String(text[..<open]).trimmed }
        let split = text.firstIndex { !($0.isNumber || $0 == "." || $0 == "/" || $0 == " " || "½¼¾".contains($0)) } ?? text.endIndex
        let number = String(text[..<split]).trimmed
        let unit = String(text[split...]).trimmed
        return MedicationDose(amount: number, unit: unit)
    }

    /// "5 mg", "1 tablet", "2 puffs", "0.5 tablet".
    public var description: String { "\(Self.text(amount)) \(unit.name(for: amount))" }

    /// A positive amount from "2", "0.5", ".5", "1/2", "½"; at most 100,000 (a typo guard, not a clinical limit).
    static func amount(_ text: String) -> Decimal? {
        let text = text.trimmed
        let fractions: [String: Decimal] = ["½": 0.5, "¼": 0.25, "¾": 0.75]
        if let value = fractions[text] { return value }
        let value: Decimal?
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { String($0).trimmed }
        if parts.count == 2 {
            guard let top = decimal(parts[0]), let bottom = decimal(parts[1]), [2, 4].contains(bottom) else { return nil }
            value = top / bottom
        } else {
            value = decimal(text)
        }
        guard let value, value > 0, value <= 100_000 else { return nil }
        return value
    }

    /// Digits with at most one decimal point; `Decimal(string:)` alone would accept "5abc".
    private static func decimal(_ text: String) -> Decimal? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), text.filter({ $0 == "." }).count <= 1,
              text != "." else { return nil }
        return Decimal(string: text, locale: posix)
    }

    /// Made once: a locale made per call costs ICU's number formatter again each time (issue 21's import profile).
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// "0.5", "2", "12.5": no trailing zeros, no grouping.
    public static func text(_ amount: Decimal) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 4, .plain)
        return "\(rounded)"
    }
}
