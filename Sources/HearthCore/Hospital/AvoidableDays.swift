import Foundation

/// Why a patient stayed in a hospital bed without needing hospital care that day.
public enum AvoidableDayReason: String, Sendable, Codable, CaseIterable {
    case payerAuthorization = "payer_authorization"
    case postAcuteAcceptance = "post_acute_acceptance"
    case postAcuteBed = "post_acute_bed"
    case internalTests = "internal_tests"
    case internalConsult = "internal_consult"
    case physicianDecision = "physician_decision"
    case patientFamily = "patient_family"
    case transport
    case other

    public var title: String {
        switch self {
        case .payerAuthorization: "Waiting on the payer's authorization"
        case .postAcuteAcceptance: "Waiting on a post-acute provider to accept"
        case .postAcuteBed: "Accepted, waiting for a post-acute bed or start date"
        case .internalTests: "Waiting on a test or its result"
        case .internalConsult: "Waiting on a consult"
        case .physicianDecision: "Waiting on a physician's discharge decision"
        case .patientFamily: "Patient or family not ready or deciding"
        case .transport: "Waiting on transport"
        case .other: "Other (say why)"
        }
    }

    /// Who usually owns the delay; the reviewer may name another.
    public var usualOwner: AvoidableDayOwner {
        switch self {
        case .payerAuthorization: .payer
        case .postAcuteAcceptance, .postAcuteBed: .postAcuteProvider
        case .internalTests, .internalConsult, .transport, .other: .hospital
        case .physicianDecision: .physician
        case .patientFamily: .patientFamily
        }
    }
}

/// Who must act to end the delay.
public enum AvoidableDayOwner: String, Sendable, Codable, CaseIterable {
    case payer
    case postAcuteProvider = "post_acute"
    case hospital
    case physician
    case patientFamily = "patient_family"

    public var title: String {
        switch self {
        case .payer: "Payer"
        case .postAcuteProvider: "Post-acute provider"
        case .hospital: "Hospital (internal)"
        case .physician: "Physician"
        case .patientFamily: "Patient or family"
        }
    }
}

/// A run of avoidable days on a stay: from the first day through the last (inclusive), or still running.
public struct AvoidableDays: Sendable, Equatable {
    public var reason: AvoidableDayReason
    public var owner: AvoidableDayOwner
    public var from: CalendarDate
    public var through: CalendarDate?
    public var note: String

    public init(reason: AvoidableDayReason, owner: AvoidableDayOwner, from: CalendarDate, through: CalendarDate? = nil, note: String = "") {
        self.reason = reason
        self.owner = owner
        self.from = from
        self.through = through
        self.note = note
    }

    /// Calendar days counted, both ends included; an open run counts through today.
    public func days(today: CalendarDate) -> Int { max(0, from.days(until: through ?? today) + 1) }

    /// Whole dollars: days × the hospital's cost of a day (configured, `HEARTH_AVOIDABLE_DAY_COST`).
    public func cost(today: CalendarDate, perDay: Int) -> Int { days(today: today) * perDay }

    /// Problems with recording the run on a stay, keyed by form field.
    public func problems(stay: InpatientStay, today: CalendarDate, zone: TimeZone) -> [String: String] {
        var problems: [String: String] = [:]
        let arrived = CalendarDate(stay.arrivedAt, in: zone)
        let last = stay.dischargedAt.map { CalendarDate($0, in: zone) } ?? today
        if from < arrived { problems["from"] = "The first avoidable day cannot come before the patient arrived (\(arrived))." }
        if from > last { problems["from"] = "The first avoidable day cannot be after \(last)." }
        if let through {
            if through < from { problems["through"] = "The last day comes on or after the first (\(from))." }
            if through > last { problems["through"] = "The last day cannot be after \(last); leave it empty while the delay goes on." }
        }
        if reason == .other && note.trimmingCharacters(in: .whitespaces).isEmpty { problems["note"] = "Say what the patient is waiting for." }
        return problems
    }
}

/// Avoidable days summed by reason and by owner, costed: the avoidable-days report.
public struct AvoidableDaysSummary: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var key: String
        public var title: String
        public var days: Int
        public var cost: Int
    }

    public var byReason: [Line]
    public var byOwner: [Line]
    public var totalDays: Int
    public var totalCost: Int

    /// Lines with the most days first; reasons and owners with none are left out.
    public init(_ runs: [AvoidableDays], today: CalendarDate, perDay: Int) {
        func lines<K: Hashable>(_ key: (AvoidableDays) -> K, _ name: (K) -> (String, String)) -> [Line] {
            Dictionary(grouping: runs, by: key).map { key, runs in
                let days = runs.reduce(0) { $0 + $1.days(today: today) }
                return Line(key: name(key).0, title: name(key).1, days: days, cost: days * perDay)
            }.sorted { ($1.days, $0.title) < ($0.days, $1.title) }
        }
        byReason = lines(\.reason) { ($0.rawValue, $0.title) }
        byOwner = lines(\.owner) { ($0.rawValue, $0.title) }
        totalDays = runs.reduce(0) { $0 + $1.days(today: today) }
        totalCost = totalDays * perDay
    }
}
