import Fluent
import Foundation

/// Something a person must do for a patient, by when: the start of the worklist. Today a safety alert from a
/// signed assessment creates one for the case manager; coordination will add more sources.
final class CareTask: Model, @unchecked Sendable {
    static let schema = "tasks"

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Parent(key: "assigned_to_id") var assignedTo: User
    @Field(key: "title") var title: String
    @OptionalField(key: "detail") var detail: String?
    /// "urgent", "soon" or "routine".
    @Field(key: "urgency") var urgency: String
    @Field(key: "due_at") var dueAt: Date
    /// "open" or "done".
    @Field(key: "status") var status: String
    /// What made the task, e.g. "assessment:<id>".
    @OptionalField(key: "source") var source: String?
    @OptionalParent(key: "completed_by_id") var completedBy: User?
    @OptionalField(key: "completed_at") var completedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
