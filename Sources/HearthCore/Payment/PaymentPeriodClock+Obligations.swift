import Foundation

extension PaymentPeriodClock {
    /// "Signatures for the final claim": open through the period, met once nothing holds the claim.
    func claimObligation(_ period: PaymentPeriod, blockers: [String], facts: EpisodeFacts, notOwed: String?, now: Date, today: CalendarDate) -> Obligation {
        let key = Obligation.key(rule: Self.finalClaimRuleID, occurrence: period.number)
        let window = window(period)
        var state: Obligation.State
        if blockers.isEmpty, let plan = planSignature(for: period, in: facts) {
            let orderSignatures = facts.records.filter { $0.kind == .verbalOrderSigned || $0.kind == .planChangeSigned }.map(\.date)
            state = .met(recordID: plan.id, late: (orderSignatures + [plan.date]).max().map { $0 > period.end } ?? false)
        } else {
            state = timedState(window, now: now, today: today)
        }
        if !state.isMet { state = notOwed.map { .notApplicable(reason: $0) } ?? waived(key, facts.waivers) ?? state }
        let standing = blockers.isEmpty ? "Nothing holds the final claim." : "Still to sign before the final claim: \(blockers.joined(separator: "; "))."
        let explanation = "\(period.description.capitalizedFirst) (the \(period.half) 30 days of certification period \(period.certificationPeriod)). "
            + "Its final claim is sent only once the plan of care is signed and every order taken in the period is signed "
            + "[\(Self.claimCitation)]; on time when signed by \(period.end), the period's last day. \(standing)"
        return Obligation(key: key, ruleID: Self.finalClaimRuleID, occurrence: period.number,
                          title: "Signatures for the final claim, 30-day period \(period.number)", citation: Self.claimCitation,
                          window: window, state: state, explanation: explanation)
    }

    /// "LUPA visits": met when the threshold is reached; due soon while at risk or with no threshold recorded; overdue
    /// (until a supervisor waives it with a reason) when the period ended below it.
    func lupaObligation(_ period: PaymentPeriod, lupa: LUPACount, entry: PaymentPeriodEntry?, waivers: [Waiver], notOwed: String?,
                        now: Date, today: CalendarDate) -> Obligation {
        let key = Obligation.key(rule: Self.lupaRuleID, occurrence: period.number)
        let window = window(period)
        var state: Obligation.State = switch lupa.standing {
        case .upcoming: .upcoming
        case .reached: .met(recordID: "visits:\(period.number)", late: false)
        case .onTrack: .open
        case .atRisk, .noThreshold: today > period.end ? .overdue(days: period.end.days(until: today)) : .dueSoon
        case .below: .overdue(days: period.end.days(until: today))
        }
        if !state.isMet { state = notOwed.map { .notApplicable(reason: $0) } ?? waived(key, waivers) ?? state }
        let threshold = lupa.threshold.map { visits in
            "Its LUPA threshold is \(visits) visits" + (entry?.caseMixGroup.map { " for case-mix group \($0)" } ?? "")
                + (entry?.thresholdSource.map { " (\($0))" } ?? "") + "."
        } ?? "No case-mix group or LUPA threshold is recorded for it yet; record one from the grouper."
        let explanation = "\(period.description.capitalizedFirst). \(threshold) Fewer visits than the threshold in the period and Medicare pays "
            + "per visit instead of the 30-day payment [\(Self.lupaCitation)]. Now: \(lupa.summary)."
        return Obligation(key: key, ruleID: Self.lupaRuleID, occurrence: period.number, title: "LUPA visits, 30-day period \(period.number)",
                          citation: Self.lupaCitation, window: window, state: state, explanation: explanation)
    }

    private func timedState(_ window: Obligation.Window, now: Date, today: CalendarDate) -> Obligation.State {
        if now < window.opens { return .upcoming }
        if now >= window.due { return .overdue(days: max(0, window.dueDay.days(until: today))) }
        return today.days(until: window.dueDay) <= dueSoonDays ? .dueSoon : .open
    }

    private func waived(_ key: String, _ waivers: [Waiver]) -> Obligation.State? {
        waivers.last { $0.obligationKey == key }.map { .waived(reason: $0.reason, by: $0.waivedBy) }
    }

    /// From the period's first day to the midnight ending its last, in the agency's zone.
    func window(_ period: PaymentPeriod) -> Obligation.Window {
        .init(from: period.start, through: period.end, in: timeZone)
    }

}

extension Obligation.State {
    var isMet: Bool { if case .met = self { true } else { false } }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
