import Foundation

/// A referral from the hospital to a post-acute provider, sent in parallel with others and closed by the answer.
public enum PostAcuteReferralStatus: String, Sendable, Codable, CaseIterable {
    case sent
    case accepted
    case declined
    /// The hospital withdrew it (the patient went with another provider, or the plan changed).
    case withdrawn

    public var title: String {
        switch self {
        case .sent: "Waiting for an answer"
        case .accepted: "Accepted"
        case .declined: "Declined"
        case .withdrawn: "Withdrawn"
        }
    }

    /// The answers a referral in this state may still receive.
    public var next: Set<PostAcuteReferralStatus> {
        switch self {
        case .sent: [.accepted, .declined, .withdrawn]
        case .accepted: [.withdrawn]
        case .declined, .withdrawn: []
        }
    }

    /// Why the move is refused, or nil when it is allowed.
    public func problem(moving to: PostAcuteReferralStatus) -> String? {
        next.contains(to) ? nil : "This referral is \(title.lowercased()): it cannot become \(to.title.lowercased())."
    }
}

/// A referral as the acceptance clock reads it.
public struct PostAcuteReferralFacts: Sendable, Equatable {
    public var provider: String
    public var sentAt: Date
    /// When the provider was asked to answer by.
    public var deadline: Date
    public var status: PostAcuteReferralStatus
    /// When the provider answered (accepted or declined).
    public var answeredAt: Date?
    /// When it accepted, kept if the referral is later withdrawn.
    public var acceptedAt: Date?

    public init(provider: String, sentAt: Date, deadline: Date, status: PostAcuteReferralStatus, answeredAt: Date? = nil, acceptedAt: Date? = nil) {
        self.provider = provider
        self.sentAt = sentAt
        self.deadline = deadline
        self.status = status
        self.answeredAt = answeredAt
        self.acceptedAt = acceptedAt ?? (status == .accepted ? answeredAt : nil)
    }

    /// Unanswered past the deadline, or answered after it.
    public func isLate(now: Date) -> Bool {
        switch status {
        case .sent: now > deadline
        case .accepted, .declined: (answeredAt ?? now) > deadline
        case .withdrawn: false
        }
    }
}

/// Days the patient stays only because no post-acute provider has accepted: each calendar day from the expected
/// discharge date (the day the patient was ready to leave) on which the first acceptance had not come and its deadline
/// had passed. The reason and owner are "post-acute acceptance", as avoidable days are reported.
public struct AcceptanceDelay: Sendable, Equatable {
    public static let reason = "post-acute acceptance"
    /// The reason as avoidable days are recorded (`AvoidableDayReason.postAcuteAcceptance`), owned by the post-acute provider.
    public static let reasonCode = "post_acute_acceptance"

    public var days: Int
    public var explanation: String

    public init(referrals: [PostAcuteReferralFacts], expectedDischarge: CalendarDate?, dischargedAt: Date?, now: Date, zone: TimeZone) {
        guard let ready = expectedDischarge, let deadline = referrals.map(\.deadline).min() else {
            self.init(days: 0, explanation: expectedDischarge == nil ? "No expected discharge date: avoidable days are counted from it." : "No referral sent yet.")
            return
        }
        let accepted = referrals.compactMap(\.acceptedAt).min()
        let end = [accepted, dischargedAt, now].compactMap { $0 }.min()!
        let from = max(ready, CalendarDate(deadline, in: zone))
        let days = max(0, from.days(until: CalendarDate(end, in: zone)))
        let counted = accepted.map { "The first acceptance came \(CalendarDate($0, in: zone))" } ?? "No provider has accepted yet"
        self.init(days: end > deadline ? days : 0,
                  explanation: "\(counted); the patient was expected to leave \(ready) and the first answer was due \(CalendarDate(deadline, in: zone))."
                    + " Each day from then until an acceptance is an avoidable day owed to \(Self.reason).")
    }

    init(days: Int, explanation: String) {
        self.days = days
        self.explanation = explanation
    }
}

/// What a late first acceptance does to the stay's avoidable-days record, so the avoidable-days report counts the days
/// the wait cost: close the reviewer's open "waiting on a post-acute provider to accept" run the day before the
/// acceptance, or, if none covers those days, add the run `AcceptanceDelay` counts — owned by the post-acute provider.
public enum LateAcceptance {
    public enum Change: Sendable, Equatable {
        case none
        /// Close the open run at `existing[index]` on `through`.
        case close(index: Int, through: CalendarDate)
        case add(AvoidableDays)
    }

    /// `referrals` as they stood before `provider` accepted at `acceptedAt`; `existing` the stay's recorded runs.
    public static func change(referrals: [PostAcuteReferralFacts], provider: String, acceptedAt: Date, expectedDischarge: CalendarDate?,
                              existing: [AvoidableDays], zone: TimeZone) -> Change {
        // Only the first acceptance ends the wait; a second one costs nothing more.
        guard referrals.allSatisfy({ $0.acceptedAt == nil }), let ready = expectedDischarge, let deadline = referrals.map(\.deadline).min() else { return .none }
        let accepted = referrals.map { $0.provider == provider && $0.status == .sent ? PostAcuteReferralFacts(provider: $0.provider, sentAt: $0.sentAt, deadline: $0.deadline,
                                                                                                                status: .accepted, answeredAt: acceptedAt) : $0 }
        let delay = AcceptanceDelay(referrals: accepted, expectedDischarge: ready, dischargedAt: nil, now: acceptedAt, zone: zone)
        guard delay.days > 0 else { return .none }
        let from = max(ready, CalendarDate(deadline, in: zone)), through = from.adding(days: delay.days - 1)
        let waiting = existing.indices.filter { existing[$0].reason == .postAcuteAcceptance }
        if let open = waiting.first(where: { existing[$0].through == nil }) {
            return existing[open].from <= through ? .close(index: open, through: through) : .none
        }
        // Days a reviewer already recorded for the wait are not counted twice.
        if waiting.contains(where: { existing[$0].from <= through && (existing[$0].through ?? through) >= from }) { return .none }
        let day = CalendarDate(acceptedAt, in: zone)
        return .add(AvoidableDays(reason: .postAcuteAcceptance, owner: .postAcuteProvider, from: from, through: through,
                                  note: "\(provider) accepted on \(day); the first answer was due \(CalendarDate(deadline, in: zone)) (recorded by Hearth)."))
    }
}
