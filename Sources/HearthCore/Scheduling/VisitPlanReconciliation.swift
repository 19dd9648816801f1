/// A visit of the discipline already on the patient's calendar when the plan is scheduled again.
public struct BookedVisit: Sendable, Hashable {
    public var id: String
    public var date: CalendarDate
    /// Booked by an earlier scheduling from the plan, not started and still ahead: scheduling again may cancel it when
    /// the order no longer asks for it. Visits booked by hand, made, missed or under way are never replaceable.
    public var replaceable: Bool

    public init(id: String, date: CalendarDate, replaceable: Bool) {
        self.id = id
        self.date = date
        self.replaceable = replaceable
    }
}

/// What scheduling the plan again has left to do once the visits already on the calendar are counted.
public struct PlanReconciliation: Sendable, Equatable {
    /// Ordered visits no visit on the calendar stands for yet.
    public var toBook: [PlannedVisit]
    /// Ids of replaceable visits the order no longer asks for (more in a week than ordered, or after the order ends).
    public var surplus: [String]
}

extension VisitPlanGenerator {
    /// Counts the visits on the calendar against the plan week by week: each stands for the ordered visit of its week
    /// nearest to it (a visit booked by hand on Tuesday stands for the one planned for Monday), hand-booked and made
    /// visits first, so scheduling again neither doubles a week nor drops what a scheduler booked.
    public func reconcile(_ plan: DisciplineVisitPlan, with calendar: [BookedVisit]) -> PlanReconciliation {
        var open = plan.visits
        var surplus: [String] = []
        let byDate: (BookedVisit, BookedVisit) -> Bool = { $0.date < $1.date }
        let fixed: [BookedVisit] = calendar.filter { !$0.replaceable }.sorted(by: byDate)
        let replaceable: [BookedVisit] = calendar.filter(\.replaceable).sorted(by: byDate)
        for visit in fixed + replaceable {
            let week = week(of: visit.date)
            let distance: (Int) -> (Int, CalendarDate) = { (abs(open[$0].date.days(until: visit.date)), open[$0].date) }
            let nearest = open.indices.filter { open[$0].week == week }.min { distance($0) < distance($1) }
            if let nearest {
                open.remove(at: nearest)
            } else if visit.replaceable {
                surplus.append(visit.id)
            }
        }
        return PlanReconciliation(toBook: open, surplus: surplus)
    }
}
