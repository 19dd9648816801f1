import Fluent
import Foundation

/// A planned discharge, a planned reduction of care or a significant change in condition, as the case manager recorded it
/// on the chart (`CareEvent` in HearthCore); kept, never edited: a discharge planned again is a new row.
final class CareEventRecord: Model, @unchecked Sendable {
    static let schema = "care_events"
    var properties: [any AnyProperty] { listed([$id, $patient, $episode, $kind, $onDate, $detail, $exception, $recordedBy, $recordedAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Parent(key: "episode_id") var episode: EpisodeRecord
    /// A `CareEvent.Kind` raw value.
    @Field(key: "kind") var kind: String
    @Field(key: "on_date") var onDate: String
    @Field(key: "detail") var detail: String
    /// A `CareEvent.Exception` raw value, when no notice is owed.
    @OptionalField(key: "exception") var exception: String?
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Timestamp(key: "recorded_at", on: .create) var recordedAt: Date?

    init() {}
}

/// A notice delivered before a planned change (`PatientNotice` in HearthCore): who delivered it, when, signed or refused.
final class PatientNoticeRecord: Model, @unchecked Sendable {
    static let schema = "patient_notices"
    var properties: [any AnyProperty] {
        listed([$id, $patient, $episode, $careEvent, $kind, $deliveredOn, $deliveredBy, $response, $recordedBy, $recordedAt])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Parent(key: "episode_id") var episode: EpisodeRecord
    @Parent(key: "care_event_id") var careEvent: CareEventRecord
    /// A `PatientNotice.Kind` raw value.
    @Field(key: "kind") var kind: String
    @Field(key: "delivered_on") var deliveredOn: String
    @Field(key: "delivered_by") var deliveredBy: String
    /// A `PatientNotice.Response` raw value.
    @Field(key: "response") var response: String
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Timestamp(key: "recorded_at", on: .create) var recordedAt: Date?

    init() {}
}
