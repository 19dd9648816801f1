import Fluent
import Foundation

/// A dated fact that meets a deadline and is not an assessment: a Notice of Admission submitted,
/// a face-to-face encounter documented.
final class ComplianceDocument: Model, @unchecked Sendable {
    static let schema = "compliance_documents"
    var properties: [any AnyProperty] { listed([$id, $patient, $episode, $kind, $onDate, $note, $recordedBy, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Parent(key: "episode_id") var episode: EpisodeRecord
    /// A `ComplianceRecord.Kind` key: notice_of_admission, face_to_face_encounter.
    @Field(key: "kind") var kind: String
    @Field(key: "on_date") var onDate: String
    @OptionalField(key: "note") var note: String?
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A supervisor's decision that an obligation will not be met, with the reason.
final class ObligationWaiver: Model, @unchecked Sendable {
    static let schema = "obligation_waivers"
    var properties: [any AnyProperty] { listed([$id, $episode, $obligationKey, $reason, $waivedBy, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "episode_id") var episode: EpisodeRecord
    @Field(key: "obligation_key") var obligationKey: String
    @Field(key: "reason") var reason: String
    @Parent(key: "waived_by_id") var waivedBy: User
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
