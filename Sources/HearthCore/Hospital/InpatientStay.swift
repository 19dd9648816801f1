import Foundation

/// How the hospital is treating a patient in a bed, which decides who pays and what notices the patient is owed.
public enum StayStatus: String, Sendable, Codable, CaseIterable {
    /// Formally admitted on a physician's order: Medicare Part A [42 CFR 412.3(a)].
    case inpatient
    /// Outpatient observation services while the physician decides whether to admit: Part B.
    case observation
    /// An outpatient in a bed for another reason (recovery after an outpatient procedure): Part B.
    case outpatientInBed = "outpatient_in_bed"

    public var title: String {
        switch self {
        case .inpatient: "Inpatient"
        case .observation: "Observation"
        case .outpatientInBed: "Outpatient in a bed"
        }
    }

    public var isOutpatient: Bool { self != .inpatient }
}

/// Where the patient goes when the stay ends, planned or actual.
public enum Disposition: String, Sendable, Codable, CaseIterable {
    case home
    case homeHealth = "home_health"
    case skilledNursing = "snf"
    case inpatientRehab = "irf"
    case longTermCare = "ltch"
    case hospice
    case transfer = "acute_transfer"
    case leftAgainstAdvice = "ama"
    case expired

    public var title: String {
        switch self {
        case .home: "Home (self-care)"
        case .homeHealth: "Home with home health"
        case .skilledNursing: "Skilled nursing facility"
        case .inpatientRehab: "Inpatient rehabilitation"
        case .longTermCare: "Long-term care hospital"
        case .hospice: "Hospice"
        case .transfer: "Another acute hospital"
        case .leftAgainstAdvice: "Left against medical advice"
        case .expired: "Died"
        }
    }
}

/// One stretch of a stay under one status: from `starts` until the next period starts or the patient leaves.
public struct StatusPeriod: Sendable, Equatable {
    public var status: StayStatus
    public var starts: Date
    /// Set when this period is an inpatient stay changed to outpatient under condition code 44 [42 CFR 482.30(d)].
    public var conditionCode44: ConditionCode44?

    public init(status: StayStatus, starts: Date, conditionCode44: ConditionCode44? = nil) {
        self.status = status
        self.starts = starts
        self.conditionCode44 = conditionCode44
    }
}

/// Who decided an inpatient stay was not medically necessary and who agreed, as condition code 44 requires
/// (Medicare Claims Processing Manual ch. 1 §50.3; 42 CFR 482.30(d)(1)).
public struct ConditionCode44: Sendable, Equatable {
    /// The utilization review committee member (a physician) who made the determination.
    public var reviewer: String
    /// The attending physician who concurred, as documented in the record.
    public var attending: String

    public init(reviewer: String, attending: String) {
        self.reviewer = reviewer
        self.attending = attending
    }
}

/// A notice the hospital owes a Medicare patient, as the stay clock names them.
public enum StayNoticeKind: String, Sendable, Codable, CaseIterable {
    case importantMessage = "im_initial"
    case importantMessageFollowUp = "im_follow_up"
    case moon
    case conditionCode44 = "cc44"
    /// The UR committee's written notice that the admission or continued stay is not medically necessary [42 CFR 482.30(d)(3)].
    case urDetermination = "ur_determination"

    public var title: String {
        switch self {
        case .importantMessage: "Important Message from Medicare"
        case .importantMessageFollowUp: "Important Message from Medicare (follow-up copy)"
        case .moon: "Medicare Outpatient Observation Notice (MOON)"
        case .conditionCode44: "Notice of change from inpatient to outpatient (condition code 44)"
        case .urDetermination: "Written notice of the UR committee's determination"
        }
    }
}

/// A notice handed to the patient or representative: who delivered it, when, and whether they signed or refused.
public struct StayNotice: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case signed
        /// Delivered, but the patient or representative declined to sign; the notice still counts as delivered.
        case refused

        public var title: String { self == .signed ? "Signed" : "Refused to sign" }
    }

    public var id: String
    public var kind: StayNoticeKind
    public var deliveredAt: Date
    public var outcome: Outcome
    public var deliveredBy: String

    public init(id: String, kind: StayNoticeKind, deliveredAt: Date, outcome: Outcome, deliveredBy: String) {
        self.id = id
        self.kind = kind
        self.deliveredAt = deliveredAt
        self.outcome = outcome
        self.deliveredBy = deliveredBy
    }
}

/// A hospital stay as the clocks read it: arrival, status history, the expected and actual discharge, the notices.
public struct InpatientStay: Sendable, Equatable {
    /// When the patient started receiving hospital services: the two-midnight benchmark counts from here
    /// [42 CFR 412.3(d)(1)(i)].
    public var arrivedAt: Date
    /// Oldest first; never empty.
    public var statusHistory: [StatusPeriod]
    public var expectedDischarge: CalendarDate?
    public var plannedDisposition: Disposition?
    public var dischargedAt: Date?
    public var disposition: Disposition?
    /// The notices owed here are owed to Medicare beneficiaries (original Medicare and Medicare Advantage).
    public var medicare: Bool
    public var notices: [StayNotice]
    /// The UR committee's findings that the admission or continued stay is not medically necessary, oldest first.
    public var determinations: [AdverseDetermination]

    public init(arrivedAt: Date, statusHistory: [StatusPeriod], expectedDischarge: CalendarDate? = nil, plannedDisposition: Disposition? = nil,
                dischargedAt: Date? = nil, disposition: Disposition? = nil, medicare: Bool = true, notices: [StayNotice] = [],
                determinations: [AdverseDetermination] = []) {
        self.arrivedAt = arrivedAt
        self.statusHistory = statusHistory
        self.expectedDischarge = expectedDischarge
        self.plannedDisposition = plannedDisposition
        self.dischargedAt = dischargedAt
        self.disposition = disposition
        self.medicare = medicare
        self.notices = notices
        self.determinations = determinations
    }

    public var currentStatus: StayStatus { statusHistory.last?.status ?? .observation }
    public var isDischarged: Bool { dischargedAt != nil }

    /// The first inpatient admission order, if the patient was ever admitted.
    public var admittedAt: Date? { statusHistory.first { $0.status == .inpatient }?.starts }

    /// When a period ends: the next period's start, the discharge, or nil while it is still running.
    public func end(of index: Int) -> Date? {
        index + 1 < statusHistory.count ? statusHistory[index + 1].starts : dischargedAt
    }

    /// The last notice of a kind, if any was delivered.
    public func notice(_ kind: StayNoticeKind) -> StayNotice? {
        notices.filter { $0.kind == kind }.max { $0.deliveredAt < $1.deliveredAt }
    }
}
