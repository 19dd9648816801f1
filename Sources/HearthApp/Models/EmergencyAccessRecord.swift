import Fluent
import Foundation
import HearthCore

/// One break-the-glass access (`HearthCore.EmergencyAccessGrant`): who opened which chart, why, until when, and the
/// supervisor's review [45 CFR 164.312(a)(2)(ii)].
final class EmergencyAccessRecord: Model, @unchecked Sendable {
    static let schema = "emergency_accesses"
    var properties: [any AnyProperty] {
        listed([$id, $user, $patient, $reason, $startedAt, $endsAt, $endedAt, $reviewedBy, $reviewedAt, $reviewNote])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "patient_id") var patient: Patient
    @Field(key: "reason") var reason: String
    @Field(key: "started_at") var startedAt: Date
    @Field(key: "ends_at") var endsAt: Date
    /// Set when the user ended it before its time.
    @OptionalField(key: "ended_at") var endedAt: Date?
    @OptionalParent(key: "reviewed_by_id") var reviewedBy: User?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @OptionalField(key: "review_note") var reviewNote: String?

    init() {}

    var grant: EmergencyAccessGrant {
        EmergencyAccessGrant(startedAt: startedAt, endsAt: endsAt, endedAt: endedAt, reviewedAt: reviewedAt)
    }
}
