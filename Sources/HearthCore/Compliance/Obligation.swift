import Foundation

/// A deadline the episode owes, computed by the regulatory clock from its facts: what is due, when,
/// why, and whether it has been met.
public struct Obligation: Sendable, Equatable, Identifiable {
    /// Where an obligation stands at "now".
    public enum State: Sendable, Equatable {
        /// The window has not opened yet.
        case upcoming
        case open
        /// Open, and the due day is today or within the clock's due-soon days.
        case dueSoon
        /// Past due and unmet; `days` counts calendar days after the due day (0 when it passed today).
        case overdue(days: Int)
        /// Satisfied by a record; `late` when the record came after the due instant.
        case met(recordID: String, late: Bool)
        case waived(reason: String, by: String)
        case notApplicable(reason: String)

        public var kind: StateKind {
            switch self {
            case .upcoming: .upcoming
            case .open: .open
            case .dueSoon: .dueSoon
            case .overdue: .overdue
            case .met: .met
            case .waived: .waived
            case .notApplicable: .notApplicable
            }
        }
    }

    /// The state without its details, for counts, filters and storage.
    public enum StateKind: String, Sendable, CaseIterable, Comparable {
        case overdue
        case dueSoon = "due_soon"
        case open, upcoming, met, waived
        case notApplicable = "not_applicable"

        public var title: String {
            switch self {
            case .overdue: "Overdue"
            case .dueSoon: "Due soon"
            case .open: "Open"
            case .upcoming: "Upcoming"
            case .met: "Met"
            case .waived: "Waived"
            case .notApplicable: "Not applicable"
            }
        }

        /// Most urgent first, in the order above.
        public static func < (lhs: StateKind, rhs: StateKind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// When the obligation may be met and when it becomes overdue, in instants and in agency days.
    public struct Window: Sendable, Equatable {
        /// The first instant a record counts.
        public var opens: Date
        /// The first instant the obligation is overdue: the midnight ending the due day, or the 48th hour.
        public var due: Date
        public var opensDay: CalendarDate
        /// The last agency day on which it is on time.
        public var dueDay: CalendarDate
        public var unit: ObligationRule.Unit
        /// An hours rule whose starting event has a date but no time: counted in calendar days as CMS counts them
        /// (48 hours = by the end of the second day after), never from a midnight nobody recorded. The number of hours.
        public var hoursCountedAsDays: Int? = nil

        public func contains(_ instant: Date) -> Bool { opens <= instant && instant < due }
    }

    /// Stable across recomputation: rule id and occurrence, e.g. "recertification-assessment#2".
    public var key: String
    public var ruleID: String
    /// 1 for the first occurrence; for recertification, the certification period number.
    public var occurrence: Int
    public var title: String
    public var citation: String
    public var window: Window
    public var state: State
    /// Plain sentences: what triggered it, the window, the citation, what satisfies it and where it stands.
    public var explanation: String
    /// The one record the obligation is about, when it has one (a verbal order's id, the OASIS assessment to transmit).
    public var subject: String?

    public var id: String { key }

    public static func key(rule: String, occurrence: Int) -> String { "\(rule)#\(occurrence)" }

    /// Calendar days past the due day; nil unless overdue.
    public var daysOverdue: Int? {
        if case .overdue(let days) = state { days } else { nil }
    }

    /// True while someone still has to act: upcoming, open, due soon or overdue.
    public var isOutstanding: Bool { state.kind <= .upcoming }

    /// A few words for a chart badge or a worklist cell: "Overdue 3 days", "Due 2026-11-28", "Met late".
    public var status: String {
        switch state {
        case .upcoming: "Opens \(window.opensDay)"
        case .open, .dueSoon: "Due \(window.dueDay)"
        case .overdue(let days): days == 0 ? "Overdue today" : "Overdue \(days) day\(days == 1 ? "" : "s")"
        case .met(_, let late): late ? "Met late" : "Met"
        case .waived: "Waived"
        case .notApplicable: "Not applicable"
        }
    }
}

extension Obligation {
    /// An outstanding obligation as the app stored it, rebuilt for rules that read it (the worklist's overdue
    /// assessments). `overdueDays` is nil while it is not yet overdue.
    public static func stored(key: String, ruleID: String, title: String, citation: String, opens: Date, due: Date, opensDay: CalendarDate,
                              dueDay: CalendarDate, overdueDays: Int?) -> Obligation {
        Obligation(key: key, ruleID: ruleID, occurrence: 1, title: title, citation: citation,
                   window: Window(opens: opens, due: due, opensDay: opensDay, dueDay: dueDay, unit: .days),
                   state: overdueDays.map { .overdue(days: $0) } ?? .open, explanation: "")
    }
}

extension Obligation.Window {
    /// Open from the start of `opensDay` to the midnight that ends `dueDay`, in `zone` (the day-counted windows of the
    /// regulatory clock, the payment periods and supervision).
    init(from opensDay: CalendarDate, through dueDay: CalendarDate, in zone: TimeZone, unit: ObligationRule.Unit = .days, hoursCountedAsDays: Int? = nil) {
        self.init(opens: opensDay.start(in: zone), due: dueDay.adding(days: 1).start(in: zone), opensDay: opensDay, dueDay: dueDay, unit: unit,
                  hoursCountedAsDays: hoursCountedAsDays)
    }
}
