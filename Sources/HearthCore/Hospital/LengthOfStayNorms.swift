import Foundation

/// The geometric mean length of stay (GMLOS) per MS-DRG, as CMS publishes it in the IPPS final rule's Table 5. Hearth
/// ships no figures: the hospital imports CMS's own file (`hearth reference import ms-drg-gmlos`), and `source` names
/// the file, its fiscal year and when it was imported, so every number is shown beside where it came from. With no
/// table loaded, or a DRG the table does not list, there is no norm: Hearth says so instead of guessing.
public struct LengthOfStayNorms: Sendable {
    public struct DRG: Sendable, Equatable {
        public var title: String
        /// Days, as Table 5 prints them (one decimal).
        public var gmlos: Double
        public var amlos: Double?

        public init(title: String, gmlos: Double, amlos: Double? = nil) {
            self.title = title
            self.gmlos = gmlos
            self.amlos = amlos
        }
    }

    /// What the pages say where a number would be when no table is loaded.
    public static let notLoadedMessage = "GMLOS not loaded — an administrator imports CMS Table 5"
    /// No table: no DRG has a norm, and nothing is compared.
    public static let notLoaded = LengthOfStayNorms(fiscalYear: 0, source: "", drgs: [:])

    public var fiscalYear: Int
    /// Where the figures come from, in words shown beside each one ("FY 2026, from table5.csv, imported 2026-12-03").
    public var source: String
    /// DRG (three digits) → its figures; may hold only the DRGs a page asks about.
    public var drgs: [String: DRG]

    public init(fiscalYear: Int, source: String, drgs: [String: DRG]) {
        self.fiscalYear = fiscalYear
        self.source = source
        self.drgs = drgs
    }

    public var isLoaded: Bool { fiscalYear > 0 }

    /// "291", "0291" or " 291 " all name DRG 291 ("291"); nil for anything that is not a DRG number.
    public static func key(_ code: String) -> String? {
        let digits = code.trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits), (1...999).contains(number) else { return nil }
        return String(format: "%03d", number)
    }

    public func drg(_ code: String) -> DRG? { Self.key(code).flatMap { drgs[$0] } }

    /// The stay's length so far against the DRG's GMLOS: LOS counts inpatient days (midnights) from the admission order's
    /// day to the discharge or today; nil when the stay was never admitted, no table is loaded or the DRG has no norm.
    public func compare(_ stay: InpatientStay, drg code: String?, clock: StayClock, now: Date) -> LengthOfStayComparison? {
        guard isLoaded, let code, let drg = drg(code), let admitted = stay.admittedAt else { return nil }
        let end = clock.day(stay.dischargedAt ?? now)
        let los = max(0, clock.day(admitted).days(until: end))
        return LengthOfStayComparison(drg: code.trimmingCharacters(in: .whitespaces), title: drg.title, gmlos: drg.gmlos, los: los,
                                      gmlosDay: clock.day(admitted).adding(days: Int(drg.gmlos.rounded(.up))), fiscalYear: fiscalYear, source: source)
    }
}

/// LOS against GMLOS, in the case manager's words, with the table it was read from.
public struct LengthOfStayComparison: Sendable, Equatable {
    public var drg: String
    public var title: String
    public var gmlos: Double
    public var los: Int
    /// The first day past the GMLOS (admission day + GMLOS rounded up): the norm's natural review day.
    public var gmlosDay: CalendarDate
    public var fiscalYear: Int
    /// The table's source, shown beside the number.
    public var source: String

    public var isPastGMLOS: Bool { Double(los) > gmlos }

    /// "LOS 5 days vs GMLOS 3.9 (DRG 291; FY 2026, from table5.csv, imported 2026-12-03): 1.1 days over".
    public var summary: String {
        let gap = Double(los) - gmlos
        let where_ = abs(gap) < 0.05 ? "at the GMLOS" : gap > 0 ? "\(Self.days(gap)) over" : "\(Self.days(-gap)) left"
        return "LOS \(los) day\(los == 1 ? "" : "s") vs GMLOS \(Self.one(gmlos)) (DRG \(drg); \(source)): \(where_)"
    }

    static func one(_ value: Double) -> String { String(format: "%.1f", value) }
    static func days(_ value: Double) -> String { "\(one(value)) day\(abs(value - 1) < 0.05 ? "" : "s")" }
}
