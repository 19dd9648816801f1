import Foundation

/// The regulatory clock: computes every obligation an episode owes from its facts and the rule table,
/// with windows counted in the agency's time zone.
public struct RegulatoryClock: Sendable {
    public var rules: RuleBook
    public var timeZone: TimeZone
    /// An open obligation is "due soon" when its due day is at most this many days after today.
    public var dueSoonDays: Int
    /// Instruments marked `comprehensiveAssessment` in their data: an assessment signed on one of them is a
    /// comprehensive assessment [42 CFR 484.55(c)]. Set from the instrument catalog at start-up.
    public var comprehensiveInstruments: Set<String>

    public init(rules: RuleBook, timeZone: TimeZone, dueSoonDays: Int = 1,
                comprehensiveInstruments: Set<String> = [AssessmentKind.comprehensiveInstrumentID]) {
        self.rules = rules
        self.timeZone = timeZone
        self.dueSoonDays = dueSoonDays
        self.comprehensiveInstruments = comprehensiveInstruments
    }

    /// Every obligation of the episode as it stands at `now`, rule by rule in table order.
    public func obligations(for facts: EpisodeFacts, now: Date) -> [Obligation] {
        let today = CalendarDate(now, in: timeZone)
        return rules.rules.flatMap { rule in obligations(of: rule, facts: facts, now: now, today: today) }
    }

    private func obligations(of rule: ObligationRule, facts: EpisodeFacts, now: Date, today: CalendarDate) -> [Obligation] {
        let timed = occurrences(of: rule, in: facts, today: today).compactMap { window(for: rule, $0, facts: facts) }
        let records = facts.records + facts.oasisSubmissions.compactMap(\.record) + facts.notices.map(\.record)
        let matches = match(records.filter(rule.accepts), to: timed.map(\.window),
                            subjects: timed.map(\.occurrence.subject), periods: timed.map(\.occurrence.period?.number))
        return timed.enumerated().map { index, item in
            let key = Obligation.key(rule: rule.id, occurrence: item.occurrence.number)
            var occurrence = item.occurrence
            occurrence.notApplicable = occurrence.notApplicable ?? rule.notOwed(by: facts.payers)
                ?? endingEvent(of: rule, in: facts, window: item.window)
            let state = state(of: key, occurrence, window: item.window, match: matches[index],
                              waivers: facts.waivers, now: now, today: today)
            var obligation = Obligation(key: key, ruleID: rule.id, occurrence: occurrence.number, title: rule.title,
                                        citation: rule.citation, window: item.window, state: state, explanation: "")
            obligation.explanation = explanation(of: obligation, rule: rule, because: occurrence.because, record: matches[index]?.record)
                + (occurrence.note.map { " " + $0 } ?? "")
            obligation.subject = occurrence.subject
            return obligation
        }
    }

    /// The window from the first rule window whose anchor is known; the ordered SOC date replaces the 48 hours.
    private func window(for rule: ObligationRule, _ occurrence: TriggerOccurrence, facts: EpisodeFacts) -> (occurrence: TriggerOccurrence, window: Obligation.Window)? {
        var occurrence = occurrence
        for spec in rule.windows {
            let anchor: (day: CalendarDate, instant: Date?)?
            switch spec.anchor {
            case .event: anchor = (occurrence.day, occurrence.instant)
            case .periodStart: anchor = occurrence.period.map { ($0.start, nil) }
            case .periodEnd: anchor = occurrence.period.map { ($0.end, nil) }
            case .orderedDate:
                anchor = occurrence.orderedDate.map { ($0, nil) }
                if let ordered = occurrence.orderedDate {
                    occurrence.because += "; the physician ordered care resumed on \(ordered)"
                }
            case .orderedStartOfCare:
                anchor = facts.orderedStartOfCare.map { ($0, nil) }
                if let ordered = facts.orderedStartOfCare {
                    occurrence.because = "the physician ordered start of care for \(ordered) (\(occurrence.because))"
                }
            }
            guard let anchor else { continue }
            return (occurrence, window(spec, day: anchor.day, instant: anchor.instant))
        }
        return nil
    }

    func window(_ spec: ObligationRule.Window, day: CalendarDate, instant: Date?) -> Obligation.Window {
        switch spec.unit {
        case .days:
            let opensDay = day.adding(days: spec.opens), dueDay = day.adding(days: spec.due)
            return .init(from: opensDay, through: dueDay, in: timeZone)
        case .businessDays:
            let opensDay = rules.holidays.adding(businessDays: spec.opens, to: day)
            let dueDay = rules.holidays.adding(businessDays: spec.due, to: day)
            return .init(from: opensDay, through: dueDay, in: timeZone, unit: .businessDays)
        case .hours:
            guard let base = instant else {
                // Only the date is known: count calendar days as CMS does (the 48 hours end with the second day after),
                // so an unrecorded time never becomes a midnight that moves the deadline a day early.
                let opensDay = day.adding(days: Int((Double(spec.opens) / 24).rounded(.down)))
                let dueDay = day.adding(days: Int((Double(spec.due) / 24).rounded(.up)))
                return .init(from: opensDay, through: dueDay, in: timeZone, hoursCountedAsDays: spec.due)
            }
            // Elapsed hours: across a clock change the wall-clock due time moves, the duration does not.
            let opens = base.addingTimeInterval(Double(spec.opens) * 3600), due = base.addingTimeInterval(Double(spec.due) * 3600)
            return .init(opens: opens, due: due, opensDay: CalendarDate(opens, in: timeZone),
                         dueDay: CalendarDate(due.addingTimeInterval(-0.001), in: timeZone), unit: .hours)
        }
    }


    /// The reason an ending event (a discharge before the recertification window closes) makes the rule moot.
    private func endingEvent(of rule: ObligationRule, in facts: EpisodeFacts, window: Obligation.Window) -> String? {
        guard let ending = facts.events.first(where: { rule.endedBy.contains($0.event.kind) && $0.event.date <= window.dueDay })
        else { return nil }
        return "\(ending.event.kind.title.lowercased()) on \(ending.event.date), before the window closed on \(window.dueDay)"
    }

    private func state(of key: String, _ occurrence: TriggerOccurrence, window: Obligation.Window, match: RecordMatch?,
                       waivers: [Waiver], now: Date, today: CalendarDate) -> Obligation.State {
        if let match { return .met(recordID: match.record.id, late: match.late) }
        if let reason = occurrence.notApplicable { return .notApplicable(reason: reason) }
        if let waiver = waivers.last(where: { $0.obligationKey == key }) { return .waived(reason: waiver.reason, by: waiver.waivedBy) }
        if now < window.opens { return .upcoming }
        if now >= window.due { return .overdue(days: max(0, window.dueDay.days(until: today))) }
        return today.days(until: window.dueDay) <= dueSoonDays ? .dueSoon : .open
    }
}
