import Foundation

/// The reference data utilization review reads, each table with its year and source: GMLOS per MS-DRG and the
/// inpatient-only list, which the hospital imports from CMS's own files (`hearth reference import`; none ships with
/// Hearth), and each kind of payer's review cadence and appeal levels (Resources/Rules/utilization-review.json).
public struct UtilizationRules: Sendable {
    public var lengthOfStay: LengthOfStayNorms
    public var inpatientOnly: InpatientOnlyList
    public var payers: PayerReviewRules

    public init(lengthOfStay: LengthOfStayNorms, inpatientOnly: InpatientOnlyList, payers: PayerReviewRules) {
        self.lengthOfStay = lengthOfStay
        self.inpatientOnly = inpatientOnly
        self.payers = payers
    }

    /// No tables: no DRG has a norm, no code is known to be inpatient-only, every payer reviews daily with no appeal level.
    public static let none = UtilizationRules(lengthOfStay: .notLoaded, inpatientOnly: .notLoaded, payers: PayerReviewRules(source: "no payer rules", payers: [:]))

    /// Hearth's own criteria and the licensed sets that plug in behind the same interface.
    public var criteriaSources: [any CriteriaSource] {
        [CMSCriteria(inpatientOnly: inpatientOnly) as any CriteriaSource] + LicensedCriteria.known.map { $0 as any CriteriaSource }
    }

    public func criteriaSource(id: String) -> (any CriteriaSource)? { criteriaSources.first { $0.id == id } }
}

/// Decodes a rules file, naming it in the error.
func decodeRules<T: Decodable>(_ type: T.Type, _ json: Data, name: String) throws(RuleBookError) -> T {
    do { return try JSONDecoder().decode(type, from: json) } catch { throw .unreadable("\(name): not valid JSON (\(error))") }
}

/// The procedures Medicare pays only as inpatient services (status indicator "C" on the OPPS Addendum E): an admission
/// for one of them is generally appropriate whatever the expected stay [42 CFR 412.3(d)(2); 42 CFR 419.22(n)]. Hearth
/// ships no codes: the hospital imports CMS's Addendum E (`hearth reference import inpatient-only`).
public struct InpatientOnlyList: Sendable {
    public var year: Int
    /// Where the list comes from, in words shown beside each finding ("CY 2026, from addendum-e.csv, imported 2026-12-03").
    public var source: String
    /// CPT/HCPCS code → its short descriptor; may hold only the codes a page asks about.
    public var codes: [String: String]

    public static let citation = "42 CFR 412.3(d)(2); 42 CFR 419.22(n)"
    /// What the pages say when no list is loaded.
    public static let notLoadedMessage = "Inpatient-only list not loaded — an administrator imports CMS Addendum E"
    public static let notLoaded = InpatientOnlyList(year: 0, source: "", codes: [:])

    public init(year: Int, source: String, codes: [String: String]) {
        self.year = year
        self.source = source
        self.codes = codes
    }

    public var isLoaded: Bool { year > 0 }

    /// A code as the list keys it: trimmed, upper case.
    public static func key(_ code: String) -> String { code.trimmingCharacters(in: .whitespaces).uppercased() }

    /// The listed codes among `procedures`, in the order given.
    public func listed(_ procedures: [String]) -> [String] {
        procedures.map(Self.key).filter { codes[$0] != nil }
    }
}

/// How a kind of payer reviews a stay and how its denials are appealed.
public enum PayerKind: String, Sendable, Codable, CaseIterable {
    case medicare
    case medicareAdvantage = "medicare_advantage"
    case medicaid
    case commercial

    public var title: String {
        switch self {
        case .medicare: "Original Medicare"
        case .medicareAdvantage: "Medicare Advantage"
        case .medicaid: "Medicaid"
        case .commercial: "Commercial"
        }
    }

    /// The stay records the payer by name and whether it is Medicare; the name says Advantage or Medicaid.
    public static func of(payerName: String, medicare: Bool) -> PayerKind {
        let name = payerName.lowercased()
        if medicare { return name.contains("advantage") ? .medicareAdvantage : .medicare }
        return name.contains("medicaid") ? .medicaid : .commercial
    }
}

/// One appeal level a payer offers: how long after the previous decision (or the denial) it may be asked for.
public struct AppealLevel: Sendable, Equatable, Decodable {
    public enum Unit: String, Sendable, Decodable { case days, months }

    public var id: String
    public var title: String
    public var within: Int
    public var unit: Unit
    /// An optional step (a peer-to-peer conversation) may be skipped; the next level's clock still runs from the denial.
    public var optional: Bool
    public var citation: String

    public init(id: String, title: String, within: Int, unit: Unit = .days, optional: Bool = false, citation: String) {
        self.id = id
        self.title = title
        self.within = within
        self.unit = unit
        self.optional = optional
        self.citation = citation
    }

    enum CodingKeys: String, CodingKey { case id, title, within, unit, optional, citation }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), title: try c.decode(String.self, forKey: .title), within: try c.decode(Int.self, forKey: .within),
                  unit: try c.decodeIfPresent(Unit.self, forKey: .unit) ?? .days, optional: try c.decodeIfPresent(Bool.self, forKey: .optional) ?? false,
                  citation: try c.decode(String.self, forKey: .citation))
    }

    /// The last day to ask for this level when the clock starts on `start`.
    public func deadline(from start: CalendarDate) -> CalendarDate {
        switch unit {
        case .days: return start.adding(days: within)
        case .months:
            let months = start.month - 1 + within
            let year = start.year + months / 12, month = months % 12 + 1
            return CalendarDate(uncheckedYear: year, month: month, day: min(start.day, CalendarDate.days(inMonth: month, year: year)))
        }
    }
}

/// Each payer kind's concurrent review cadence and appeal levels (Resources/Rules/utilization-review.json).
public struct PayerReviewRules: Sendable {
    public struct Payer: Sendable, Decodable {
        /// Days between concurrent reviews the payer (or, for original Medicare, the hospital's UR plan) expects.
        public var reviewEveryDays: Int
        public var cadenceSource: String
        public var appealLevels: [AppealLevel]
    }

    public var source: String
    public var payers: [PayerKind: Payer]

    public init(source: String, payers: [PayerKind: Payer]) {
        self.source = source
        self.payers = payers
    }

    public init(json: Data) throws(RuleBookError) {
        struct File: Decodable { var source: String; var payers: [String: Payer] }
        let file = try decodeRules(File.self, json, name: "utilization-review.json")
        var payers: [PayerKind: Payer] = [:]
        for (key, payer) in file.payers {
            guard let kind = PayerKind(rawValue: key) else { throw .unreadable("utilization-review.json: unknown payer kind \(key)") }
            guard payer.reviewEveryDays >= 1 else { throw .unreadable("utilization-review.json: \(key) reviews every \(payer.reviewEveryDays) days; at least 1") }
            payers[kind] = payer
        }
        guard payers.count == PayerKind.allCases.count else { throw .unreadable("utilization-review.json: every payer kind needs its rules") }
        self.init(source: file.source, payers: payers)
    }

    public func payer(_ kind: PayerKind) -> Payer { payers[kind] ?? Payer(reviewEveryDays: 1, cadenceSource: "", appealLevels: []) }
}
