import Fluent
import Foundation

/// Something a person must do for a patient, by when: the worklist. People add tasks by hand; a safety alert, a
/// communication's follow-up and the worklist rules (`HearthCore.WorklistRules`) add the rest.
final class CareTask: Model, @unchecked Sendable {
    static let schema = "tasks"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $assignedTo, $title, $detail, $priority, $dueAt, $status, $source, $dedupeKey, $completedBy, $completedAt,
            $completionNote, $createdAt
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Parent(key: "assigned_to_id") var assignedTo: User
    @Field(key: "title") var title: String
    @OptionalField(key: "detail") var detail: String?
    /// A `WorklistPriority` raw value: urgent, high, normal or low.
    @Field(key: "urgency") var priority: String
    @Field(key: "due_at") var dueAt: Date
    /// "open" or "done".
    @Field(key: "status") var status: String
    /// A `WorklistSource` raw value: what put the task on the worklist.
    @OptionalField(key: "source") var source: String?
    /// The situation a rule-made task is about ("referral:<id>:response"): the same situation never makes a second task.
    @OptionalField(key: "dedupe_key") var dedupeKey: String?
    @OptionalParent(key: "completed_by_id") var completedBy: User?
    @OptionalField(key: "completed_at") var completedAt: Date?
    /// What the person who closed it said, or why Hearth closed it.
    @OptionalField(key: "completion_note") var completionNote: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
