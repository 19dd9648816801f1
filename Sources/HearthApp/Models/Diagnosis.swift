import Fluent
import Foundation

/// A diagnosis on a patient's record, coded in ICD-10-CM.
final class Diagnosis: Model, @unchecked Sendable {
    static let schema = "diagnoses"
    var properties: [any AnyProperty] { listed([$id, $patient, $code, $title, $rank, $onsetDate, $resolvedDate, $recordedBy, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Field(key: "code") var code: String
    @Field(key: "title") var title: String
    /// "primary" or "secondary".
    @Field(key: "rank") var rank: String
    @OptionalField(key: "onset_date") var onsetDate: String?
    @OptionalField(key: "resolved_date") var resolvedDate: String?
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
