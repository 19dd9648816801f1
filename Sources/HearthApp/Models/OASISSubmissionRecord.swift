import Fluent
import Foundation

/// One transmission of an OASIS assessment to CMS as the agency recorded it [42 CFR 484.45(a)]; the history is kept,
/// so a rejection stays visible after the corrected assessment is accepted.
final class OASISSubmissionRecord: Model, @unchecked Sendable {
    static let schema = "oasis_submissions"
    var properties: [any AnyProperty] { listed([$id, $patient, $episode, $assessment, $status, $onDate, $reason, $recordedBy, $recordedAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Parent(key: "episode_id") var episode: EpisodeRecord
    /// The signed assessment version transmitted.
    @Parent(key: "assessment_id") var assessment: AssessmentRecord
    /// An `OASISSubmission.Status` raw value: submitted, accepted, rejected.
    @Field(key: "status") var status: String
    @Field(key: "on_date") var onDate: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Timestamp(key: "recorded_at", on: .create) var recordedAt: Date?

    init() {}
}
