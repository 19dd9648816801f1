import Foundation

/// One coded answer: a code from a code system with the words people read.
public struct DemographicCode: Sendable, Hashable, Codable {
    public var system: String
    public var code: String
    public var display: String

    public init(system: String, code: String, display: String) {
        self.system = system
        self.code = code
        self.display = display
    }
}

/// A US Core race or ethnicity answer: the OMB minimum categories, any detailed CDC codes, and the words the
/// patient used (http://hl7.org/fhir/us/core/StructureDefinition/us-core-race, us-core-ethnicity).
public struct DemographicAnswer: Sendable, Equatable, Codable {
    /// OMB category codes (`2106-3`) or a null flavor (`UNK`, `ASKU`).
    public var categories: [String]
    /// Detailed codes from the CDC Race & Ethnicity code set, kept as sent.
    public var details: [DemographicCode]
    /// The answer in words; US Core requires it, so it is made from the categories when nobody typed one.
    public var text: String

    public init(categories: [String] = [], details: [DemographicCode] = [], text: String = "") {
        self.categories = categories
        self.details = details
        self.text = text
    }

    public var isEmpty: Bool { categories.isEmpty && details.isEmpty && text.isEmpty }

    /// The answer in words: as given, else the categories' names.
    public var words: String { text.isEmpty ? RaceAndEthnicity.words(categories) : text }
}

/// The OMB race and ethnicity categories US Core uses, as a table (OMB Statistical Policy Directive 15, 1997;
/// codes from the CDC Race & Ethnicity Code Set 1.0, urn:oid:2.16.840.1.113883.6.238), plus the two null flavors
/// US Core allows in place of a category.
public enum RaceAndEthnicity {
    public static let cdcSystem = "urn:oid:2.16.840.1.113883.6.238"
    public static let nullFlavorSystem = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor"

    public static let raceCategories: [DemographicCode] = [
        DemographicCode(system: cdcSystem, code: "1002-5", display: "American Indian or Alaska Native"),
        DemographicCode(system: cdcSystem, code: "2028-9", display: "Asian"),
        DemographicCode(system: cdcSystem, code: "2054-5", display: "Black or African American"),
        DemographicCode(system: cdcSystem, code: "2076-8", display: "Native Hawaiian or Other Pacific Islander"),
        DemographicCode(system: cdcSystem, code: "2106-3", display: "White"),
    ]

    public static let ethnicityCategories: [DemographicCode] = [
        DemographicCode(system: cdcSystem, code: "2135-2", display: "Hispanic or Latino"),
        DemographicCode(system: cdcSystem, code: "2186-5", display: "Not Hispanic or Latino"),
    ]

    public static let nullFlavors: [DemographicCode] = [
        DemographicCode(system: nullFlavorSystem, code: "UNK", display: "Unknown"),
        DemographicCode(system: nullFlavorSystem, code: "ASKU", display: "Asked but no answer"),
    ]

    /// The category or null flavor a code names, for display and for the FHIR coding.
    public static func category(_ code: String) -> DemographicCode? {
        (raceCategories + ethnicityCategories + nullFlavors).first { $0.code == code }
    }

    /// A problem with a race answer's categories, or nil: OMB categories, or one null flavor alone.
    public static func raceProblem(_ categories: [String]) -> String? {
        problem(categories, allowed: raceCategories, many: true)
    }

    /// A problem with an ethnicity answer's categories, or nil: at most one OMB category, or one null flavor.
    public static func ethnicityProblem(_ categories: [String]) -> String? {
        problem(categories, allowed: ethnicityCategories, many: false)
    }

    private static func problem(_ categories: [String], allowed: [DemographicCode], many: Bool) -> String? {
        let known = Set((allowed + nullFlavors).map(\.code))
        if let unknown = categories.first(where: { !known.contains($0) }) {
            return "\(unknown) is not an OMB category; use one of \((allowed + nullFlavors).map(\.code).joined(separator: ", "))."
        }
        if categories.count > 1, categories.contains(where: { code in nullFlavors.contains { $0.code == code } }) {
            return "Unknown or declined stands alone: remove the other choices."
        }
        if !many, categories.count > 1 { return "Choose one answer." }
        return nil
    }

    /// "White, Asian": the answer in words when none was given.
    public static func words(_ categories: [String]) -> String {
        categories.compactMap { category($0)?.display }.joined(separator: ", ")
    }
}

/// Sex assigned at birth as US Core records it (http://hl7.org/fhir/us/core/ValueSet/birthsex).
public enum BirthSex: String, Sendable, CaseIterable {
    case female = "F", male = "M", unknown = "UNK", declined = "ASKU"

    public var title: String {
        switch self {
        case .female: "Female"
        case .male: "Male"
        case .unknown: "Unknown"
        case .declined: "Asked, declined to answer"
        }
    }
}
