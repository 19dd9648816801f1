import Fluent
import Foundation

/// The care plan of one episode. Its content lives in versions; this row points at the newest.
final class CarePlanRecord: Model, @unchecked Sendable {
    static let schema = "care_plans"
    var properties: [any AnyProperty] { listed([$id, $patient, $episode, $currentVersion, $createdAt, $updatedAt]) }

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
    var properties: [any AnyProperty] { listed([$id, $carePlan, $version, $content, $details, $changeSummary, $createdBy, $createdAt]) }

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
/// sent to one physician for signature. The whole order (`HearthCore.PhysicianOrder`, with its rejections and
/// signature) is stored as JSON; the other columns copy what lists filter and sort on.
final class PhysicianOrderRecord: Model, @unchecked Sendable {
    static let schema = "physician_orders"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $episode, $physician, $kind, $status, $summary, $orderJSON, $periodNumber, $carePlanVersion, $createdBy,
            $sentAt, $signedAt, $createdAt, $updatedAt
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @OptionalParent(key: "episode_id") var episode: EpisodeRecord?
    /// The physician who must sign it.
    @Parent(key: "physician_id") var physician: User
    /// An `OrderKind` raw value: plan_of_care_soc, plan_of_care_recert, interim, verbal.
    @Field(key: "kind") var kind: String
    /// An `OrderState` raw value: draft, received, sent, signed, rejected.
    @Field(key: "status") var status: String
    /// One line for lists: "Plan of care, period 1", "Interim: SN 3w4, 1w5".
    @Field(key: "summary") var summary: String
    /// `PhysicianOrder` as JSON; decoding it checks a signature against its document.
    @Field(key: "order_json") var orderJSON: String
    /// The certification period a plan of care covers.
    @OptionalField(key: "period_number") var periodNumber: Int?
    @OptionalParent(key: "care_plan_version_id") var carePlanVersion: CarePlanVersionRecord?
    @OptionalParent(key: "created_by_id") var createdBy: User?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "signed_at") var signedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
