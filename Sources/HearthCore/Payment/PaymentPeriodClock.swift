import Foundation

/// One 30-day period as the case manager reads it: its dates, timing and admission source, the LUPA count, and
/// what still holds its final claim, with the two obligations the compliance lists carry.
public struct PaymentPeriodStatus: Sendable, Equatable {
    public var period: PaymentPeriod
    public var timing: PeriodTiming
    public var timingBecause: String
    public var admissionSource: AdmissionSource
    /// Why: derived from the recorded returns home, or "recorded by the case manager".
    public var admissionBecause: String
    public var entry: PaymentPeriodEntry?
    public var lupa: LUPACount
    /// What must be signed before the period's final claim, in words; empty when nothing holds it.
    public var claimBlockers: [String]
    /// The final-claim signatures and LUPA visit obligations of the period.
    public var obligations: [Obligation]
}

/// PDGM 30-day periods inside each 60-day certification period [42 CFR 484.205], with the signatures their final
/// claims need [42 CFR 409.43(c)] and the LUPA visit count, computed from the episode's facts and visits.
public struct PaymentPeriodClock: Sendable {
    public static let finalClaimRuleID = "final-claim-signatures"
    public static let lupaRuleID = "lupa-visits"
    public static let ruleIDs = [finalClaimRuleID, lupaRuleID]
    static let claimCitation = "42 CFR 409.43(c); 42 CFR 484.205"
    static let lupaCitation = "42 CFR 484.205 (low-utilization payment adjustment)"

    public var timeZone: TimeZone
    public var dueSoonDays: Int

    public init(timeZone: TimeZone, dueSoonDays: Int = 1) {
        self.timeZone = timeZone
        self.dueSoonDays = dueSoonDays
    }

    /// Every 30-day period of the episode: through the discharge, or while open through the end of the certification
    /// period today falls in (both halves show). None before start of care.
    public func statuses(facts: EpisodeFacts, visits: [PeriodVisit], entries: [Int: PaymentPeriodEntry] = [:],
                         previousCareEnded: CalendarDate? = nil, now: Date) -> [PaymentPeriodStatus] {
        guard let soc = facts.first(.admission)?.event.date else { return [] }
        let today = CalendarDate(now, in: timeZone)
        let discharge = facts.first(.discharge)?.event.date
        let last: Int
        if let discharge { last = PaymentPeriod.containing(discharge, startOfCare: soc)?.number ?? 1 }
        else { last = (PaymentPeriod.containing(today, startOfCare: soc)?.certificationPeriod ?? 1) * 2 }
        let returnsHome = facts.events.filter { $0.event.kind == .resumption }.map(\.event.date)
        return (1...last).map { number in
            var period = PaymentPeriod(number: number, startOfCare: soc)
            if let discharge, discharge < period.end { period.end = max(discharge, period.start) }
            return status(of: period, soc: soc, facts: facts, visits: visits, entry: entries[number],
                          previousCareEnded: previousCareEnded, returnsHome: returnsHome, now: now, today: today)
        }
    }

    private func status(of period: PaymentPeriod, soc: CalendarDate, facts: EpisodeFacts, visits: [PeriodVisit], entry: PaymentPeriodEntry?,
                        previousCareEnded: CalendarDate?, returnsHome: [CalendarDate], now: Date, today: CalendarDate) -> PaymentPeriodStatus {
        let timing = PeriodTiming.of(period: period.number, startOfCare: soc, previousCareEnded: previousCareEnded)
        var admission = AdmissionSource.derived(for: period, returnsHome: returnsHome)
        if let recorded = entry?.admissionSource { admission = (recorded, "recorded by the case manager") }
        let lupa = LUPACount(period: period, threshold: entry?.lupaThreshold, visits: visits, today: today)
        let blockers = claimBlockers(period, facts: facts)
        let notOwed = Self.notOwed(by: facts.payers)
        let obligations = [
            claimObligation(period, blockers: blockers, facts: facts, notOwed: notOwed, now: now, today: today),
            lupaObligation(period, lupa: lupa, entry: entry, waivers: facts.waivers, notOwed: notOwed, now: now, today: today),
        ]
        return PaymentPeriodStatus(period: period, timing: timing.timing, timingBecause: timing.because, admissionSource: admission.source,
                                   admissionBecause: admission.because, entry: entry, lupa: lupa, claimBlockers: blockers, obligations: obligations)
    }

    /// PDGM is Medicare fee-for-service's payment model: a patient paid for by other programs only owes neither rule.
    public static func notOwed(by programs: Set<PayerProgram>?) -> String? {
        guard let programs, !programs.isEmpty, !programs.contains(.medicare) else { return nil }
        return "the patient's care is paid by \(programs.sorted().map(\.shortTitle).joined(separator: " and ")); 30-day periods are Medicare's"
    }

    /// The signed plan of care of the period's certification period, and every verbal order and plan change taken by its
    /// last day, must be signed before its final claim [42 CFR 409.43(c)].
    func claimBlockers(_ period: PaymentPeriod, facts: EpisodeFacts) -> [String] {
        var blockers: [String] = []
        if planSignature(for: period, in: facts) == nil {
            blockers.append("the plan of care for certification period \(period.certificationPeriod) is not signed")
        }
        let signed = Set(facts.records.filter { $0.kind == .verbalOrderSigned || $0.kind == .planChangeSigned }.compactMap(\.subject))
        let verbal = facts.verbalOrders.filter { $0.takenOn <= period.end && !signed.contains($0.id) }
        let changes = facts.planChanges.filter { $0.takenOn <= period.end && !signed.contains($0.id) }
        if !verbal.isEmpty { blockers.append(Self.unsigned(verbal, what: "verbal order", verb: "taken")) }
        if !changes.isEmpty { blockers.append(Self.unsigned(changes, what: "change to the plan of care", verb: "sent")) }
        return blockers
    }

    private static func unsigned(_ orders: [EpisodeFacts.VerbalOrder], what: String, verb: String) -> String {
        let days = orders.map(\.takenOn).sorted().map(\.description).joined(separator: ", ")
        return orders.count == 1 ? "the \(what) \(verb) \(days) is not signed" : "\(orders.count) \(what)s \(verb) \(days) are not signed"
    }

    func planSignature(for period: PaymentPeriod, in facts: EpisodeFacts) -> ComplianceRecord? {
        facts.records.first { $0.kind == .planOfCareSigned && ($0.subject == "period:\(period.certificationPeriod)" || $0.subject == nil) }
    }
}
