/// Why an ordered visit did not happen, as the clinician reports it.
public enum MissedVisitReason: String, Sendable, Hashable, Codable, CaseIterable {
    case patientRefused = "patient_refused"
    case patientNotHome = "patient_not_home"
    case patientHospitalized = "patient_hospitalized"
    case patientIll = "patient_ill"
    case familyCancelled = "family_cancelled"
    case clinicianUnavailable = "clinician_unavailable"
    case weather
    case other

    public var title: String {
        switch self {
        case .patientRefused: "Patient refused the visit"
        case .patientNotHome: "Patient not home"
        case .patientHospitalized: "Patient in hospital"
        case .patientIll: "Patient too ill for the visit"
        case .familyCancelled: "Family cancelled"
        case .clinicianUnavailable: "Clinician unavailable"
        case .weather: "Weather or unsafe travel"
        case .other: "Other (explain)"
        }
    }
}

/// A scheduled visit that did not happen: why, whether the physician was told, and when it was made up.
/// A missed visit still counts against the ordered frequency; the physician is told because the plan
/// is not being carried out as ordered [42 CFR 484.60(c)(1)].
public struct MissedVisit: Sendable, Hashable {
    public var visitID: String
    public var discipline: Discipline
    /// The day the visit was scheduled for.
    public var date: CalendarDate
    public var reason: MissedVisitReason
    /// Required for `other`; any extra detail otherwise.
    public var explanation: String
    public var physicianNotified: Bool
    public var rescheduledTo: CalendarDate?

    public init(visitID: String, discipline: Discipline, date: CalendarDate, reason: MissedVisitReason, explanation: String = "",
                physicianNotified: Bool, rescheduledTo: CalendarDate? = nil) {
        self.visitID = visitID
        self.discipline = discipline
        self.date = date
        self.reason = reason
        self.explanation = explanation.trimmingCharacters(in: .whitespacesAndNewlines)
        self.physicianNotified = physicianNotified
        self.rescheduledTo = rescheduledTo
    }

    /// Problems by form field; empty when the missed visit can be recorded.
    public var problems: [String: String] {
        var problems: [String: String] = [:]
        if reason == .other && explanation.isEmpty { problems["explanation"] = "Say why the visit was missed." }
        if explanation.count > 500 { problems["explanation"] = "Keep the explanation to 500 characters." }
        if let rescheduledTo, rescheduledTo < date {
            problems["rescheduledTo"] = "A make-up visit comes on or after the missed day (\(date)). Choose a later date."
        }
        return problems
    }

    /// True when the physician still has to be told; shows on the case manager's worklist.
    public var needsPhysicianNotice: Bool { !physicianNotified }
}
