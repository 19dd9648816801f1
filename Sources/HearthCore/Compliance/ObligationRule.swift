/// One row of the regulatory clock's rule table: what starts the clock, the window it gives,
/// and which records satisfy it. Rules are data (Resources/Rules/regulatory-clock.json).
public struct ObligationRule: Sendable, Equatable, Identifiable {
    /// What in the episode starts an obligation; each trigger yields one or more occurrences.
    public enum Trigger: String, Sendable, CaseIterable {
        case referral
        case startOfCare = "start_of_care"
        /// Every 60-day certification period the episode is open in [42 CFR 484.55(d)(1)].
        case certificationPeriod = "certification_period"
        case transfer
        /// The patient's return home after an inpatient stay.
        case resumption
        case discharge
        /// Every verbal order in `EpisodeFacts.verbalOrders`, each in the certification period it was taken in.
        case verbalOrder = "verbal_order"
        /// Every change to a signed (or sent) plan of care sent as an interim order, in `EpisodeFacts.planChanges`.
        case planChange = "plan_change"
        /// A discharge recorded as a death at home: the death-at-home OASIS (RFA 8) is owed.
        case deathAtHome = "death_at_home"
        /// Every signed OASIS assessment in `EpisodeFacts.oasisAssessments`: its transmission to CMS [42 CFR 484.45(a)].
        case oasisAssessment = "oasis_assessment"
        /// Every discharge the case manager planned on the chart (`CareEvent.Kind.plannedDischarge`): notices owed before it.
        case plannedDischarge = "planned_discharge"
        /// Every planned reduction or stop of care, or care Medicare may not cover (`CareEvent.Kind.careReduction`).
        case careReduction = "care_reduction"
        /// Every significant change in condition recorded on the chart: an other follow-up assessment is owed.
        case significantChange = "significant_change"

        /// Triggers whose occurrences belong to a certification period, so `period_start`/`period_end` anchors work.
        var hasPeriod: Bool { self == .certificationPeriod || self == .verbalOrder || self == .planChange }
    }

    /// Circumstances of a discharge in which a discharge rule is not owed (`"notOwedWhen"` in the rule file).
    public enum Exception: String, Sendable, CaseIterable {
        /// The patient died at home: the death-at-home OASIS (RFA 8) replaces the discharge assessment.
        case deathAtHome = "death_at_home"
        /// The patient was discharged while still in the inpatient facility after a transfer: the transfer OASIS was the
        /// last assessment; a discharge assessment never follows a transfer (CMS OASIS Guidance Manual, Chapter 1).
        case dischargedFromInpatient = "discharged_from_inpatient"
        /// The patient chose to end or refuse the care (a planned change marked so): no advance notice is owed
        /// [42 CFR 484.50(d)(4); CMS Claims Processing Manual, Ch. 30, §260.2.1].
        case patientElected = "patient_elected"
    }

    /// The day or instant a window is counted from.
    public enum Anchor: String, Sendable, CaseIterable {
        /// The triggering event itself (its instant when known, else the start of its day).
        case event
        case periodStart = "period_start"
        case periodEnd = "period_end"
        /// The physician-ordered start-of-care date; skipped when none was given.
        case orderedStartOfCare = "ordered_start_of_care"
        /// The physician-ordered date of the triggering event (a resumption of care); skipped when none was given.
        case orderedDate = "ordered_date"

        var needsPeriod: Bool { self == .periodStart || self == .periodEnd }
    }

    public enum Unit: String, Sendable, CaseIterable {
        /// Elapsed hours from an instant: a 48-hour rule is 48 real hours, even across a clock change.
        case hours
        /// Calendar days in the agency's time zone; the due day ends at its midnight.
        case days
        /// Monday to Friday; Saturdays, Sundays and the rule book's observed holidays are skipped.
        case businessDays = "business_days"
    }

    /// Offsets from the anchor, negative before it: `opens: -90, due: 30` is 90 days before to 30 after.
    public struct Window: Sendable, Equatable {
        public var anchor: Anchor
        public var unit: Unit
        public var opens: Int
        public var due: Int

        public init(anchor: Anchor, unit: Unit, opens: Int, due: Int) {
            self.anchor = anchor
            self.unit = unit
            self.opens = opens
            self.due = due
        }
    }

    public var id: String
    public var title: String
    public var citation: String
    /// The rule in a few words, as the regulation says it: "within 5 calendar days after start of care".
    public var requirement: String
    public var trigger: Trigger
    /// Tried in order; the first whose anchor is known gives the window.
    public var windows: [Window]
    public var satisfiedBy: [ComplianceRecord.Kind]
    /// Events that make the obligation not applicable when they happen before its window closes.
    public var endedBy: [EpisodeEvent.Kind]
    /// For transfer and resumption: an inpatient stay shorter than this needs no OASIS [42 CFR 484.55(d)(2)].
    public var minimumStayHours: Int?
    /// Only an assessment on an instrument carrying the comprehensive assessment's content meets it [42 CFR 484.55(c)].
    public var comprehensiveOnly: Bool
    /// The payer programs the rule applies to (a billing rule such as the Notice of Admission); nil for every patient.
    /// A patient with no payer recorded is held to the rule until one is.
    public var payers: Set<PayerProgram>?
    /// Discharges that owe nothing under this rule (a death at home, a discharge from the inpatient facility).
    public var notOwedWhen: Set<Exception> = []

    public init(id: String, title: String, citation: String, requirement: String, trigger: Trigger,
                windows: [Window], satisfiedBy: [ComplianceRecord.Kind], endedBy: [EpisodeEvent.Kind] = [],
                minimumStayHours: Int? = nil, comprehensiveOnly: Bool = false, payers: Set<PayerProgram>? = nil) {
        self.id = id
        self.title = title
        self.citation = citation
        self.requirement = requirement
        self.trigger = trigger
        self.windows = windows
        self.satisfiedBy = satisfiedBy
        self.endedBy = endedBy
        self.minimumStayHours = minimumStayHours
        self.comprehensiveOnly = comprehensiveOnly
        self.payers = payers
    }

    /// Whether the record can meet this rule at all (its kind, and the comprehensive content when the rule needs it).
    public func accepts(_ record: ComplianceRecord) -> Bool {
        satisfiedBy.contains(record.kind) && (!comprehensiveOnly || record.comprehensive)
    }

    /// Why the rule does not apply to a patient paid for by `programs`, or nil when it does. Unknown payers (none
    /// recorded) leave the rule applying, so a missing coverage never hides a deadline.
    public func notOwed(by programs: Set<PayerProgram>?) -> String? {
        guard let payers, let programs, !programs.isEmpty, payers.isDisjoint(with: programs) else { return nil }
        let paidBy = programs.sorted().map(\.shortTitle).joined(separator: " and ")
        let owedFor = payers.sorted().map(\.shortTitle).joined(separator: " or ")
        return "the patient's care is paid by \(paidBy); this is owed only for \(owedFor)"
    }
}
