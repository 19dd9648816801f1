import Foundation

/// How the communication happened.
public enum CommunicationKind: String, Sendable, Hashable, Codable, CaseIterable {
    case call, message, fax, meeting, conference, email, letter

    public var title: String {
        switch self {
        case .call: "Phone call"
        case .message: "Message"
        case .fax: "Fax"
        case .meeting: "Meeting"
        case .conference: "Case conference"
        case .email: "Email"
        case .letter: "Letter"
        }
    }
}

/// Whether the agency received it or sent it.
public enum CommunicationDirection: String, Sendable, Hashable, Codable, CaseIterable {
    case incoming = "in"
    case outgoing = "out"

    public var title: String { self == .incoming ? "Incoming" : "Outgoing" }
}

/// Who the communication was with.
public enum CommunicationParty: String, Sendable, Hashable, Codable, CaseIterable {
    case physician, family, pharmacy, payer
    case teamMember = "team_member"
    case communityService = "community_service"
    case other

    public var title: String {
        switch self {
        case .physician: "Physician"
        case .family: "Family or caregiver"
        case .pharmacy: "Pharmacy"
        case .payer: "Payer"
        case .teamMember: "Team member"
        case .communityService: "Community service"
        case .other: "Other"
        }
    }
}

/// The task a communication calls for: "Fax updated medication list to Dr. Ruiz".
public struct CommunicationFollowUp: Sendable, Hashable, Codable {
    public var title: String
    public var owner: String
    public var due: CalendarDate
    public var priority: WorklistPriority

    public init(title: String, owner: String, due: CalendarDate, priority: WorklistPriority = .normal) {
        self.title = title
        self.owner = owner
        self.due = due
        self.priority = priority
    }
}

/// One entry of a patient's communication log: who, how, when, about what, and what happens next.
public struct CommunicationEntry: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var patientID: String
    public var kind: CommunicationKind
    public var direction: CommunicationDirection
    public var party: CommunicationParty
    /// The person or office: "Dr. Ana Ruiz", "daughter Maria", "CVS on Main St".
    public var partyName: String
    public var subject: String
    public var summary: String
    public var occurredAt: Date
    public var recordedBy: String
    public var followUp: CommunicationFollowUp?

    public init(id: String, patientID: String, kind: CommunicationKind, direction: CommunicationDirection, party: CommunicationParty,
                partyName: String, subject: String, summary: String, occurredAt: Date, recordedBy: String,
                followUp: CommunicationFollowUp? = nil) {
        self.id = id
        self.patientID = patientID
        self.kind = kind
        self.direction = direction
        self.party = party
        self.partyName = partyName
        self.subject = subject
        self.summary = summary
        self.occurredAt = occurredAt
        self.recordedBy = recordedBy
        self.followUp = followUp
    }

    /// "Outgoing phone call with Physician Dr. Ana Ruiz".
    public var heading: String { "\(direction.title) \(kind.title.lowercased()) with \(party.title.lowercased()) \(partyName)" }
}

/// The communication form as typed; `entry` checks it and answers with a message by each bad field.
public struct CommunicationDraft: Sendable, Equatable {
    public var kind: String
    public var direction: String
    public var party: String
    public var partyName: String
    public var subject: String
    public var summary: String
    /// The day it happened, YYYY-MM-DD, and the time, HH:MM (24-hour), in the agency's time zone.
    public var date: String
    public var time: String
    public var followUpTitle: String
    public var followUpOwner: String
    public var followUpDue: String
    public var followUpPriority: String

    public init(kind: String, direction: String, party: String, partyName: String, subject: String, summary: String, date: String,
                time: String, followUpTitle: String = "", followUpOwner: String = "", followUpDue: String = "", followUpPriority: String = "") {
        self.kind = kind.trimmed.lowercased()
        self.direction = direction.trimmed.lowercased()
        self.party = party.trimmed.lowercased()
        self.partyName = partyName.trimmed
        self.subject = subject.trimmed
        self.summary = summary.trimmed
        self.date = date.trimmed
        self.time = time.trimmed
        self.followUpTitle = followUpTitle.trimmed
        self.followUpOwner = followUpOwner.trimmed
        self.followUpDue = followUpDue.trimmed
        self.followUpPriority = followUpPriority.trimmed.lowercased()
    }

    /// Field name → message for everything wrong; empty when the entry can be saved.
    public func problems(now: Date, in zone: TimeZone) -> [String: String] {
        switch entry(id: "", patientID: "", recordedBy: "", now: now, in: zone) {
        case .success: [:]
        case .failure(let problems): problems.byField
        }
    }

    public struct Problems: Error, Sendable, Equatable {
        public var byField: [String: String]
    }

    /// Whether any follow-up field was filled in: then the follow-up must be complete.
    public var hasFollowUp: Bool { !(followUpTitle + followUpOwner + followUpDue).isEmpty }

    public func entry(id: String, patientID: String, recordedBy: String, now: Date, in zone: TimeZone) -> Result<CommunicationEntry, Problems> {
        var problems: [String: String] = [:]
        let kind = CommunicationKind(rawValue: kind)
        if kind == nil { problems["kind"] = "Choose call, message, fax, meeting, conference, email or letter." }
        let direction = Self.direction(self.direction)
        if direction == nil { problems["direction"] = "Choose incoming or outgoing." }
        let party = CommunicationParty(rawValue: party.replacingOccurrences(of: " ", with: "_"))
        if party == nil {
            problems["party"] = "Choose who it was with: physician, family, pharmacy, payer, team member, community service or other."
        }
        Self.checkText(partyName, field: "partyName", limit: 120, missing: "Name who it was with, e.g. Dr. Ruiz or daughter Maria.", into: &problems)
        Self.checkText(subject, field: "subject", limit: 200, missing: "Give a subject, e.g. weight gain 3 lb.", into: &problems)
        Self.checkText(summary, field: "summary", limit: 4000, missing: "Summarize what was said and agreed.", into: &problems)
        let occurredAt = occurredAt(now: now, in: zone, problems: &problems)
        let followUp = hasFollowUp ? self.followUp(today: CalendarDate(now, in: zone), problems: &problems) : nil
        guard problems.isEmpty, let kind, let direction, let party, let occurredAt else { return .failure(Problems(byField: problems)) }
        return .success(CommunicationEntry(id: id, patientID: patientID, kind: kind, direction: direction, party: party, partyName: partyName,
                                           subject: subject, summary: summary, occurredAt: occurredAt, recordedBy: recordedBy, followUp: followUp))
    }

    private func occurredAt(now: Date, in zone: TimeZone, problems: inout [String: String]) -> Date? {
        guard let day = CalendarDate(date) else {
            problems["date"] = "Enter the day it happened as YYYY-MM-DD."
            return nil
        }
        guard let minutes = ReferralDraft.minutes(time), let instant = ReferralDraft.instant(day, minutes: minutes, in: zone) else {
            problems["time"] = "Enter the time as HH:MM (24-hour), e.g. 14:30."
            return nil
        }
        guard instant <= now else {
            problems[day > CalendarDate(now, in: zone) ? "date" : "time"] = "It cannot have happened later than now. Check the date and time."
            return nil
        }
        return instant
    }

    private func followUp(today: CalendarDate, problems: inout [String: String]) -> CommunicationFollowUp? {
        Self.checkText(followUpTitle, field: "followUpTitle", limit: 200, missing: "Say what needs doing next, e.g. fax the new order.",
                       into: &problems)
        if followUpOwner.isEmpty { problems["followUpOwner"] = "Choose who will do the follow-up." }
        let due = CalendarDate(followUpDue)
        if due == nil { problems["followUpDue"] = "Enter the follow-up due date as YYYY-MM-DD." }
        if let due, due < today { problems["followUpDue"] = "The follow-up date is in the past. Choose today or a later day." }
        let priority = followUpPriority.isEmpty ? .normal : WorklistPriority(rawValue: followUpPriority)
        if priority == nil { problems["followUpPriority"] = "Choose low, normal, high or urgent." }
        guard let due, let priority, !followUpTitle.isEmpty, !followUpOwner.isEmpty else { return nil }
        return CommunicationFollowUp(title: followUpTitle, owner: followUpOwner, due: due, priority: priority)
    }

    private static func direction(_ text: String) -> CommunicationDirection? {
        switch text {
        case "in", "incoming": .incoming
        case "out", "outgoing": .outgoing
        default: nil
        }
    }

    private static func checkText(_ text: String, field: String, limit: Int, missing: String, into problems: inout [String: String]) {
        if text.isEmpty { problems[field] = missing }
        if text.count > limit { problems[field] = "Use at most \(limit) characters." }
    }
}
