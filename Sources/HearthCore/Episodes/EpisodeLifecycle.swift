/// Where a home health episode of care stands.
public enum EpisodeStatus: String, Sendable, Codable, CaseIterable {
    /// A referral was received; the patient is not yet admitted.
    case referred
    /// Admitted at start of care; visits are being made.
    case active
    /// In an inpatient facility; home visits are on hold until resumption of care.
    case transferred
    /// Care has ended.
    case discharged
    /// The referral was not admitted (declined, not homebound, outside the service area…).
    case notAdmitted = "not_admitted"

    public var title: String {
        switch self {
        case .referred: "Referral"
        case .active: "Active"
        case .transferred: "Transferred to inpatient"
        case .discharged: "Discharged"
        case .notAdmitted: "Not admitted"
        }
    }

    public var isOpen: Bool { self == .referred || self == .active || self == .transferred }
}

/// What happened in an episode, in the order it happened.
public enum EpisodeEvent: Sendable, Equatable {
    case referralReceived(on: CalendarDate)
    case admitted(startOfCare: CalendarDate)
    case notAdmitted(on: CalendarDate, reason: String)
    /// The physician recertified the patient for the next 60-day period.
    case recertified(on: CalendarDate)
    case transferred(on: CalendarDate)
    case resumed(on: CalendarDate)
    case discharged(on: CalendarDate, reason: String)

    public var date: CalendarDate {
        switch self {
        case .referralReceived(let d), .admitted(let d), .notAdmitted(let d, _), .recertified(let d),
             .transferred(let d), .resumed(let d), .discharged(let d, _):
            d
        }
    }

    public var name: String {
        switch self {
        case .referralReceived: "referral"
        case .admitted: "start of care"
        case .notAdmitted: "not admitted"
        case .recertified: "recertification"
        case .transferred: "transfer"
        case .resumed: "resumption of care"
        case .discharged: "discharge"
        }
    }
}

/// The home health episode state machine: which moves are legal, and the facts they leave behind.
public struct Episode: Sendable, Equatable {
    public private(set) var status: EpisodeStatus
    public private(set) var referralDate: CalendarDate
    public private(set) var startOfCare: CalendarDate?
    /// The number of certification periods the physician has certified (1 at admission, +1 per recertification).
    public private(set) var certifiedPeriods: Int
    public private(set) var events: [EpisodeEvent]

    public init(referralDate: CalendarDate) {
        status = .referred
        self.referralDate = referralDate
        startOfCare = nil
        certifiedPeriods = 0
        events = [.referralReceived(on: referralDate)]
    }

    /// Rebuilds an episode from its stored events, checking every move again.
    public init(replaying events: [EpisodeEvent]) throws(EpisodeError) {
        guard case .referralReceived(let date)? = events.first else { throw .mustStartWithReferral }
        self.init(referralDate: date)
        for event in events.dropFirst() { try apply(event) }
    }

    /// The last day of the certified care, when admitted.
    public var certifiedThrough: CalendarDate? {
        startOfCare.map { CertificationPeriod(number: certifiedPeriods, startOfCare: $0).end }
    }

    public func period(on day: CalendarDate) -> CertificationPeriod? {
        startOfCare.flatMap { CertificationPeriod.containing(day, startOfCare: $0) }
    }

    /// Applies a move, or says why it is not allowed; a refused move changes nothing.
    public mutating func apply(_ event: EpisodeEvent) throws(EpisodeError) {
        if case .admitted(let soc) = event, status == .referred, soc < referralDate {
            throw .startOfCareBeforeReferral(soc: soc, referral: referralDate)
        }
        if let last = events.last, event.date < last.date {
            throw .outOfOrder(event: event.name, date: event.date, after: last.name, lastDate: last.date)
        }
        switch (status, event) {
        case (.referred, .admitted(let soc)):
            guard soc >= referralDate else { throw .startOfCareBeforeReferral(soc: soc, referral: referralDate) }
            startOfCare = soc
            certifiedPeriods = 1
            status = .active
        case (.referred, .notAdmitted(_, let reason)):
            guard !reason.isEmpty else { throw .reasonRequired(event.name) }
            status = .notAdmitted
        case (.active, .recertified(let day)), (.transferred, .recertified(let day)):
            guard let startOfCare else { throw .illegal(event: event.name, status: status) }
            let current = CertificationPeriod(number: certifiedPeriods, startOfCare: startOfCare)
            guard day >= current.recertificationWindowStart, day <= current.end else {
                throw .recertificationOutsideWindow(day: day, opens: current.recertificationWindowStart, closes: current.end)
            }
            certifiedPeriods += 1
        case (.active, .transferred):
            status = .transferred
        case (.transferred, .resumed):
            status = .active
        case (.active, .discharged(_, let reason)), (.transferred, .discharged(_, let reason)):
            guard !reason.isEmpty else { throw .reasonRequired(event.name) }
            status = .discharged
        case (_, .resumed) where status != .transferred:
            throw .resumptionWithoutTransfer
        default:
            throw .illegal(event: event.name, status: status)
        }
        events.append(event)
    }
}

/// Why a move in the episode was refused, said so a case manager knows what to do.
public enum EpisodeError: Error, Sendable, Equatable, CustomStringConvertible {
    case mustStartWithReferral
    case illegal(event: String, status: EpisodeStatus)
    case resumptionWithoutTransfer
    case startOfCareBeforeReferral(soc: CalendarDate, referral: CalendarDate)
    case recertificationOutsideWindow(day: CalendarDate, opens: CalendarDate, closes: CalendarDate)
    case outOfOrder(event: String, date: CalendarDate, after: String, lastDate: CalendarDate)
    case reasonRequired(String)

    public var description: String {
        switch self {
        case .mustStartWithReferral:
            "An episode begins with a referral."
        case .illegal(let event, let status):
            "A \(event) cannot be recorded while the episode is \(status.title.lowercased())."
        case .resumptionWithoutTransfer:
            "Resumption of care needs a transfer to an inpatient facility first. Record the transfer, then the resumption."
        case .startOfCareBeforeReferral(let soc, let referral):
            "The start of care (\(soc)) cannot be before the referral (\(referral))."
        case .recertificationOutsideWindow(let day, let opens, let closes):
            "Recertification on \(day) is outside the window \(opens) – \(closes) (the last 5 days of the period)."
        case .outOfOrder(let event, let date, let after, let lastDate):
            "The \(event) date \(date) is before the \(after) on \(lastDate). Check the date."
        case .reasonRequired(let event):
            "Give a reason for the \(event)."
        }
    }
}
