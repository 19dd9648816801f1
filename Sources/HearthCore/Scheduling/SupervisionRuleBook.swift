import Foundation

/// A rule that repeats from the last time it was met ("at least every 14 days"), unlike the episode clock's rules,
/// which count from an episode event. Rules are data (Resources/Scheduling/aide-supervision.json).
public struct SupervisionRule: Sendable, Equatable, Identifiable {
    /// Whose clock it is.
    public enum Scope: String, Sendable, CaseIterable {
        /// A patient who receives aide services and skilled nursing or therapy.
        case skilledPatient = "skilled_patient"
        /// A patient who receives aide services and no skilled nursing or therapy.
        case aideOnlyPatient = "aide_only_patient"
        /// Each aide, across all patients.
        case aide
        /// Each aide who cares for an aide-only patient: observed on site more often [42 CFR 484.80(h)(2), CY 2022 rule].
        case aideServingAideOnlyPatients = "aide_serving_aide_only_patients"
    }

    public enum Unit: String, Sendable, CaseIterable {
        case days
        /// Calendar months: a year after 2026-03-31 is 2027-03-31; a month after 01-31 is the month's last day.
        case months
    }

    public var id: String
    public var title: String
    public var citation: String
    public var requirement: String
    public var scope: Scope
    public var every: Int
    public var unit: Unit
    /// True when the visit counts only if the supervisor watched the aide give care.
    public var aidePresent: Bool
    /// How many supervisory visits per patient in each 60 days may be made by interactive telecommunications instead
    /// of on site (1 for a skilled patient since the CY 2022 home health final rule); 0 means on site only.
    public var virtualPer60Days: Int

    public init(id: String, title: String, citation: String, requirement: String, scope: Scope, every: Int, unit: Unit, aidePresent: Bool,
                virtualPer60Days: Int = 0) {
        self.id = id
        self.title = title
        self.citation = citation
        self.requirement = requirement
        self.scope = scope
        self.every = every
        self.unit = unit
        self.aidePresent = aidePresent
        self.virtualPer60Days = virtualPer60Days
    }

    /// The last day on time for the visit that follows one made on `day`.
    public func dueDay(after day: CalendarDate) -> CalendarDate {
        unit == .days ? day.adding(days: every) : day.adding(months: every)
    }
}

/// The aide supervision rules, loaded from JSON and checked one by one.
public struct SupervisionRuleBook: Sendable, Equatable {
    public private(set) var rules: [SupervisionRule]
    /// Each aide's yearly in-service hours [42 CFR 484.80(d)]; nil when the file has none.
    public var inService: InServiceRule?

    public init(rules: [SupervisionRule], inService: InServiceRule? = nil) throws(SupervisionRuleError) {
        var seen = Set<String>()
        for rule in rules {
            guard seen.insert(rule.id).inserted else { throw .duplicateID(rule.id) }
            guard rule.every > 0 else { throw .notPositive(rule: rule.id, every: rule.every) }
        }
        if let inService, inService.minutes <= 0 || inService.months <= 0 {
            throw .notPositive(rule: inService.id, every: min(inService.minutes, inService.months))
        }
        self.rules = rules
        self.inService = inService
    }

    /// Parses `{"version": 1, "rules": [...]}`; errors name the rule, as the regulatory clock's do.
    public init(json: Data) throws(SupervisionRuleError) {
        let file: SupervisionFile
        do { file = try JSONDecoder().decode(SupervisionFile.self, from: json) } catch {
            throw .unreadable("not valid JSON, or a field missing or of the wrong type")
        }
        var rules: [SupervisionRule] = []
        for raw in file.rules {
            guard let scope = SupervisionRule.Scope(rawValue: raw.appliesTo) else { throw .unknownScope(rule: raw.id, value: raw.appliesTo) }
            guard let unit = SupervisionRule.Unit(rawValue: raw.unit) else { throw .unknownUnit(rule: raw.id, value: raw.unit) }
            rules.append(SupervisionRule(id: raw.id, title: raw.title, citation: raw.citation, requirement: raw.requirement,
                                         scope: scope, every: raw.every, unit: unit, aidePresent: raw.aidePresent,
                                         virtualPer60Days: raw.virtualPer60Days ?? 0))
        }
        let inService = file.inService.map {
            InServiceRule(id: $0.id, title: $0.title, citation: $0.citation, requirement: $0.requirement,
                          minutes: Int(($0.hours * 60).rounded()), months: $0.months)
        }
        try self.init(rules: rules, inService: inService)
    }

    public init(contentsOf url: URL) throws(SupervisionRuleError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable("cannot read \(url.path)") }
        try self.init(json: data)
    }

    public func rule(for scope: SupervisionRule.Scope) -> SupervisionRule? { rules.first { $0.scope == scope } }
}

/// Why the supervision rules were refused; each names the rule and what to write instead.
public enum SupervisionRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    case duplicateID(String)
    case unknownScope(rule: String, value: String)
    case unknownUnit(rule: String, value: String)
    case notPositive(rule: String, every: Int)

    public var description: String {
        let prefix = "Aide supervision rules:"
        return switch self {
        case .unreadable(let why): "\(prefix) the file is unreadable (\(why))."
        case .duplicateID(let id): "\(prefix) rule '\(id)' is defined twice; give each rule its own id."
        case .unknownScope(let rule, let value):
            "\(prefix) rule '\(rule)' applies to unknown '\(value)'; use skilled_patient, aide_only_patient, aide or aide_serving_aide_only_patients."
        case .unknownUnit(let rule, let value): "\(prefix) rule '\(rule)' has unknown unit '\(value)'; use days or months."
        case .notPositive(let rule, let every): "\(prefix) rule '\(rule)' repeats every \(every); use at least 1."
        }
    }
}

private struct SupervisionFile: Decodable {
    struct Raw: Decodable {
        var id: String
        var title: String
        var citation: String
        var requirement: String
        var appliesTo: String
        var every: Int
        var unit: String
        var aidePresent: Bool
        var virtualPer60Days: Int?
    }

    struct InService: Decodable {
        var id: String
        var title: String
        var citation: String
        var requirement: String
        var hours: Double
        var months: Int
    }

    var version: Int
    var rules: [Raw]
    var inService: InService?
}
