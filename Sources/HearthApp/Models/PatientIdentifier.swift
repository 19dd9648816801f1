import Fluent
import Foundation

/// An identifier another system gave the patient (`system|value`), in the order the partner sent them.
final class PatientIdentifier: Model, @unchecked Sendable {
    static let schema = "patient_identifiers"
    var properties: [any AnyProperty] { listed([$id, $patient, $system, $value, $use, $typeJSON, $position, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Field(key: "system") var system: String
    @Field(key: "value") var value: String
    /// FHIR `Identifier.use` (usual, official, secondary, old).
    @OptionalField(key: "use") var use: String?
    /// FHIR `Identifier.type` as sent (a CodeableConcept, e.g. v2-0203 "MR"), JSON.
    @OptionalField(key: "type_json") var typeJSON: String?
    @Field(key: "position") var position: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(patientID: UUID, system: String, value: String, use: String?, typeJSON: String?, position: Int) {
        self.$patient.id = patientID
        self.system = system
        self.value = value
        self.use = use
        self.typeJSON = typeJSON
        self.position = position
    }
}
