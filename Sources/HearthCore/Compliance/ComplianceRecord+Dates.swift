extension ComplianceRecord.Kind {
    /// Why a record of this kind cannot carry `date` in `episode`, or nil when it can. A Notice of Admission follows the
    /// start of care [42 CFR 484.205(j): "within 5 calendar days after the start of care"]; a discharge summary follows
    /// the discharge [484.110(a)(6)(ii)]. A transfer summary may precede a planned transfer [484.110(a)(6)(i)] and a
    /// face-to-face encounter may precede the start of care by 90 days [424.22(a)(1)(v)], so their dates are the
    /// clock's to judge.
    public func problem(dated date: CalendarDate, in episode: Episode) -> String? {
        switch self {
        case .noticeOfAdmission:
            guard let startOfCare = episode.startOfCare else {
                return "A Notice of Admission follows the start of care: admit the patient first."
            }
            return date < startOfCare ? "A Notice of Admission is submitted on or after the start of care (\(startOfCare)), not \(date)." : nil
        case .dischargeSummary:
            guard let discharge = episode.events.last(where: { if case .discharged = $0 { true } else { false } })?.date else {
                return "A discharge summary follows the discharge: record the discharge first."
            }
            return date < discharge ? "A discharge summary is sent on or after the discharge (\(discharge)), not \(date)." : nil
        default:
            return nil
        }
    }
}
