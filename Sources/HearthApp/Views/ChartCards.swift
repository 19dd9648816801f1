import HearthCore

// The chart's cards and records, as `ChartPage` carries them (moved out of PatientPages.swift).

/// The episode as the chart header and the episode card show it.
struct EpisodeSummary: Encodable, Sendable {
    struct Event: Encodable, Sendable {
        var title: String
        var date: String
        var reason: String?
    }

    struct Move: Encodable, Sendable {
        var kind: String
        var title: String
        var needsReason: Bool
    }

    var status: String
    var statusTitle: String
    var referralDate: String
    var startOfCare: String?
    /// e.g. "Period 2 · 2026-03-16 – 2026-05-14"
    var period: String?
    /// e.g. "12 days left", or "ended 3 days ago" when recertification is overdue.
    var daysLeft: String?
    /// "due" in days 56–60, "overdue" past the certified end while the episode is open.
    var recertification: String?
    var certifiedThrough: String?
    var events: [Event]
    /// Where the referral came from, when it arrived, the ordered start of care.
    var referral: String?
    var moves: [Move]
    var actionHref: String
}

/// The chart's care plan card: where the plan stands, its orders in a few lines, and the link to it.
struct CarePlanCard: Encodable, Sendable {
    var href: String
    var version: Int
    var goalsInForce: Int
    var orders: [String]
    var unsignedOrders: Int
    /// Sent more than 30 days ago and still unsigned: shown as a flag in the chart header.
    var overdueOrders: Int
    /// "version 2 signed by Dr. X, in force; draft version 3 not yet signed".
    var standing: String? = nil
}

/// The chart's visits: the last two weeks and what is scheduled, and the way to schedule from the care plan.
struct VisitCard: Encodable, Sendable {
    /// One ordered frequency, week by week: made against ordered, missed visits not counted as made.
    struct Frequency: Encodable, Sendable {
        struct Week: Encodable, Sendable {
            var label: String
            var text: String
            var state: String
            var title: String
        }

        var order: String
        var weeks: [Week]
    }

    var lines: [VisitLine]
    var missed: Int
    var frequencies: [Frequency] = []
    var generateAction: String?
    var newVisit: PageForm?
    /// What "Schedule visits" just did, including what it could not book.
    var scheduled: String? = nil
    /// The plan is not signed yet (visits come from the draft), or a draft waits that is not booked.
    var planWarning: String? = nil
    /// Which ordered visits were not booked and why, and which earlier bookings were cancelled.
    var scheduledDetails: [String] = []
    /// Weight, blood pressure, oxygen, pulse and glucose from documented visits, over time.
    var vitalTrends: [TrendChart] = []
}

/// The chart's medication card: what is taken, what needs attention, and the way to the medications tab.
struct MedicationCard: Encodable, Sendable {
    var href: String
    var current: [String]
    var highAlert: Int
    var refillsDue: Int
    var refillsOverdue: Int
    var openReconciliations: Int
    /// Each current medication's conflict with a recorded allergy, in words.
    var allergyConflicts: [String] = []
}

/// The chart's assessments: the list, the trends, and the form that starts a new one.
struct AssessmentsTab: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        var href: String
        var day: String
        var kind: String
        var instrument: String
        var status: String
        var statusTitle: String
        var score: String?
        var version: Int
    }

    var lines: [Line]
    var trends: [TrendChart]
    /// Unresolved safety alerts from signed assessments, for the top of the chart.
    var alerts: [String]
    var startAction: String
    /// The start form's date and time of the visit, now in the agency's zone until the nurse changes them.
    var visitDate: String
    var visitTime: String
    var kinds: [FieldOption]
    var instruments: [FieldOption]
    var canStart: Bool
}

/// The forms beside the deadlines: record a Notice of Admission or face-to-face encounter; waive one (supervisors).
struct DeadlineActions: Encodable, Sendable {
    var documentAction: String?
    var waiveAction: String?
    /// Where a transmission of an OASIS assessment is recorded (submitted, accepted, rejected) [42 CFR 484.45(a)].
    var submissionAction: String? = nil
    var canRecord: Bool
    var canWaive: Bool
    /// Where a planned discharge, a reduction of care or a significant change is recorded, and a notice delivered before one.
    var careEventAction: String? = nil
    var noticeAction: String? = nil
    /// The planned changes a notice can be recorded for.
    var noticeChoices: [FieldOption] = []
    var careEventForm = CareEventFormState()
    var noticeForm = NoticeFormState()
    /// The older forms' typing and errors after a refusal: the Record form, one transmission form, one waiver.
    var documentForm = DocumentFormState()
    var submissionForm = SubmissionFormState()
    var waiverForm = WaiverFormState()
}

/// One obligation on the chart: what is owed, by when, why, and under which rule.
struct DeadlineLine: Encodable, Sendable {
    var key: String
    var outstanding: Bool
    var title: String
    var status: String
    /// An `Obligation.StateKind` raw value, for the badge colour.
    var state: String
    var due: String
    var citation: String
    var explanation: String
    /// For an OASIS transmission owed: the assessment version to record a transmission of.
    var oasisAssessment: String?

    init(_ obligation: Obligation) {
        key = obligation.key
        outstanding = obligation.isOutstanding
        title = obligation.title
        status = obligation.status
        state = obligation.state.kind.rawValue
        due = obligation.window.dueDay.description
        citation = obligation.citation
        explanation = obligation.explanation
        oasisAssessment = obligation.ruleID == "oasis-submission" ? obligation.subject : nil
    }
}

/// What the case manager typed in the episode form, and what was wrong with it.
struct EpisodeForm: Encodable, Sendable {
    var kind: String = ""
    var date = FormField()
    var reason = FormField()
    var error: String?
    var time = FormField()
    /// A return home: the physician-ordered resumption date (optional).
    var orderedResumption = FormField()
    /// A discharge that was a death at home, a transfer for diagnostic tests only (optional).
    var circumstance = FormField()
    // The referral form only:
    var source = FormField()
    var orderedStartOfCare = FormField()
}

/// One line of the chart's change history.
struct HistoryLine: Encodable, Sendable {
    var when: String
    var who: String
    var what: String
}

struct TeamMember: Encodable, Sendable {
    var name: String
    var teamRole: String
    var removeHref: String?
}

struct DiagnosisLine: Encodable, Sendable {
    var code: String
    var title: String
    var rank: String
    var onset: String?
}

/// What was typed in the add-diagnosis form, and what was wrong with it: the code only, since Hearth records the
/// code's official description.
struct DiagnosisForm: Encodable, Sendable {
    var code = FormField()
    var rank = "secondary"
    var rankError: String?
    var onset = FormField()
}

struct AllergyLine: Encodable, Sendable {
    var substance: String
    var reaction: String?
    var severity: String
}

struct AllergyForm: Encodable, Sendable {
    var substance = FormField()
    var reaction = FormField()
    var severity = ""
    var severityError: String?
}

struct CoverageLine: Encodable, Sendable {
    var order: String
    var payer: String
    var program: String
    var memberID: String
    var plan: String?
    var period: String?
}

struct CoverageForm: Encodable, Sendable {
    var payer = FormField()
    var program = ""
    var programError: String?
    var programs: [FieldOption] { PayerProgram.allCases.map { FieldOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == program) } }
    var memberID = FormField()
    var plan = FormField()
    var order = "1"
    var orderError: String?
    var start = FormField()
    var end = FormField()

    enum CodingKeys: String, CodingKey { case payer, program, programError, programs, memberID, plan, order, orderError, start, end }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(payer, forKey: .payer)
        try c.encode(program, forKey: .program)
        try c.encodeIfPresent(programError, forKey: .programError)
        try c.encode(programs, forKey: .programs)
        try c.encode(memberID, forKey: .memberID)
        try c.encode(plan, forKey: .plan)
        try c.encode(order, forKey: .order)
        try c.encodeIfPresent(orderError, forKey: .orderError)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
    }
}

/// The contact note typed for a safety alert, kept when it is refused.
struct SafetyContactForm: Encodable, Sendable {
    var taskID: String
    var note: String
    var error: String
}
