import Foundation

/// Where a state's law sets a deadline the federal rules leave open or set differently, as data
/// (Resources/Rules/state-rules.json): each override names the rule it changes (a regulatory-clock rule, an aide
/// supervision rule, or the aide in-service rule), the new number, and the state's citation with the source it was read
/// from and when. The agency's state (`HEARTH_AGENCY_STATE`) selects one state's overrides; none applies by default.
public struct StateRules: Sendable, Equatable {
    public struct Override: Sendable, Equatable {
        /// The id of the rule it changes: `verbal-order-signed`, `aide-supervision-skilled`, `aide-in-service`, …
        public var rule: String
        /// A clock rule's last window `due` (e.g. -7 for "7 days before"); a supervision rule's `every`; in-service hours.
        public var value: Double
        public var citation: String
        /// What the state requires, with the source and the day it was read; replaces the rule's requirement text.
        public var requirement: String
    }

    /// A state's legal holidays where they differ from the federal calendar: the days it adds and the federal days its
    /// offices keep open. Business-day rules (the 2- and 5-business-day summaries) then skip the state's days.
    public struct Holidays: Sendable, Equatable {
        /// How explanations name the calendar: "South Carolina's legal holidays (S.C. Code § 53-5-10)".
        public var name: String
        /// The statute and the observance rule, with where and when they were read.
        public var source: String
        public var added: [CalendarDate: String]
        public var removed: Set<CalendarDate>

        public init(name: String, source: String, added: [CalendarDate: String], removed: Set<CalendarDate>) {
            self.name = name
            self.source = source
            self.added = added
            self.removed = removed
        }
    }

    public struct State: Sendable, Equatable {
        public var code: String
        public var name: String
        public var overrides: [Override]
        public var holidays: Holidays? = nil
    }

    public var states: [String: State]

    public init(states: [String: State] = [:]) { self.states = states }

    /// Parses `{"version": 1, "states": {"DC": {"name": …, "overrides": [{"rule", "value", "citation", "requirement"}]}}}`.
    public init(json: Data) throws(RuleBookError) {
        struct File: Decodable {
            struct RawState: Decodable { var name: String; var overrides: [RawOverride]; var holidays: RawHolidays? }
            struct RawOverride: Decodable { var rule: String; var value: Double; var citation: String; var requirement: String }
            struct RawHolidays: Decodable {
                struct Day: Decodable { var date: CalendarDate; var name: String }
                var name: String
                var source: String
                var add: [Day]
                var remove: [Day]
            }
            var states: [String: RawState]
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: json) } catch { throw .unreadable("State rules: not valid JSON, or a field missing") }
        var states: [String: State] = [:]
        for (code, raw) in file.states {
            guard code.count == 2, code == code.uppercased() else { throw .unreadable("State rules: '\(code)' is not a two-letter state code") }
            states[code] = State(code: code, name: raw.name, overrides: raw.overrides.map {
                Override(rule: $0.rule, value: $0.value, citation: $0.citation, requirement: $0.requirement)
            }, holidays: raw.holidays.map { holidays in
                Holidays(name: holidays.name, source: holidays.source, added: Dictionary(holidays.add.map { ($0.date, $0.name) }) { first, _ in first },
                         removed: Set(holidays.remove.map(\.date)))
            })
        }
        self.init(states: states)
    }

    /// The regulatory clock's rules with `state`'s overrides: the last window's `due`, the citation and the requirement.
    /// A state without overrides (or nil) leaves the rules as they are; an override naming no clock rule is skipped here
    /// (it belongs to the supervision rules).
    public func applied(to book: RuleBook, state: String?) throws(RuleBookError) -> RuleBook {
        guard let state = state.flatMap({ states[$0.uppercased()] }) else { return book }
        var rules = book.rules
        for override in state.overrides {
            guard let index = rules.firstIndex(where: { $0.id == override.rule }), !rules[index].windows.isEmpty else { continue }
            guard override.value == override.value.rounded() else {
                throw .unreadable("State rules: \(state.code) sets '\(override.rule)' to \(override.value); a clock rule's due is a whole number of days")
            }
            rules[index].windows[rules[index].windows.count - 1].due = Int(override.value)
            rules[index].citation = override.citation
            rules[index].requirement = override.requirement
        }
        // The state's holidays change the calendar every business-day rule counts on.
        var holidays = book.holidays
        if let changes = state.holidays { holidays = try book.holidays.observing(changes, of: state.code) }
        return try RuleBook(rules: rules, holidays: holidays)
    }

    /// The aide supervision rules with `state`'s overrides: a supervision rule's `every`, the in-service hours.
    public func applied(to book: SupervisionRuleBook, state: String?) throws(SupervisionRuleError) -> SupervisionRuleBook {
        guard let state = state.flatMap({ states[$0.uppercased()] }) else { return book }
        var rules = book.rules
        var inService = book.inService
        for override in state.overrides {
            if let index = rules.firstIndex(where: { $0.id == override.rule }) {
                rules[index].every = Int(override.value)
                rules[index].citation = override.citation
                rules[index].requirement = override.requirement
            } else if override.rule == inService?.id {
                inService?.minutes = Int((override.value * 60).rounded())
                inService?.citation = override.citation
                inService?.requirement = override.requirement
            }
        }
        return try SupervisionRuleBook(rules: rules, inService: inService)
    }
}
