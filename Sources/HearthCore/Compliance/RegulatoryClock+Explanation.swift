import Foundation

extension RegulatoryClock {
    /// "Comprehensive assessment due by 2026-11-28 because start of care was 2026-11-23; 42 CFR 484.55(b)(1):
    /// within 5 calendar days after start of care (start of care is day 0). Met by start-of-care assessment a1 on 2026-11-25."
    func explanation(of obligation: Obligation, rule: ObligationRule, because: String, record: ComplianceRecord?) -> String {
        let window = obligation.window
        let due = dueText(window)
        let opens = window.unit == .hours ? timeText(window.opens) : "\(window.opensDay)"
        let lead = "\(rule.title) due by \(due) because \(because); \(rule.citation): \(rule.requirement)."
        let span = "The window runs from \(opens) to \(due)."
        let satisfies = "Satisfied by \(Self.list(rule.satisfiedBy.map { "a \($0)" })) dated in the window."
        let status: String = switch obligation.state {
        case .met(_, let late):
            "Met\(late ? " late" : "") by \(record.map { "\($0.kind) \($0.id) on \($0.date)" } ?? "a record")."
        case .upcoming: "Not open yet. \(satisfies)"
        case .open, .dueSoon: "Open now. \(satisfies)"
        case .overdue(let days):
            "Overdue\(days == 0 ? " since \(due)" : " by \(days) day\(days == 1 ? "" : "s")"). \(satisfies)"
        case .waived(let reason, let by): "Waived by \(by): \(reason)."
        case .notApplicable(let reason): "Not applicable: \(reason)."
        }
        return [lead, span, status].joined(separator: " ")
    }

    /// A day or business-day window is due by the end of its last day; an hour window by its exact instant.
    func dueText(_ window: Obligation.Window) -> String {
        window.unit == .hours ? timeText(window.due) : "\(window.dueDay)"
    }

    /// "2026-11-02 11:00 UTC-5": the agency's wall clock with its offset, so a clock change is visible
    /// (an offset, not "EST", because zone abbreviations differ between platforms).
    func timeText(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        let offset = timeZone.secondsFromGMT(for: instant) / 60
        let zone = "UTC" + (offset < 0 ? "-" : "+") + "\(abs(offset) / 60)" + (offset % 60 == 0 ? "" : String(format: ":%02d", abs(offset) % 60))
        return "\(CalendarDate(instant, in: timeZone)) " + String(format: "%02d:%02d", parts.hour!, parts.minute!) + " \(zone)"
    }

    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }
}
