import Foundation

/// Who the patient is referred to: a service from the community directory, or a provider outside it.
public enum ReferralTarget: Sendable, Hashable, Codable {
    case communityService(serviceID: String, serviceName: String, organizationName: String?)
    /// A specialist, hospice, equipment supplier or other agency, with how to reach them.
    case provider(name: String, specialty: String?, contact: String?)

    /// "Mobile Meals (Senior Options)" or "Dr. Patel, podiatry".
    public var title: String {
        switch self {
        case .communityService(_, let service, let organization): organization.map { "\(service) (\($0))" } ?? service
        case .provider(let name, let specialty, _): specialty.map { "\(name), \($0)" } ?? name
        }
    }
}

/// Where a referral stands in its loop: draft → sent → accepted or declined → service started → closed.
public enum ReferralState: String, Sendable, Hashable, Codable, CaseIterable {
    case draft, sent, accepted, declined
    case serviceStarted = "service_started"
    case closed

    public var title: String {
        switch self {
        case .draft: "Draft"
        case .sent: "Sent, awaiting answer"
        case .accepted: "Accepted"
        case .declined: "Declined"
        case .serviceStarted: "Service started"
        case .closed: "Closed"
        }
    }

    /// The FHIR R4 Task.status the referral maps to (http://hl7.org/fhir/R4/valueset-task-status.html).
    public var fhirTaskStatus: String {
        switch self {
        case .draft: "draft"
        case .sent: "requested"
        case .accepted: "accepted"
        case .declined: "rejected"
        case .serviceStarted: "in-progress"
        case .closed: "completed"
        }
    }
}

/// A move on a referral, for messages.
public enum ReferralAction: String, Sendable, Hashable, Codable, CaseIterable {
    case send, accept, decline
    case startService = "start_service"
    case close, reassign

    var verb: String {
        switch self {
        case .send: "sent"
        case .accept: "accepted"
        case .decline: "declined"
        case .startService: "marked as started"
        case .close: "closed"
        case .reassign: "handed to another case manager"
        }
    }
}

/// One step of the loop: what happened, when, who recorded it and what was said.
public struct ReferralStep: Sendable, Hashable, Codable {
    public var state: ReferralState
    public var at: Date
    public var by: String
    public var note: String?

    public init(state: ReferralState, at: Date, by: String, note: String? = nil) {
        self.state = state
        self.at = at
        self.by = by
        self.note = note
    }
}

/// A referral to a community service or a provider, followed until the loop is closed.
/// Every refused move throws and leaves the referral exactly as it was.
public struct ResourceReferral: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let patientID: String
    /// The case manager who follows the referral; overdue answers land on their worklist.
    public private(set) var owner: String
    public let target: ReferralTarget
    /// What the patient needs from it: "Hot meals 5 days a week; cannot shop or cook since the stroke".
    public let need: String
    public private(set) var state: ReferralState
    /// Every step in order, the draft first.
    public private(set) var steps: [ReferralStep]
    public private(set) var declineReason: String?
    /// How the loop ended: "Receiving meals Mon–Fri", "Patient moved to daughter's home".
    public private(set) var outcome: String?

    /// A draft referral to a directory service; a service not taking referrals is refused.
    public init(id: String, patientID: String, owner: String, service: ResourceService, organization: ResourceOrganization?,
                need: String, at instant: Date, by person: String) throws(ReferralError) {
        guard service.isActive else { throw .inactiveService(name: service.name, status: service.status) }
        let target = ReferralTarget.communityService(serviceID: service.id, serviceName: service.name, organizationName: organization?.name)
        try self.init(id: id, patientID: patientID, owner: owner, target: target, need: need, at: instant, by: person)
    }

    /// A draft referral to a provider outside the directory.
    public init(id: String, patientID: String, owner: String, provider name: String, specialty: String? = nil, contact: String? = nil,
                need: String, at instant: Date, by person: String) throws(ReferralError) {
        guard !name.trimmed.isEmpty else { throw .providerNameRequired }
        let target = ReferralTarget.provider(name: name.trimmed, specialty: specialty?.trimmed.nonEmpty, contact: contact?.trimmed.nonEmpty)
        try self.init(id: id, patientID: patientID, owner: owner, target: target, need: need, at: instant, by: person)
    }

    private init(id: String, patientID: String, owner: String, target: ReferralTarget, need: String, at instant: Date,
                 by person: String) throws(ReferralError) {
        guard !need.trimmed.isEmpty else { throw .needRequired }
        self.init(restoring: id, patientID: patientID, owner: owner, target: target, need: need.trimmed, state: .draft,
                  steps: [ReferralStep(state: .draft, at: instant, by: person)])
    }

    /// Rebuilds a referral from storage as it was saved.
    public init(restoring id: String, patientID: String, owner: String, target: ReferralTarget, need: String, state: ReferralState,
                steps: [ReferralStep], declineReason: String? = nil, outcome: String? = nil) {
        self.id = id
        self.patientID = patientID
        self.owner = owner
        self.target = target
        self.need = need
        self.state = state
        self.steps = steps
        self.declineReason = declineReason
        self.outcome = outcome
    }

    /// The day and instant of the latest step into a state, if it happened.
    public func when(_ state: ReferralState) -> Date? { steps.last { $0.state == state }?.at }

    /// Sends the draft. For a directory service, pass the service as the directory has it now (nil if it was removed):
    /// a service that stopped taking referrals since the draft was written is refused.
    public mutating func send(at instant: Date, by person: String, note: String = "", service: ResourceService?) throws(ReferralError) {
        try check(.send, allowedFrom: [.draft], at: instant)
        if case .communityService(_, let name, _) = target {
            guard let service else { throw .serviceNoLongerListed(name: name) }
            guard service.isActive else { throw .inactiveService(name: service.name, status: service.status) }
        }
        move(to: .sent, at: instant, by: person, note: note)
    }

    /// The service or provider said yes.
    public mutating func accept(at instant: Date, by person: String, note: String = "") throws(ReferralError) {
        try check(.accept, allowedFrom: [.sent], at: instant)
        move(to: .accepted, at: instant, by: person, note: note)
    }

    /// The service or provider said no; the reason is needed to find another option.
    public mutating func decline(reason: String, at instant: Date, by person: String) throws(ReferralError) {
        try check(.decline, allowedFrom: [.sent], at: instant)
        guard !reason.trimmed.isEmpty else { throw .declineReasonRequired }
        declineReason = reason.trimmed
        move(to: .declined, at: instant, by: person, note: reason)
    }

    /// The patient is receiving the service: the first meal delivered, the first ride given.
    public mutating func startService(at instant: Date, by person: String, note: String = "") throws(ReferralError) {
        try check(.startService, allowedFrom: [.accepted], at: instant)
        move(to: .serviceStarted, at: instant, by: person, note: note)
    }

    /// Closes the loop with its outcome; a draft is deleted rather than closed.
    public mutating func close(outcome: String, at instant: Date, by person: String) throws(ReferralError) {
        try check(.close, allowedFrom: [.sent, .accepted, .declined, .serviceStarted], at: instant)
        guard !outcome.trimmed.isEmpty else { throw .outcomeRequired }
        self.outcome = outcome.trimmed
        move(to: .closed, at: instant, by: person, note: outcome)
    }

    /// Hands the referral to another case manager (hand-off); a closed referral stays with whoever closed it.
    public mutating func reassign(to owner: String) throws(ReferralError) {
        guard state != .closed else { throw .illegalMove(from: state, action: .reassign) }
        guard !owner.trimmed.isEmpty else { throw .ownerRequired }
        self.owner = owner.trimmed
    }

    private func check(_ action: ReferralAction, allowedFrom states: Set<ReferralState>, at instant: Date) throws(ReferralError) {
        guard states.contains(state) else { throw .illegalMove(from: state, action: action) }
        if let previous = steps.last?.at, instant < previous { throw .beforePreviousStep(previous) }
    }

    private mutating func move(to state: ReferralState, at instant: Date, by person: String, note: String) {
        steps.append(ReferralStep(state: state, at: instant, by: person, note: note.trimmed.nonEmpty))
        self.state = state
    }
}

/// Why a move on a referral was refused; the referral was left unchanged.
public enum ReferralError: Error, Sendable, Equatable, CustomStringConvertible {
    case illegalMove(from: ReferralState, action: ReferralAction)
    case inactiveService(name: String, status: ServiceStatus)
    case serviceNoLongerListed(name: String)
    case providerNameRequired
    case needRequired
    case declineReasonRequired
    case outcomeRequired
    case ownerRequired
    case beforePreviousStep(Date)

    public var description: String {
        switch self {
        case .illegalMove(let state, let action):
            "This referral is \(state.title.lowercased()); it cannot be \(action.verb) now. " + Self.nextStep(from: state)
        case .inactiveService(let name, let status):
            "\(name) is \(status.title.lowercased()) and is not taking referrals. Search the directory for another service."
        case .serviceNoLongerListed(let name): "\(name) is no longer in the directory. Search for another service, or refer to it as a provider."
        case .providerNameRequired: "Name the provider the patient is referred to."
        case .needRequired: "Say what the patient needs from this referral, e.g. hot meals five days a week."
        case .declineReasonRequired: "Record why the referral was declined (full, not eligible, outside the service area), to choose the next option."
        case .outcomeRequired: "Record how the loop ended, e.g. receiving meals Monday to Friday, or patient declined the service."
        case .ownerRequired: "Choose the case manager who will follow this referral."
        case .beforePreviousStep(let date):
            "This step is dated before the previous one (\(SignatureManifest.timeText(date, in: TimeZone(identifier: "UTC")!))). Check the date and time."
        }
    }

    private static func nextStep(from state: ReferralState) -> String {
        switch state {
        case .draft: "Send it first."
        case .sent: "Record whether it was accepted or declined first."
        case .accepted: "Record when the service started, or close it with the outcome."
        case .declined: "Close it with the outcome, or make a new referral elsewhere."
        case .serviceStarted: "Close it with the outcome when the loop is complete."
        case .closed: "The loop is closed; make a new referral if the need returns."
        }
    }
}
