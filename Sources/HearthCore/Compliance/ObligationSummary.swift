/// What the chart header, "My caseload" and the compliance page show about a set of obligations.
public struct ObligationSummary: Sendable, Equatable {
    /// How many obligations are in each state; states with none are absent.
    public var counts: [Obligation.StateKind: Int]
    /// The one to act on first: the most days overdue, then due soon, then open, then upcoming; ties by due instant.
    public var mostUrgent: Obligation?
    /// The largest days-overdue among them; 0 when nothing is overdue.
    public var maxDaysOverdue: Int

    public init(_ obligations: [Obligation]) {
        counts = Dictionary(grouping: obligations, by: \.state.kind).mapValues(\.count)
        mostUrgent = obligations.filter(\.isOutstanding).sorted(by: Obligation.moreUrgent).first
        maxDaysOverdue = obligations.compactMap(\.daysOverdue).max() ?? 0
    }

    public func count(_ kind: Obligation.StateKind) -> Int { counts[kind] ?? 0 }

    /// Overdue and due soon together: what a case manager must act on now.
    public var needsAction: Int { count(.overdue) + count(.dueSoon) }
}

extension Obligation {
    /// Sort order for worklists: by state (overdue first), then most days overdue, then earliest due.
    public static func moreUrgent(_ lhs: Obligation, _ rhs: Obligation) -> Bool {
        if lhs.state.kind != rhs.state.kind { return lhs.state.kind < rhs.state.kind }
        if (lhs.daysOverdue ?? 0) != (rhs.daysOverdue ?? 0) { return (lhs.daysOverdue ?? 0) > (rhs.daysOverdue ?? 0) }
        return lhs.window.due < rhs.window.due
    }
}
