import Foundation

/// Everything the regulatory clock knows about one episode: what happened, what was ordered,
/// which records exist and which obligations a supervisor waived. Obligations are computed from
/// these facts each time, never stored by hand.
public struct EpisodeFacts: Sendable, Equatable {
    /// An episode event with the instant it happened, when known (the 48-hour rules count from it).
    public struct Event: Sendable, Equatable {
        public var event: EpisodeEvent
        public var instant: Date?
        /// For a transfer: the inpatient stay was for diagnostic tests only, which needs neither a transfer assessment
        /// nor a resumption of care [42 CFR 484.55(d)(2): "for any reason other than diagnostic tests"].
        public var diagnosticOnly: Bool
        /// For a return home: the resumption date the physician ordered, when given; the resumption assessment is then
        /// due on that day [42 CFR 484.55(d)(2): "or on physician-ordered resumption date"].
        public var orderedDate: CalendarDate?
        /// For a discharge: the patient died at home, so the death-at-home OASIS (RFA 8) is owed, not a discharge assessment.
        public var diedAtHome: Bool

        public init(_ event: EpisodeEvent, at instant: Date? = nil, diagnosticOnly: Bool = false, orderedDate: CalendarDate? = nil,
                    diedAtHome: Bool = false) {
            self.event = event
            self.instant = instant
            self.diagnosticOnly = diagnosticOnly
            self.orderedDate = orderedDate
            self.diedAtHome = diedAtHome
        }
    }

    /// A verbal order taken during the episode; it must be signed before the episode is billed [42 CFR 484.60(b); 409.43(c)].
    public struct VerbalOrder: Sendable, Equatable {
        /// The order's id; the `verbal_order_signed` record that satisfies it carries the same id as its `subject`.
        public var id: String
        /// The agency day the order was taken.
        public var takenOn: CalendarDate
        public var instant: Date?

        public init(id: String, takenOn: CalendarDate, instant: Date? = nil) {
            self.id = id
            self.takenOn = takenOn
            self.instant = instant
        }
    }

    /// The episode's events in the order they happened.
    public var events: [Event]
    /// The start-of-care date the physician ordered, if one was given [42 CFR 484.55(a)(1)].
    public var orderedStartOfCare: CalendarDate?
    public var records: [ComplianceRecord]
    public var waivers: [Waiver]
    /// Every verbal order taken in the episode, signed or not (signatures are `verbal_order_signed` records).
    public var verbalOrders: [VerbalOrder]
    /// Every change to the plan of care sent to the physician as an interim order (the same shape: id and day sent);
    /// signatures are `plan_change_signed` records with the order's id as subject [42 CFR 484.60(c)(1)].
    public var planChanges: [VerbalOrder] = []
    /// The programs paying for the patient's care in the episode; nil or empty when no payer is recorded.
    public var payers: Set<PayerProgram>?
    /// Every signed OASIS assessment of the episode, corrections included: each is owed its transmission [42 CFR 484.45(a)].
    public var oasisAssessments: [OASISAssessment] = []
    /// What the agency recorded about each transmission (submitted, accepted, rejected with the reason).
    public var oasisSubmissions: [OASISSubmission] = []
    /// Planned discharges, planned reductions of care and significant changes the case manager recorded on the chart.
    public var careEvents: [CareEvent] = []
    /// Notices delivered before a planned change (484.50(d) notice, NOMNC, HHABN), each naming its change.
    public var notices: [PatientNotice] = []

    public init(events: [Event], orderedStartOfCare: CalendarDate? = nil,
                records: [ComplianceRecord] = [], waivers: [Waiver] = [], verbalOrders: [VerbalOrder] = [],
                payers: Set<PayerProgram>? = nil) {
        self.events = events
        self.orderedStartOfCare = orderedStartOfCare
        self.records = records
        self.waivers = waivers
        self.verbalOrders = verbalOrders
        self.payers = payers
    }

    /// Facts from an episode's stored events when no instants are known.
    public init(episode: Episode, orderedStartOfCare: CalendarDate? = nil,
                records: [ComplianceRecord] = [], waivers: [Waiver] = [], verbalOrders: [VerbalOrder] = []) {
        self.init(events: episode.events.map { Event($0) }, orderedStartOfCare: orderedStartOfCare,
                  records: records, waivers: waivers, verbalOrders: verbalOrders)
    }

    func first(_ kind: EpisodeEvent.Kind) -> Event? { events.first { $0.event.kind == kind } }
}

/// A document that can satisfy an obligation: a signed assessment, a submitted Notice of Admission,
/// a documented face-to-face encounter.
public struct ComplianceRecord: Sendable, Equatable, Identifiable {
    /// What kind of record this is; `key` is how rules name it ("assessment:start_of_care").
    public enum Kind: Sendable, Hashable, CustomStringConvertible {
        /// An assessment of a kind named by the assessment module's raw value ("start_of_care", "discharge"…).
        case assessment(String)
        case noticeOfAdmission
        case faceToFaceEncounter
        /// The discharge summary sent to the physician [42 CFR 484.110(a)(6)(i)].
        case dischargeSummary
        /// The transfer summary sent to the receiving facility [42 CFR 484.110(a)(6)(ii)–(iii)].
        case transferSummary
        /// The physician's signature on a plan of care (start of care or recertification) [42 CFR 484.60(c)].
        case planOfCareSigned
        /// The physician's signature on one verbal order; the record's `subject` is the order's id.
        case verbalOrderSigned
        /// The physician's signature on one interim order changing the plan of care; the record's `subject` is the order's id.
        case planChangeSigned
        /// An OASIS assessment's transmission accepted by CMS; the record's `subject` is the assessment's id [42 CFR 484.45(a)].
        case oasisAccepted
        /// A notice delivered to the patient (a `PatientNotice.Kind` raw value); the record's `subject` is the planned change.
        case notice(String)

        /// The assessment kinds the assessment module defines (its `AssessmentKind` raw values).
        public static let assessmentKinds = ["start_of_care", "resumption_of_care", "recertification",
                                             "follow_up", "transfer", "discharge", "death_at_home"]

        /// Parses a rule-table key; nil for a kind the clock does not know.
        public init?(key: String) {
            switch key {
            case "notice_of_admission": self = .noticeOfAdmission
            case "face_to_face_encounter": self = .faceToFaceEncounter
            case "discharge_summary": self = .dischargeSummary
            case "transfer_summary": self = .transferSummary
            case "plan_of_care_signed": self = .planOfCareSigned
            case "verbal_order_signed": self = .verbalOrderSigned
            case "plan_change_signed": self = .planChangeSigned
            case "oasis_accepted": self = .oasisAccepted
            default:
                if key.hasPrefix("notice:") {
                    guard let kind = PatientNotice.Kind(rawValue: String(key.dropFirst("notice:".count))) else { return nil }
                    self = .notice(kind.rawValue)
                    return
                }
                guard key.hasPrefix("assessment:") else { return nil }
                let kind = String(key.dropFirst("assessment:".count))
                guard Self.assessmentKinds.contains(kind) else { return nil }
                self = .assessment(kind)
            }
        }

        public var key: String {
            switch self {
            case .assessment(let kind): "assessment:\(kind)"
            case .noticeOfAdmission: "notice_of_admission"
            case .faceToFaceEncounter: "face_to_face_encounter"
            case .dischargeSummary: "discharge_summary"
            case .transferSummary: "transfer_summary"
            case .planOfCareSigned: "plan_of_care_signed"
            case .verbalOrderSigned: "verbal_order_signed"
            case .planChangeSigned: "plan_change_signed"
            case .oasisAccepted: "oasis_accepted"
            case .notice(let kind): "notice:\(kind)"
            }
        }

        /// How a case manager names it: "start-of-care assessment", "Notice of Admission".
        public var description: String {
            switch self {
            case .assessment(let kind): String(kind.map { $0 == "_" ? "-" : $0 }) + " assessment"
            case .noticeOfAdmission: "Notice of Admission"
            case .faceToFaceEncounter: "face-to-face encounter"
            case .dischargeSummary: "discharge summary sent to the primary care practitioner"
            case .transferSummary: "transfer summary sent to the receiving facility"
            case .planOfCareSigned: "signed plan of care"
            case .verbalOrderSigned: "signed verbal order"
            case .planChangeSigned: "signed change to the plan of care"
            case .oasisAccepted: "transmission accepted by CMS"
            case .notice(let kind): PatientNotice.Kind(rawValue: kind)?.title ?? kind
            }
        }
    }

    public var id: String
    public var kind: Kind
    /// The clinical date of the record (the assessment date, the submission date, the encounter date).
    public var date: CalendarDate
    /// When it was completed (signed), if known; hour-based windows compare this instant when there is no visit time.
    public var instant: Date?
    /// For an assessment: the date and time of the visit it records. The 48-hour rules are met by the visit, not the
    /// signature [42 CFR 484.55(a)(1): "conduct an initial assessment visit"; 484.55(d)(2): "within 48 hours"].
    public var visitedAt: Date?
    /// What the record is about when a rule needs to know (the verbal order a signature belongs to); nil otherwise.
    public var subject: String?
    /// An assessment signed on an instrument that carries the comprehensive assessment's required content
    /// [42 CFR 484.55(c)]; only such a record meets a rule marked `comprehensiveOnly`.
    public var comprehensive: Bool
    /// How a person names the record in an explanation: "start-of-care assessment (comprehensive home assessment)
    /// signed 2026-11-25 by Ana Ruiz, RN"; the id is used when nothing better is known.
    public var label: String?

    public init(id: String, kind: Kind, date: CalendarDate, instant: Date? = nil, visitedAt: Date? = nil, subject: String? = nil,
                comprehensive: Bool = false, label: String? = nil) {
        self.id = id
        self.kind = kind
        self.date = date
        self.instant = instant
        self.visitedAt = visitedAt
        self.subject = subject
        self.comprehensive = comprehensive
        self.label = label
    }
}

/// A supervisor's decision that an obligation does not apply to this episode, with who and why.
public struct Waiver: Sendable, Equatable {
    /// The obligation's stable key, e.g. "face-to-face-encounter#1".
    public var obligationKey: String
    public var reason: String
    public var waivedBy: String

    public init(obligationKey: String, reason: String, waivedBy: String) {
        self.obligationKey = obligationKey
        self.reason = reason
        self.waivedBy = waivedBy
    }

    /// Why the waiver cannot be saved, or nil: an unexplained waiver would hide a missed deadline.
    public var problem: String? {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "Give the reason this obligation is waived." }
        if waivedBy.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "Say who waived this obligation." }
        return nil
    }
}
