import Foundation

/// One time a rule's trigger fired: the referral, a certification period, the second transfer, a verbal order.
struct TriggerOccurrence: Sendable {
    var number: Int
    /// The day (and instant, when known) of what started the clock: the `event` anchor.
    var day: CalendarDate
    var instant: Date?
    var period: CertificationPeriod?
    /// What triggered it, for the explanation: "start of care was 2026-11-23".
    var because: String
    /// Set when the facts show the rule does not apply to this occurrence.
    var notApplicable: String?
    /// The one record this occurrence is about (a verbal order's id); only a record with this subject satisfies it.
    var subject: String?
    /// The physician-ordered date of the event (a resumption), the `ordered_date` anchor.
    var orderedDate: CalendarDate?
    /// What else the reader needs, after the status (an OASIS transmission's history: submitted, rejected and why).
    var note: String?

    init(number: Int, event: EpisodeFacts.Event, period: CertificationPeriod? = nil, because: String) {
        self.init(number: number, day: event.event.date, instant: event.instant, period: period, because: because)
        orderedDate = event.orderedDate
    }

    init(number: Int, day: CalendarDate, instant: Date?, period: CertificationPeriod? = nil, because: String, subject: String? = nil) {
        self.number = number
        self.day = day
        self.instant = instant
        self.period = period
        self.because = because
        self.subject = subject
    }
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
                var occurrence = TriggerOccurrence(number: index + 1, event: event,
                                                   because: "the transfer to an inpatient facility was recorded on \(event.event.date)")
                if let minimum = rule.minimumStayHours, let index = facts.events.firstIndex(of: event) {
                    let back = facts.events[(index + 1)...].first { $0.event.kind == .resumption }
                    occurrence.notApplicable = shortStay(from: event, to: back, minimumHours: minimum)
                }
                return occurrence
            }
        case .resumption:
            return matching(.resumption).enumerated().map { index, event in
                resumption(number: index + 1, event, in: facts, minimumStayHours: rule.minimumStayHours)
            }
        case .discharge:
            return matching(.discharge).prefix(1).map { event in
                var occurrence = TriggerOccurrence(number: 1, event: event, because: "the patient was discharged on \(event.event.date)")
                occurrence.notApplicable = dischargeException(rule, event, in: facts)
                return occurrence
            }
        case .deathAtHome:
            return matching(.discharge).prefix(1).filter(\.diedAtHome).map { event in
                TriggerOccurrence(number: 1, event: event, because: "the patient died at home on \(event.event.date)")
            }
        case .oasisAssessment:
            return oasisTransmissions(in: facts)
        case .verbalOrder:
            return orders(facts.verbalOrders, in: facts, what: "a verbal order was taken")
        case .planChange:
            return orders(facts.planChanges, in: facts, what: "a change to the plan of care was sent to the physician")
        case .plannedDischarge:
            return careEvents(.plannedDischarge, for: rule, in: facts)
        case .careReduction:
            return careEvents(.careReduction, for: rule, in: facts)
        case .significantChange:
            return careEvents(.significantChange, for: rule, in: facts)
        }
    }

    /// Why a discharge rule is not owed for this discharge, or nil: a death at home (the death-at-home OASIS replaces the
    /// discharge assessment), or a discharge while the patient is still in the inpatient facility after a transfer (the
    /// transfer OASIS was the last one; CMS OASIS Guidance Manual, Chapter 1).
    private func dischargeException(_ rule: ObligationRule, _ discharge: EpisodeFacts.Event, in facts: EpisodeFacts) -> String? {
        if rule.notOwedWhen.contains(.deathAtHome) && discharge.diedAtHome {
            return "the patient died at home on \(discharge.event.date); the death-at-home assessment (OASIS RFA 8) is owed instead"
        }
        guard rule.notOwedWhen.contains(.dischargedFromInpatient), let index = facts.events.firstIndex(of: discharge),
              let move = facts.events[..<index].last(where: { [.transfer, .resumption].contains($0.event.kind) }), move.event.kind == .transfer
        else { return nil }
        return "the patient was discharged on \(discharge.event.date) while still in the inpatient facility (transferred on "
            + "\(move.event.date)); the transfer assessment closes the episode and no discharge assessment follows a transfer"
    }

    /// One occurrence per signed OASIS assessment (a correction is its own), in the order completed, each counted from the
    /// day it was completed; its submission history goes in the note [42 CFR 484.45(a)].
    private func oasisTransmissions(in facts: EpisodeFacts) -> [TriggerOccurrence] {
        let assessments = facts.oasisAssessments.enumerated()
            .sorted { ($0.element.completedOn, $0.offset) < ($1.element.completedOn, $1.offset) }.map(\.element)
        return assessments.enumerated().map { index, assessment in
            let corrected = assessment.corrects == nil ? "" : " (a correction, to be transmitted again)"
            var occurrence = TriggerOccurrence(number: index + 1, day: assessment.completedOn, instant: nil,
                                               because: "\(assessment.label) was completed on \(assessment.completedOn)\(corrected)",
                                               subject: assessment.id)
            occurrence.note = OASISSubmission.history(facts.oasisSubmissions.filter { $0.assessmentID == assessment.id })
            return occurrence
        }
    }

    /// One occurrence per order (verbal, or a change to the plan), in the order taken or sent, each in the certification
    /// period it was taken in (one before start of care belongs to period 1); none before start of care is known.
    private func orders(_ list: [EpisodeFacts.VerbalOrder], in facts: EpisodeFacts, what: String) -> [TriggerOccurrence] {
        guard let soc = facts.first(.admission)?.event.date else { return [] }
        let orders = list.enumerated().sorted { ($0.element.takenOn, $0.offset) < ($1.element.takenOn, $1.offset) }.map(\.element)
        return orders.enumerated().map { index, order in
            let period = CertificationPeriod.containing(order.takenOn, startOfCare: soc) ?? CertificationPeriod(number: 1, startOfCare: soc)
            let taken = order.instant.map { "at \(timeText($0))" } ?? "on \(order.takenOn)"
            return TriggerOccurrence(number: index + 1, day: order.takenOn, instant: order.instant, period: period,
                                     because: "\(what) \(taken) in certification period \(period.number)",
                                     subject: order.id)
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
        occurrence.notApplicable = shortStay(from: transfer, to: event, minimumHours: minimum)
        return occurrence
    }

    /// Why an inpatient stay needs no OASIS, or nil: a stay for diagnostic tests only, or one shorter than the minimum
    /// (by the recorded times, or, with dates alone, leaving and returning the same day) [42 CFR 484.55(d)(2)].
    /// A stay with no return yet counts as long: the patient may still be in hospital.
    func shortStay(from transfer: EpisodeFacts.Event, to back: EpisodeFacts.Event?, minimumHours minimum: Int) -> String? {
        if transfer.diagnosticOnly { return "the inpatient stay that began \(text(for: transfer)) was for diagnostic tests only" }
        guard let back else { return nil }
        if let left = transfer.instant, let returned = back.instant {
            let hours = returned.timeIntervalSince(left) / 3600
            return hours < Double(minimum) ? "the inpatient stay lasted \(Int(hours)) hours, under \(minimum)" : nil
        }
        // Leaving and returning on the same calendar day is always under 24 hours.
        return transfer.event.date == back.event.date
            ? "the patient left and returned on the same day (\(back.event.date)), under \(minimum) hours" : nil
    }

    /// "2026-11-20 14:05 EST" when the instant is known, else "on 2026-11-20".
    func text(for event: EpisodeFacts.Event) -> String {
        event.instant.map { "at \(timeText($0))" } ?? "on \(event.event.date)"
    }
}
