import Fluent
import Foundation

/// One change to a patient's record, old → new, for the history on the chart.
final class RecordChange: Model, @unchecked Sendable {
    static let schema = "record_changes"
    var properties: [any AnyProperty] { listed([$id, $patient, $field, $oldValue, $newValue, $changedBy, $changedAt, $recordID]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    /// What changed, in words: "Case manager", "Registered".
    @Field(key: "field") var field: String
    @OptionalField(key: "old_value") var oldValue: String?
    @OptionalField(key: "new_value") var newValue: String?
    @OptionalParent(key: "changed_by_id") var changedBy: User?
    @Field(key: "changed_at") var changedAt: Date
    /// The record changed, when the change is to one of several (a medication); nil for the patient's own fields.
    @OptionalField(key: "record_id") var recordID: UUID?

    init() {}

    init(patientID: UUID, field: String, from oldValue: String?, to newValue: String?, by userID: UUID?, recordID: UUID? = nil) {
        self.recordID = recordID
        self.$patient.id = patientID
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.$changedBy.id = userID
        self.changedAt = Date()
    }
}
