import Fluent
import Foundation

/// A payer's authorization of visits for a patient (`HearthCore.VisitAuthorization`): number, discipline, visits
/// authorized and the days it covers. Visits used are counted from the visits made, never typed.
final class AuthorizationRecord: Model, @unchecked Sendable {
    static let schema = "authorizations"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $payer, $number, $discipline, $visitsAuthorized, $startOn, $endOn, $recordedBy, $createdAt
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Field(key: "payer") var payer: String
    @Field(key: "number") var number: String
    /// A `Discipline` raw value, or nil for every discipline.
    @OptionalField(key: "discipline") var discipline: String?
    @OptionalField(key: "visits_authorized") var visitsAuthorized: Int?
    @Field(key: "start_on") var startOn: String
    @Field(key: "end_on") var endOn: String
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
