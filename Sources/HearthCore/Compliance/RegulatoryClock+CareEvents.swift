import Foundation

extension RegulatoryClock {
    /// One occurrence per recorded change of the kind, in date order, about that change (only a notice or record naming it
    /// meets it). A notice is not owed when the patient chose to end the care and the rule allows it, nor after a death at
    /// home [42 CFR 484.50(d)(6)]; a significant change in days 56–60 of a certification period is met by the
    /// recertification (CMS OASIS Q&A: the RFA 4 is completed instead of the RFA 5). A discharge planned again (recorded
    /// later) replaces the earlier plan.
    func careEvents(_ kind: CareEvent.Kind, for rule: ObligationRule, in facts: EpisodeFacts) -> [TriggerOccurrence] {
        let events = facts.careEvents.enumerated().filter { $0.element.kind == kind }
            .sorted { ($0.element.on, $0.offset) < ($1.element.on, $1.offset) }.map(\.element)
        let death = facts.first(.discharge).flatMap { $0.diedAtHome ? $0.event.date : nil }
        // A discharge planned again replaces the earlier plan: the notices are owed before the latest planned day.
        let latestPlan = kind == .plannedDischarge ? facts.careEvents.last { $0.kind == .plannedDischarge } : nil
        return events.enumerated().map { index, event in
            // A notice names its change; an assessment after a significant change is any comprehensive follow-up in the window.
            var occurrence = TriggerOccurrence(number: index + 1, day: event.on, instant: nil, because: event.label,
                                               subject: kind == .significantChange ? nil : event.id)
            if let latestPlan, latestPlan.id != event.id {
                occurrence.notApplicable = "the discharge was planned again, for \(latestPlan.on); the notices are owed before that day"
            } else if event.exception == .patientElected && rule.notOwedWhen.contains(.patientElected) {
                occurrence.notApplicable = "\(event.exception!.title.lowercased()) (\(event.detail)), so no advance notice is owed"
            } else if let death, kind != .significantChange, death <= event.on {
                occurrence.notApplicable = "the patient died at home on \(death), before the planned change"
            }
            return occurrence
        }
    }
}
