/// How bad a side effect is, as the patient or nurse reports it.
public enum SideEffectSeverity: String, Sendable, Hashable, Codable, CaseIterable {
    case mild, moderate, severe

    /// The severity as a form shows it.
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// A suspected side effect, checked: the symptom, how bad, the medication suspected, when reported, what was done.
public struct SideEffectReport: Sendable, Hashable, Codable {
    public var symptom: String
    public var severity: SideEffectSeverity
    /// The medication suspected, as named on the profile, or "unknown".
    public var medication: String
    public var reported: CalendarDate
    public var actionTaken: String?

    public init(symptom: String, severity: SideEffectSeverity, medication: String, reported: CalendarDate, actionTaken: String? = nil) {
        self.symptom = symptom
        self.severity = severity
        self.medication = medication
        self.reported = reported
        self.actionTaken = actionTaken
    }
}

/// The side-effect form as typed, checked field by field.
public struct SideEffectReportDraft: Sendable, Equatable {
    public var symptom: String
    public var severity: String
    public var medication: String
    public var reported: String
    public var actionTaken: String

    public init(symptom: String, severity: String, medication: String, reported: String, actionTaken: String = "") {
        self.symptom = symptom.trimmed
        self.severity = severity.trimmed.lowercased()
        self.medication = medication.trimmed
        self.reported = reported.trimmed
        self.actionTaken = actionTaken.trimmed
    }

    /// Problems by field name; empty when the report can be saved. A moderate or severe reaction needs the action taken.
    public func problems(today: CalendarDate) -> [String: String] {
        var problems: [String: String] = [:]
        if symptom.isEmpty { problems["symptom"] = "Describe the symptom, e.g. dizziness on standing." }
        if symptom.count > 200 { problems["symptom"] = "Use at most 200 characters; add detail in the action taken." }
        let level = SideEffectSeverity(rawValue: severity)
        if level == nil { problems["severity"] = "Choose mild, moderate or severe." }
        if medication.isEmpty { problems["medication"] = "Name the medication suspected, or write unknown." }
        if medication.count > 200 { problems["medication"] = "Use at most 200 characters." }
        if let date = CalendarDate(reported) {
            if date > today { problems["reported"] = "The date is in the future; use the day it was reported." }
        } else {
            problems["reported"] = "Enter the date reported as YYYY-MM-DD, e.g. 2026-11-20."
        }
        if actionTaken.isEmpty, let level, level != .mild {
            problems["actionTaken"] = "Say what was done, e.g. physician notified or dose held per order."
        }
        if actionTaken.count > 500 { problems["actionTaken"] = "Use at most 500 characters." }
        return problems
    }

    /// The checked report, or nil while there are problems.
    public func report(today: CalendarDate) -> SideEffectReport? {
        guard problems(today: today).isEmpty, let level = SideEffectSeverity(rawValue: severity), let date = CalendarDate(reported) else {
            return nil
        }
        return SideEffectReport(symptom: symptom, severity: level, medication: medication, reported: date, actionTaken: actionTaken.nonEmpty)
    }
}
