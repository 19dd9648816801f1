import Fluent
import Foundation

/// One entry of a patient's communication log: a call, message, fax, meeting or conference, with whom and what was
/// agreed; a follow-up, when there is one, is a task on the owner's worklist.
final class CommunicationRecord: Model, @unchecked Sendable {
    static let schema = "communications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    /// `CommunicationKind`, `CommunicationDirection` and `CommunicationParty` raw values.
    @Field(key: "kind") var kind: String
    @Field(key: "direction") var direction: String
    @Field(key: "party") var party: String
    @Field(key: "party_name") var partyName: String
    @Field(key: "subject") var subject: String
    @Field(key: "summary") var summary: String
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalParent(key: "task_id") var task: CareTask?
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
