import Foundation

/// The geometric mean length of stay (GMLOS) per MS-DRG from CMS's IPPS Table 5, shipped as data with its fiscal year
/// (Resources/Rules/ms-drg-gmlos.json). A DRG the file does not list has no norm: Hearth says so instead of guessing.
public struct LengthOfStayNorms: Sendable {
    public struct DRG: Sendable, Equatable, Decodable {
        public var title: String
        /// Days, as Table 5 prints them (one decimal).
        public var gmlos: Double
        public var amlos: Double?
    }

    public var fiscalYear: Int
    public var source: String
    public var note: String
    public var drgs: [String: DRG]

    public init(fiscalYear: Int, source: String, note: String = "", drgs: [String: DRG]) {
        self.fiscalYear = fiscalYear
        self.source = source
        self.note = note
        self.drgs = drgs
    }

    public init(json: Data) throws(RuleBookError) {
        struct File: Decodable { var fiscalYear: Int; var source: String; var note: String?; var drgs: [String: DRG] }
        let file = try decodeRules(File.self, json, name: "ms-drg-gmlos.json")
        for (code, drg) in file.drgs where drg.gmlos <= 0 || code.count != 3 || !code.allSatisfy(\.isNumber) {
            throw .unreadable("ms-drg-gmlos.json: DRG \(code) needs a three-digit code and a positive GMLOS")
        }
        self.init(fiscalYear: file.fiscalYear, source: file.source, note: file.note ?? "", drgs: file.drgs)
    }

    /// "291", "0291" or " 291 " all name DRG 291.
    public func drg(_ code: String) -> DRG? {
        let digits = code.trimmingCharacters(in: .whitespaces)
        guard let number = Int(digits) else { return nil }
        return drgs[String(format: "%03d", number)]
    }

    /// The stay's length so far against the DRG's GMLOS: LOS counts inpatient days (midnights) from the admission order's
    /// day to the discharge or today; nil when the stay was never admitted or the DRG has no norm.
    public func compare(_ stay: InpatientStay, drg code: String?, clock: StayClock, now: Date) -> LengthOfStayComparison? {
        guard let code, let drg = drg(code), let admitted = stay.admittedAt else { return nil }
        let end = clock.day(stay.dischargedAt ?? now)
        let los = max(0, clock.day(admitted).days(until: end))
        return LengthOfStayComparison(drg: code.trimmingCharacters(in: .whitespaces), title: drg.title, gmlos: drg.gmlos, los: los,
                                      gmlosDay: clock.day(admitted).adding(days: Int(drg.gmlos.rounded(.up))), fiscalYear: fiscalYear)
    }
}

/// LOS against GMLOS, in the case manager's words.
public struct LengthOfStayComparison: Sendable, Equatable {
    public var drg: String
    public var title: String
    public var gmlos: Double
    public var los: Int
    /// The first day past the GMLOS (admission day + GMLOS rounded up): the norm's natural review day.
    public var gmlosDay: CalendarDate
    public var fiscalYear: Int

    public var isPastGMLOS: Bool { Double(los) > gmlos }

    /// "LOS 5 days vs GMLOS 3.9 (DRG 291, FY 2026 Table 5): 1.1 days over".
    public var summary: String {
        let gap = Double(los) - gmlos
        let where_ = abs(gap) < 0.05 ? "at the GMLOS" : gap > 0 ? "\(Self.days(gap)) over" : "\(Self.days(-gap)) left"
        return "LOS \(los) day\(los == 1 ? "" : "s") vs GMLOS \(Self.one(gmlos)) (DRG \(drg), FY \(fiscalYear) Table 5): \(where_)"
    }

    static func one(_ value: Double) -> String { String(format: "%.1f", value) }
    static func days(_ value: Double) -> String { "\(one(value)) day\(abs(value - 1) < 0.05 ? "" : "s")" }
}
