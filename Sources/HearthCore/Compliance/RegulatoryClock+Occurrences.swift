import Foundation

/// One time a rule's trigger fired: the referral, a certification period, the second transfer.
struct TriggerOccurrence: Sendable {
    var number: Int
    /// The event that started the clock.
    var event: EpisodeFacts.Event
    var period: CertificationPeriod?
    /// What triggered it, for the explanation: "start of care was 2026-11-23".
    var because: String
    /// Set when the facts show the rule does not apply to this occurrence.
    var notApplicable: String?
}

extension RegulatoryClock {
    /// Every time the rule's trigger fired in the episode, in order.
    func occurrences(of rule: ObligationRule, in facts: EpisodeFacts, today: CalendarDate) -> [TriggerOccurrence] {
        let matching = { (kind: EpisodeEvent.Kind) in facts.events.filter { $0.event.kind == kind } }
        switch rule.trigger {
        case .referral:
            return matching(.referral).prefix(1).map { TriggerOccurrence(number: 1, event: $0, because: "the referral was received \(text(for: $0))") }
        case .startOfCare:
            return matching(.admission).prefix(1).map { TriggerOccurrence(number: 1, event: $0, because: "start of care was \($0.event.date)") }
        case .certificationPeriod:
            return periods(in: facts, today: today)
        case .transfer:
            return matching(.transfer).enumerated().map { index, event in
                TriggerOccurrence(number: index + 1, event: event, because: "the transfer to an inpatient facility was recorded on \(event.event.date)")
            }
        case .resumption:
            return matching(.resumption).enumerated().map { index, event in
                resumption(number: index + 1, event, in: facts, minimumStayHours: rule.minimumStayHours)
            }
        case .discharge:
            return matching(.discharge).prefix(1).map { TriggerOccurrence(number: 1, event: $0, because: "the patient was discharged on \($0.event.date)") }
        }
    }

    /// One occurrence per 60-day period the episode was open in: from start of care to discharge, or to today,
    /// and, while it is open, every period the physician has already certified (so a recertification shows the next deadline).
    private func periods(in facts: EpisodeFacts, today: CalendarDate) -> [TriggerOccurrence] {
        guard let admission = facts.first(.admission) else { return [] }
        let soc = admission.event.date
        let discharged = facts.first(.discharge) != nil
        let lastOpenDay = facts.first(.discharge)?.event.date ?? today
        guard let reached = CertificationPeriod.containing(lastOpenDay, startOfCare: soc) else { return [] }
        let certified = 1 + facts.events.filter { $0.event.kind == .recertification }.count
        let last = discharged ? reached.number : max(reached.number, certified)
        return (1...last).map { number in
            let period = CertificationPeriod(number: number, startOfCare: soc)
            return TriggerOccurrence(number: number, event: admission, period: period,
                              because: "certification period \(number) runs \(period.start) – \(period.end)")
        }
    }

    /// A return home; a stay known to be shorter than the minimum needs no resumption assessment [42 CFR 484.55(d)(2)].
    private func resumption(number: Int, _ event: EpisodeFacts.Event, in facts: EpisodeFacts, minimumStayHours: Int?) -> TriggerOccurrence {
        var occurrence = TriggerOccurrence(number: number, event: event, because: "the patient returned home \(text(for: event))")
        guard let minimum = minimumStayHours,
              let index = facts.events.firstIndex(of: event),
              let transfer = facts.events[..<index].last(where: { $0.event.kind == .transfer })
        else { return occurrence }
        occurrence.because += " after an inpatient stay that began \(text(for: transfer))"
        if let left = transfer.instant, let back = event.instant {
            let hours = back.timeIntervalSince(left) / 3600
            if hours < Double(minimum) {
                occurrence.notApplicable = "the inpatient stay lasted \(Int(hours)) hours, under \(minimum)"
            }
        } else if transfer.event.date == event.event.date {
            // Leaving and returning on the same calendar day is always under 24 hours.
            occurrence.notApplicable = "the patient left and returned on the same day (\(event.event.date)), under \(minimum) hours"
        }
        return occurrence
    }

    /// "2026-11-20 14:05 EST" when the instant is known, else "on 2026-11-20".
    func text(for event: EpisodeFacts.Event) -> String {
        event.instant.map { "at \(timeText($0))" } ?? "on \(event.event.date)"
    }
}
