/// What else a move says that changes which OASIS is owed (CMS OASIS Guidance Manual, Chapter 1; 42 CFR 484.55(d)(2)).
public enum EpisodeEventCircumstance: String, Sendable, CaseIterable {
    /// A discharge that was the patient's death at home: the death-at-home time point (RFA 8), not a discharge assessment.
    case diedAtHome = "died_at_home"
    /// A transfer for diagnostic tests only: no transfer assessment and no resumption of care ("for any reason other
    /// than diagnostic tests", 484.55(d)(2)).
    case diagnosticOnly = "diagnostic_only"

    public var title: String {
        switch self {
        case .diedAtHome: "Discharge: the patient died at home"
        case .diagnosticOnly: "Transfer: inpatient stay for diagnostic tests only"
        }
    }

    /// The move it belongs to.
    public var kind: EpisodeEvent.Kind {
        switch self {
        case .diedAtHome: .discharge
        case .diagnosticOnly: .transfer
        }
    }

    /// Why it cannot go with this move in this episode, or nil. A patient in an inpatient facility does not die at home.
    public func problem(with move: EpisodeEvent.Kind, status: EpisodeStatus) -> String? {
        if move != kind {
            return self == .diedAtHome ? "A death at home is recorded with a discharge; choose Discharged, or leave the circumstance empty."
                : "A stay for diagnostic tests only is recorded with the transfer; choose Transferred to inpatient, or leave the circumstance empty."
        }
        if self == .diedAtHome && status == .transferred {
            return "The patient is in an inpatient facility (transferred), so did not die at home: leave the circumstance empty."
        }
        return nil
    }
}
