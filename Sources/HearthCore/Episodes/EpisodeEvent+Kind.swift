import Foundation

extension EpisodeEvent {
    /// How an event is named in storage and in forms.
    public enum Kind: String, Sendable, CaseIterable {
        case referral, admission = "start_of_care", notAdmitted = "not_admitted", recertification, transfer, resumption, discharge

        public var title: String {
            switch self {
            case .referral: "Referral received"
            case .admission: "Start of care"
            case .notAdmitted: "Not admitted"
            case .recertification: "Recertified"
            case .transfer: "Transferred to inpatient"
            case .resumption: "Resumption of care"
            case .discharge: "Discharged"
            }
        }

        public var needsReason: Bool { self == .notAdmitted || self == .discharge }
    }

    public var kind: Kind {
        switch self {
        case .referralReceived: .referral
        case .admitted: .admission
        case .notAdmitted: .notAdmitted
        case .recertified: .recertification
        case .transferred: .transfer
        case .resumed: .resumption
        case .discharged: .discharge
        }
    }

    public var reason: String? {
        switch self {
        case .notAdmitted(_, let reason), .discharged(_, let reason): reason
        default: nil
        }
    }

    public init(kind: Kind, on date: CalendarDate, reason: String?) {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        switch kind {
        case .referral: self = .referralReceived(on: date)
        case .admission: self = .admitted(startOfCare: date)
        case .notAdmitted: self = .notAdmitted(on: date, reason: reason)
        case .recertification: self = .recertified(on: date)
        case .transfer: self = .transferred(on: date)
        case .resumption: self = .resumed(on: date)
        case .discharge: self = .discharged(on: date, reason: reason)
        }
    }
}

extension Episode {
    /// The moves a case manager may record next, for the buttons on the chart.
    public var nextMoves: [EpisodeEvent.Kind] {
        switch status {
        case .referred: [.admission, .notAdmitted]
        case .active: [.recertification, .transfer, .discharge]
        case .transferred: [.resumption, .recertification, .discharge]
        case .discharged, .notAdmitted: []
        }
    }
}
