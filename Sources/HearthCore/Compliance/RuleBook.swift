import Foundation

/// The regulatory clock's rule table, loaded from JSON and checked rule by rule: a bad rule stops
/// start-up with one line that names it.
public struct RuleBook: Sendable, Equatable {
    public private(set) var rules: [ObligationRule]
    /// The holidays every business-day rule skips, named by the rule file's `holidayCalendar` [42 CFR 484.110(a)(6)].
    public var holidays: HolidayCalendar

    public init(rules: [ObligationRule], holidays: HolidayCalendar = .weekendsOnly) throws(RuleBookError) {
        var seen = Set<String>()
        for rule in rules {
            guard seen.insert(rule.id).inserted else { throw .duplicateID(rule.id) }
            try Self.check(rule)
        }
        self.rules = rules
        self.holidays = holidays
    }

    /// Parses `{"version": 1, "rules": [...]}`; see Resources/Rules/regulatory-clock.json.
    public init(json: Data, holidays: HolidayCalendar = .weekendsOnly) throws(RuleBookError) {
        let file: RuleFile
        do { file = try JSONDecoder().decode(RuleFile.self, from: json) } catch {
            throw .unreadable(Self.oneLine(error))
        }
        var rules: [ObligationRule] = []
        for raw in file.rules { rules.append(try raw.rule()) }
        try self.init(rules: rules, holidays: holidays)
    }

    /// Reads the rule file and the holiday calendar it names (`"holidayCalendar": "holidays-us-federal.json"`, beside it).
    public init(contentsOf url: URL) throws(RuleBookError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable("cannot read \(url.path)") }
        var holidays = HolidayCalendar.weekendsOnly
        if let name = (try? JSONDecoder().decode(CalendarName.self, from: data))?.holidayCalendar {
            let calendarURL = url.deletingLastPathComponent().appendingPathComponent(name)
            let calendarData: Data
            do { calendarData = try Data(contentsOf: calendarURL) } catch { throw .unreadable("cannot read the holiday calendar \(calendarURL.path)") }
            holidays = try HolidayCalendar(json: calendarData)
        }
        try self.init(json: data, holidays: holidays)
    }

    private struct CalendarName: Decodable { var holidayCalendar: String? }

    public func rule(_ id: String) -> ObligationRule? { rules.first { $0.id == id } }

    private static func check(_ rule: ObligationRule) throws(RuleBookError) {
        guard !rule.windows.isEmpty else { throw .noWindow(rule.id) }
        guard !rule.satisfiedBy.isEmpty else { throw .nothingSatisfies(rule.id) }
        for window in rule.windows {
            if window.anchor.needsPeriod && !rule.trigger.hasPeriod {
                throw .anchorNeedsPeriod(rule: rule.id, anchor: window.anchor.rawValue)
            }
            // A days window of 0…0 is the whole day; an hours window needs at least one hour.
            let empty = window.unit == .hours ? window.due <= window.opens : window.due < window.opens
            if empty { throw .negativeWindow(rule: rule.id, opens: window.opens, due: window.due) }
        }
        if rule.minimumStayHours != nil && rule.trigger != .resumption && rule.trigger != .transfer {
            throw .stayNeedsResumption(rule.id)
        }
    }

    private static func oneLine(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "missing \"\(key.stringValue)\" at \(path(context.codingPath))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(path(context.codingPath))"
        default:
            "not valid JSON"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// Why the rule table was refused; each says which rule to fix and how.
public enum RuleBookError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    case duplicateID(String)
    case unknownTrigger(rule: String, value: String)
    case unknownAnchor(rule: String, value: String)
    case unknownUnit(rule: String, value: String)
    case unknownRecordKind(rule: String, value: String)
    case unknownEvent(rule: String, value: String)
    case unknownPayer(rule: String, value: String)
    case anchorNeedsPeriod(rule: String, anchor: String)
    case negativeWindow(rule: String, opens: Int, due: Int)
    case noWindow(String)
    case nothingSatisfies(String)
    case stayNeedsResumption(String)
    case unknownException(rule: String, value: String)

    public var description: String {
        let prefix = "Regulatory clock rules:"
        return switch self {
        case .unreadable(let why): "\(prefix) the file is unreadable (\(why))."
        case .duplicateID(let id): "\(prefix) rule '\(id)' is defined twice; give each rule its own id."
        case .unknownTrigger(let rule, let value):
            "\(prefix) rule '\(rule)' has unknown trigger '\(value)'; use one of \(Self.list(ObligationRule.Trigger.allCases.map(\.rawValue)))."
        case .unknownAnchor(let rule, let value):
            "\(prefix) rule '\(rule)' has unknown anchor '\(value)'; use one of \(Self.list(ObligationRule.Anchor.allCases.map(\.rawValue)))."
        case .unknownUnit(let rule, let value): "\(prefix) rule '\(rule)' has unknown unit '\(value)'; use hours, days or business_days."
        case .unknownRecordKind(let rule, let value):
            "\(prefix) rule '\(rule)' is satisfied by unknown record kind '\(value)'; use notice_of_admission, face_to_face_encounter, discharge_summary, "
                + "transfer_summary, plan_of_care_signed, verbal_order_signed, plan_change_signed, oasis_accepted, notice:<transfer_discharge|nomnc|hhabn> or assessment:<kind>."
        case .unknownEvent(let rule, let value):
            "\(prefix) rule '\(rule)' is ended by unknown event '\(value)'; use one of \(Self.list(EpisodeEvent.Kind.allCases.map(\.rawValue)))."
        case .unknownPayer(let rule, let value):
            "\(prefix) rule '\(rule)' applies to unknown payer program '\(value)'; use one of \(Self.list(PayerProgram.allCases.map(\.rawValue)))."
        case .anchorNeedsPeriod(let rule, let anchor):
            "\(prefix) rule '\(rule)' uses anchor '\(anchor)', which needs the certification_period, verbal_order or plan_change trigger."
        case .negativeWindow(let rule, let opens, let due):
            "\(prefix) rule '\(rule)' has a window that closes (\(due)) before it opens (\(opens)); make due at least opens."
        case .noWindow(let id): "\(prefix) rule '\(id)' has no window; add one."
        case .nothingSatisfies(let id): "\(prefix) rule '\(id)' names no record that satisfies it; add satisfiedBy."
        case .stayNeedsResumption(let id): "\(prefix) rule '\(id)' sets minimumStayHours, which only a transfer or resumption rule can use."
        case .unknownException(let rule, let value):
            "\(prefix) rule '\(rule)' is not owed when '\(value)', which is unknown; use one of \(Self.list(ObligationRule.Exception.allCases.map(\.rawValue)))."
        }
    }

    private static func list(_ values: [String]) -> String { values.joined(separator: ", ") }
}

/// The JSON shape, all strings, turned into typed rules one field at a time so errors can name the rule.
private struct RuleFile: Decodable {
    struct RawWindow: Decodable {
        var anchor: String
        var unit: String
        var opens: Int
        var due: Int
    }

    struct RawRule: Decodable {
        var id: String
        var title: String
        var citation: String
        var requirement: String
        var trigger: String
        var windows: [RawWindow]
        var satisfiedBy: [String]
        var endedBy: [String]?
        var minimumStayHours: Int?
        var comprehensiveOnly: Bool?
        var payers: [String]?
        var notOwedWhen: [String]?

        func rule() throws(RuleBookError) -> ObligationRule {
            guard let trigger = ObligationRule.Trigger(rawValue: trigger) else { throw .unknownTrigger(rule: id, value: trigger) }
            var typedWindows: [ObligationRule.Window] = []
            for window in windows {
                guard let anchor = ObligationRule.Anchor(rawValue: window.anchor) else { throw .unknownAnchor(rule: id, value: window.anchor) }
                guard let unit = ObligationRule.Unit(rawValue: window.unit) else { throw .unknownUnit(rule: id, value: window.unit) }
                typedWindows.append(.init(anchor: anchor, unit: unit, opens: window.opens, due: window.due))
            }
            var kinds: [ComplianceRecord.Kind] = []
            for key in satisfiedBy {
                guard let kind = ComplianceRecord.Kind(key: key) else { throw .unknownRecordKind(rule: id, value: key) }
                kinds.append(kind)
            }
            var events: [EpisodeEvent.Kind] = []
            for name in endedBy ?? [] {
                guard let kind = EpisodeEvent.Kind(rawValue: name) else { throw .unknownEvent(rule: id, value: name) }
                events.append(kind)
            }
            var programs: Set<PayerProgram>?
            for name in payers ?? [] {
                guard let program = PayerProgram(rawValue: name) else { throw .unknownPayer(rule: id, value: name) }
                programs = (programs ?? []).union([program])
            }
            var rule = ObligationRule(id: id, title: title, citation: citation, requirement: requirement, trigger: trigger,
                                      windows: typedWindows, satisfiedBy: kinds, endedBy: events, minimumStayHours: minimumStayHours,
                                      comprehensiveOnly: comprehensiveOnly ?? false, payers: programs)
            for name in notOwedWhen ?? [] {
                guard let exception = ObligationRule.Exception(rawValue: name) else { throw .unknownException(rule: id, value: name) }
                rule.notOwedWhen.insert(exception)
            }
            return rule
        }
    }

    var version: Int
    var rules: [RawRule]
}
