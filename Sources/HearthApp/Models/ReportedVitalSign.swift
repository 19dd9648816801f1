import Fluent
import Foundation

/// A vital sign another system reported over FHIR (a hospital's last set, a remote monitor's reading): kept beside the
/// visits' own vitals, read back as an Observation, never mixed into a visit note.
final class ReportedVitalSign: Model, @unchecked Sendable {
    static let schema = "reported_vital_signs"
    var properties: [any AnyProperty] {
        listed([$id, $patient, $sign, $value, $secondValue, $unit, $effectiveAt, $source, $reportedBy, $createdAt, $updatedAt])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    /// A `VitalSign` raw value; `systolic` with `secondValue` is a blood pressure panel.
    @Field(key: "sign") var sign: String
    @Field(key: "value") var value: Double
    /// The diastolic pressure of a blood pressure panel.
    @OptionalField(key: "second_value") var secondValue: Double?
    /// The UCUM code as sent (`VitalUnit` raw value).
    @Field(key: "unit") var unit: String
    @Field(key: "effective_at") var effectiveAt: Date
    /// Who reported it, in words: the sender's account name.
    @Field(key: "source") var source: String
    @Parent(key: "reported_by") var reportedBy: User
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
