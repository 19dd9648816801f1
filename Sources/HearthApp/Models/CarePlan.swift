import Fluent
import Foundation

/// The care plan of one episode. Its content lives in versions; this row points at the newest.
final class CarePlanRecord: Model, @unchecked Sendable {
    static let schema = "care_plans"

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Parent(key: "episode_id") var episode: EpisodeRecord
    /// The newest version's number, from 1.
    @Field(key: "current_version") var currentVersion: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// One version of a care plan: every change saves a whole new snapshot, so versions compare as a diff.
final class CarePlanVersionRecord: Model, @unchecked Sendable {
    static let schema = "care_plan_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "care_plan_id") var carePlan: CarePlanRecord
    @Field(key: "version") var version: Int
    /// `CarePlanContent` as JSON: problems, goals, interventions, the patient's input.
    @Field(key: "content") var content: String
    /// `PlanOfCareFields` as JSON: the rest of the CMS-485 (prognosis, safety, equipment, …).
    @Field(key: "details") var details: String
    /// What changed, in a few words: "Added goal: …", "SN frequency 2w4 → 3w4".
    @Field(key: "change_summary") var changeSummary: String
    @OptionalParent(key: "created_by_id") var createdBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A physician order: a plan of care (start of care, recertification), an interim order or a verbal order,
/// sent to one physician for signature. Once signed it never changes.
final class PhysicianOrderRecord: Model, @unchecked Sendable {
    static let schema = "physician_orders"

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @OptionalParent(key: "episode_id") var episode: EpisodeRecord?
    /// The physician who must sign it.
    @Parent(key: "physician_id") var physician: User
    /// An order-kind raw value: plan_of_care_soc, plan_of_care_recert, interim, verbal.
    @Field(key: "kind") var kind: String
    /// An order-status raw value: sent, signed, rejected, superseded.
    @Field(key: "status") var status: String
    /// What is ordered, as the physician reads and signs it.
    @Field(key: "summary") var summary: String
    /// The exact document signed (text), and its SHA-256 in hex: the manifest names the hash.
    @Field(key: "document") var document: String
    @Field(key: "document_hash") var documentHash: String
    /// The care plan version this order carries, when it carries one.
    @OptionalParent(key: "care_plan_version_id") var carePlanVersion: CarePlanVersionRecord?
    @OptionalParent(key: "sent_by_id") var sentBy: User?
    @Field(key: "sent_at") var sentAt: Date
    /// Verbal orders: who took it by phone, who read it back, when it was received.
    @OptionalParent(key: "taken_by_id") var takenBy: User?
    @OptionalField(key: "read_back_by") var readBackBy: String?
    @OptionalField(key: "received_at") var receivedAt: Date?
    @OptionalField(key: "signed_at") var signedAt: Date?
    /// The electronic signature manifest printed on the document.
    @OptionalField(key: "signature_manifest") var signatureManifest: String?
    @OptionalField(key: "rejected_at") var rejectedAt: Date?
    @OptionalField(key: "rejection_comment") var rejectionComment: String?
    /// The rejected order this one re-sends.
    @OptionalField(key: "revises_id") var revisesID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
