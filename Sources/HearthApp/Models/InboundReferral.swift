import Fluent
import Foundation

/// A referral a hospital sent as a FHIR transaction Bundle (Patient, Conditions, medications, the physician, a
/// ServiceRequest and a Task owned by the agency). The Bundle is kept as received until intake accepts it (and its
/// records join the chart) or declines it with a reason; the sender follows it as `Task/inbound-<id>`.
final class InboundReferral: Model, @unchecked Sendable {
    static let schema = "inbound_referrals"
    var properties: [any AnyProperty] {
        listed([
            $id, $sender, $senderName, $bundleJSON, $bundleDigest, $patientName, $birthDate, $orderedStartOfCare, $summary, $status, $reason,
            $receivedAt, $decidedAt, $decidedBy, $patient, $episode, $updatedAt, $withdrawnAt, $withdrawalReason
        ])
    }

    /// `withdrawn`: the sender cancelled its Task, before or after the agency accepted (then the episode stays open).
    enum Status: String, Sendable { case requested, accepted, rejected, withdrawn }

    @ID(key: .id) var id: UUID?
    /// The partner's account that posted it: only it, and the agency's intake, may follow it.
    @Parent(key: "sender_id") var sender: User
    /// "St. Mary's Hospital, J. Ortiz (discharge planner)": the organization and person the Bundle names.
    @Field(key: "sender_name") var senderName: String
    @Field(key: "bundle_json") var bundleJSON: String
    /// SHA-256 of the Bundle as sent: the same Bundle sent again answers the referral on file.
    @Field(key: "bundle_digest") var bundleDigest: String
    /// "Okafor, Mary Ann", for the inbox.
    @Field(key: "patient_name") var patientName: String
    @Field(key: "birth_date") var birthDate: String
    @OptionalField(key: "ordered_start_of_care") var orderedStartOfCare: String?
    /// "2 diagnoses, 3 medications, 1 allergy, coverage": what the Bundle holds, in words.
    @Field(key: "summary") var summary: String
    /// A `Status` raw value.
    @Field(key: "status") var status: String
    /// Why it was declined.
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "received_at") var receivedAt: Date
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalParent(key: "decided_by") var decidedBy: User?
    @OptionalParent(key: "patient_id") var patient: Patient?
    @OptionalParent(key: "episode_id") var episode: EpisodeRecord?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// When the hospital withdrew it, and why (its Task's `statusReason`).
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @OptionalField(key: "withdrawal_reason") var withdrawalReason: String?

    init() {}
}
