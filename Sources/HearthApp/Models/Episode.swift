import Fluent
import Foundation

/// A home health episode of care: referral to discharge. Its status and dates are derived from its events
/// by `HearthCore.Episode`, and stored here so lists can filter and sort on them.
final class EpisodeRecord: Model, @unchecked Sendable {
    static let schema = "episodes"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $status, $referralDate, $startOfCare, $certifiedPeriods, $certifiedThrough, $referralSource,
            $referralReceivedAt, $orderedStartOfCare, $createdAt, $updatedAt, $events
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    /// An `EpisodeStatus` raw value.
    @Field(key: "status") var status: String
    @Field(key: "referral_date") var referralDate: String
    @OptionalField(key: "start_of_care") var startOfCare: String?
    @Field(key: "certified_periods") var certifiedPeriods: Int
    /// Last day of certified care, `YYYY-MM-DD`: sorting on it finds recertifications coming due.
    @OptionalField(key: "certified_through") var certifiedThrough: String?
    /// Who referred the patient: "St. Mary's Hospital, discharge planner J. Ortiz".
    @OptionalField(key: "referral_source") var referralSource: String?
    /// When the referral arrived, if the time was recorded: the 48-hour initial-assessment rule counts from it.
    @OptionalField(key: "referral_received_at") var referralReceivedAt: Date?
    /// The start-of-care date the physician ordered, `YYYY-MM-DD`, if one was given.
    @OptionalField(key: "ordered_start_of_care") var orderedStartOfCare: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Children(for: \.$episode) var events: [EpisodeEventRecord]

    init() {}
}

/// One move in an episode (referral, start of care, transfer, resumption, recertification, discharge).
final class EpisodeEventRecord: Model, @unchecked Sendable {
    static let schema = "episode_events"
    var properties: [any AnyProperty] { listed([$id, $episode, $position, $kind, $onDate, $occurredAt, $orderedOn, $circumstance, $reason, $recordedBy, $recordedAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "episode_id") var episode: EpisodeRecord
    /// The order of events within the episode, from 1.
    @Field(key: "position") var position: Int
    @Field(key: "kind") var kind: String
    @Field(key: "on_date") var onDate: String
    /// When it happened, if the time was recorded: the 48-hour resumption rule counts from the return home's instant.
    @OptionalField(key: "occurred_at") var occurredAt: Date?
    /// For a return home: the resumption date the physician ordered, `YYYY-MM-DD`, if one was given [42 CFR 484.55(d)(2)].
    @OptionalField(key: "ordered_on") var orderedOn: String?
    /// An `EpisodeEventCircumstance` raw value: a discharge that was a death at home, a transfer for diagnostic tests only.
    @OptionalField(key: "circumstance") var circumstance: String?
    @OptionalField(key: "reason") var reason: String?
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Timestamp(key: "recorded_at", on: .create) var recordedAt: Date?

    init() {}
}
