import Fluent
import Foundation

/// The case manager's record of one 30-day payment period of an episode (`PaymentPeriodEntry` in HearthCore).
final class PaymentPeriodRecord: Model, @unchecked Sendable {
    static let schema = "payment_periods"
    var properties: [any AnyProperty] {
        listed([$id, $patient, $episode, $number, $caseMixGroup, $lupaThreshold, $thresholdSource, $admissionSource, $recordedBy, $updatedAt])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Parent(key: "episode_id") var episode: EpisodeRecord
    /// 1 for the period that starts at start of care.
    @Field(key: "period_number") var number: Int
    @OptionalField(key: "case_mix_group") var caseMixGroup: String?
    @OptionalField(key: "lupa_threshold") var lupaThreshold: Int?
    @OptionalField(key: "threshold_source") var thresholdSource: String?
    /// An `AdmissionSource` raw value, when the case manager recorded one.
    @OptionalField(key: "admission_source") var admissionSource: String?
    @OptionalParent(key: "recorded_by") var recordedBy: User?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
