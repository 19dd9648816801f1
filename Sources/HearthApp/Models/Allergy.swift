import Fluent
import Foundation

/// An allergy or intolerance on a patient's record.
final class Allergy: Model, @unchecked Sendable {
    static let schema = "allergies"
    var properties: [any AnyProperty] { listed([$id, $patient, $substance, $reaction, $severity, $recordedBy, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Field(key: "substance") var substance: String
    @OptionalField(key: "reaction") var reaction: String?
    /// mild, moderate or severe.
    @Field(key: "severity") var severity: String
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension Allergy {
    /// "Sulfonamide antibiotics (severe), latex (mild)", as the chart header and the visit page show it; nil when none is recorded.
    static func summary(_ allergies: [Allergy]) -> String? {
        allergies.isEmpty ? nil : allergies.map { "\($0.substance) (\($0.severity))" }.joined(separator: ", ")
    }
}
