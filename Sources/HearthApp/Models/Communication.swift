import Fluent
import Foundation

/// One entry of a patient's communication log: a call, message, fax, meeting or conference, with whom and what was
/// agreed; a follow-up, when there is one, is a task on the owner's worklist.
final class CommunicationRecord: Model, @unchecked Sendable {
    static let schema = "communications"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $kind, $direction, $party, $partyName, $subject, $summary, $occurredAt, $task, $recordedBy, $createdAt
        ])
    }

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

/// The community resources directory as imported (HSDS), one row per import; the newest is the directory in use.
/// A directory of a few hundred services is read whole; a region-sized one will want its own tables.
final class ResourceDirectoryRecord: Model, @unchecked Sendable {
    static let schema = "resource_directories"
    var properties: [any AnyProperty] { listed([$id, $directoryJSON, $summary, $importedBy, $importedAt]) }

    @ID(key: .id) var id: UUID?
    /// `HearthCore.ResourceDirectory` as JSON.
    @Field(key: "directory_json") var directoryJSON: String
    @Field(key: "summary") var summary: String
    @OptionalParent(key: "imported_by_id") var importedBy: User?
    @Timestamp(key: "imported_at", on: .create) var importedAt: Date?

    init() {}
}

/// A referral of a patient to a community service or a provider, with its closed loop (draft → sent → accepted or
/// declined → service started → closed). The whole `HearthCore.ResourceReferral` is stored as JSON.
final class ResourceReferralRecord: Model, @unchecked Sendable {
    static let schema = "resource_referrals"
    var properties: [any AnyProperty] { listed([$id, $patient, $state, $referralJSON, $owner, $createdAt, $updatedAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    /// A `ReferralState` raw value, for lists and the worklist.
    @Field(key: "state") var state: String
    @Field(key: "referral_json") var referralJSON: String
    @OptionalParent(key: "owner_id") var owner: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
