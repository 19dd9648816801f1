import Foundation

/// The visit thresholds below which a 30-day period is paid per visit (a low-utilization payment adjustment, LUPA)
/// [42 CFR 484.205], by PDGM case-mix group, shipped as data with the rule year and source they come from
/// (Resources/Rules/lupa-thresholds.json). A group the file does not list is recorded by the case manager per period.
public struct LUPAThresholds: Sendable, Equatable {
    /// The calendar year the thresholds apply to.
    public var year: Int
    /// Where the values come from (the final rule and its case-mix weight file), to cite beside every use.
    public var source: String
    /// What a reader should know: how thresholds are set, and which groups are (not) listed.
    public var note: String
    /// Case-mix group (HHRG / HIPPS code, upper case) → visits needed to avoid the LUPA.
    public var groups: [String: Int]
    /// The fewest visits any threshold asks for (CMS sets each at the 10th percentile of visits, but at least 2).
    public static let minimumThreshold = 2

    public init(year: Int, source: String, note: String = "", groups: [String: Int] = [:]) {
        self.year = year
        self.source = source
        self.note = note
        self.groups = groups
    }

    /// None known: every threshold is recorded per period.
    public static let none = LUPAThresholds(year: 0, source: "no LUPA threshold table")

    /// Parses `{"year", "source", "note", "groups": {"<HHRG>": <visits>}}`; a threshold under 2 is refused.
    public init(json: Data) throws(RuleBookError) {
        struct File: Decodable { var year: Int; var source: String; var note: String?; var groups: [String: Int] }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: json) } catch { throw .unreadable("LUPA thresholds: not valid JSON") }
        var groups: [String: Int] = [:]
        for (group, visits) in file.groups {
            guard visits >= Self.minimumThreshold else { throw .unreadable("LUPA thresholds: \(group) has \(visits) visits; a threshold is at least \(Self.minimumThreshold)") }
            groups[Self.normalized(group)] = visits
        }
        self.init(year: file.year, source: file.source, note: file.note ?? "", groups: groups)
    }

    public func threshold(for group: String) -> Int? { groups[Self.normalized(group)] }

    static func normalized(_ group: String) -> String { group.trimmingCharacters(in: .whitespacesAndNewlines).uppercased() }
}
