import Foundation

/// Something the case manager records on the chart that starts a notice or assessment deadline: a planned discharge
/// (the 484.50(d) notice and, for Medicare, the NOMNC are owed before it), a planned reduction or stop of a service
/// Medicare may not cover (the HHABN is owed before it), or a significant change in the patient's condition (an other
/// follow-up comprehensive assessment is owed after it).
public struct CareEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// The agency plans to end all services (discharge) on `on`.
        case plannedDischarge = "planned_discharge"
        /// The agency plans to reduce or stop a service, or to give care Medicare may not cover, from `on`.
        case careReduction = "care_reduction"
        /// A major decline or improvement in the patient's condition noticed on `on` [42 CFR 484.55(d)(1)].
        case significantChange = "significant_change"

        public var title: String {
            switch self {
            case .plannedDischarge: "Discharge planned"
            case .careReduction: "Care reduced or stopped, or not covered"
            case .significantChange: "Significant change in condition"
            }
        }

        /// What the date field means for this kind, for the form and the explanation.
        public var dateMeaning: String {
            switch self {
            case .plannedDischarge: "the planned last day of services"
            case .careReduction: "the day the change takes effect"
            case .significantChange: "the day the change was identified"
            }
        }
    }

    /// Why a notice is not owed before this change, as the rules give it.
    public enum Exception: String, Sendable, CaseIterable, Codable {
        /// The patient chose to end care: 42 CFR 484.50(d)(4) ("the patient refuses services, or elects to be transferred or
        /// discharged"); CMS Claims Processing Manual, Ch. 30, §260.2.1 (no NOMNC when the beneficiary ends care on their own).
        case patientElected = "patient_elected"

        public var title: String {
            switch self {
            case .patientElected: "The patient chose to end or refuse the care"
            }
        }
    }

    /// The stored record's id; a notice delivered for this change names it.
    public var id: String
    public var kind: Kind
    /// The planned day (discharge, reduction) or the day the change was identified (significant change).
    public var on: CalendarDate
    /// What changed, in the case manager's words ("new stage 3 pressure injury, sacrum").
    public var detail: String
    public var exception: Exception?
    /// Who recorded it, for the explanation.
    public var recordedBy: String?

    public init(id: String, kind: Kind, on: CalendarDate, detail: String, exception: Exception? = nil, recordedBy: String? = nil) {
        self.id = id
        self.kind = kind
        self.on = on
        self.detail = detail
        self.exception = exception
        self.recordedBy = recordedBy
    }

    /// Why it cannot be saved, with the field to show it by, or nil. A significant change is recorded once seen (not in the
    /// future); a planned change may be in the future but not before the episode began.
    public func problem(today: CalendarDate, episodeStart: CalendarDate?) -> (field: String, message: String)? {
        if detail.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return ("detail", kind == .significantChange ? "Say what changed (e.g. new fall with hip pain, wound worsening)."
                : "Say what is planned (e.g. goals met, skilled nursing visits end).")
        }
        if detail.count > 250 { return ("detail", "Keep the description to 250 characters.") }
        if kind == .significantChange && on > today { return ("on", "A change in condition is recorded when it is seen: the date cannot be in the future.") }
        if let episodeStart, on < episodeStart { return ("on", "The date cannot be before the episode began (\(episodeStart)).") }
        if kind == .significantChange && exception != nil { return ("exception", "A significant change has no notice exception; leave it empty.") }
        return nil
    }

    /// "the discharge planned for 2026-12-10 (goals met), recorded by Ana Ruiz"
    var label: String {
        let what = switch kind {
        case .plannedDischarge: "the discharge planned for \(on)"
        case .careReduction: "the reduction or stop of care from \(on)"
        case .significantChange: "the significant change in condition identified on \(on)"
        }
        return what + " (\(detail))" + (recordedBy.map { ", recorded by \($0)" } ?? "")
    }
}
