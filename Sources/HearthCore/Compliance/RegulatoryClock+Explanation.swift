import Foundation

extension RegulatoryClock {
    /// "Comprehensive assessment due by 2026-11-28 because start of care was 2026-11-23; 42 CFR 484.55(b)(1):
    /// within 5 calendar days after start of care (start of care is day 0). Met by start-of-care assessment a1 on 2026-11-25."
    func explanation(of obligation: Obligation, rule: ObligationRule, because: String, record: ComplianceRecord?) -> String {
        let window = obligation.window
        let due = dueText(window)
        let opens = window.unit == .hours ? timeText(window.opens) : "\(window.opensDay)"
        let lead = "\(rule.title) due by \(due) because \(because); \(rule.citation): \(rule.requirement)."
        let span = "The window runs from \(opens) to \(due)." + businessDayNote(window) + calendarDayNote(window)
        let content = rule.comprehensiveOnly ? " on an instrument with the comprehensive assessment's content (the comprehensive home assessment)" : ""
        let satisfies = "Satisfied by \(Self.list(rule.satisfiedBy.map { "a \($0)" }))\(content) dated in the window."
        let status: String = switch obligation.state {
        case .met(_, let late):
            "Met\(late ? " late" : "") by \(record.map(name) ?? "a record")."
        case .upcoming: "Not open yet. \(satisfies)"
        case .open, .dueSoon: "Open now. \(satisfies)"
        case .overdue(let days):
            "Overdue\(days == 0 ? " since \(due)" : " by \(days) day\(days == 1 ? "" : "s")"). \(satisfies)"
        case .waived(let reason, let by): "Waived by \(by): \(reason)."
        case .notApplicable(let reason): "Not applicable: \(reason)."
        }
        return [lead, span, status].joined(separator: " ")
    }

    /// Which holidays a business-day window skipped, so a compliance officer can check the count by hand.
    func businessDayNote(_ window: Obligation.Window) -> String {
        guard window.unit == .businessDays else { return "" }
        let calendar = rules.holidays
        let skipped = calendar.holidays(after: window.opensDay, through: window.dueDay)
        let note = skipped.isEmpty ? "" : " It skips \(Self.list(skipped.map { "\($0.name) (\($0.day))" }))."
        let covered = calendar.covers(window.opensDay) && calendar.covers(window.dueDay)
        return " Business days are Monday to Friday less observed holidays (\(calendar.name))." + note
            + (covered ? "" : " The holiday calendar does not cover this date; only weekends were skipped, so check it by hand.")
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

    /// Why an hours rule shows a due day instead of a due time: only the date of what started it is known.
    func calendarDayNote(_ window: Obligation.Window) -> String {
        guard let hours = window.hoursCountedAsDays else { return "" }
        let days = Int((Double(hours) / 24).rounded(.up))
        let ordinal = [1: "first", 2: "second", 3: "third"][days] ?? "\(days)th"
        return " Only the date is known, not the time, so the \(hours) hours are counted in calendar days as CMS counts them:"
            + " by the end of the \(ordinal) day after (\(window.dueDay))."
    }

    /// A record as a person names it: its label ("start-of-care assessment (comprehensive home assessment) signed
    /// 2026-11-25 by Ana Ruiz, RN") or, without one, its kind and date; never a bare id. An assessment with a visit time
    /// says when the visit was made and when it was signed, which is what an hours rule and a reader both need.
    func name(_ record: ComplianceRecord) -> String {
        let name = record.label ?? "the \(record.kind) dated \(record.date)"
        guard let visit = record.visitedAt else { return name }
        let signed = record.instant.map { ", signed \(CalendarDate($0, in: timeZone))" } ?? ""
        return "\(name) (visit made \(timeText(visit))\(signed))"
    }

    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }
}
