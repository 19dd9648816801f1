import Fluent
import Foundation

/// A physician on a hospital's utilization review committee, with the financial interest in the hospital the
/// administrator recorded, if any [42 CFR 482.30(b)].
final class URCommitteeMemberRecord: Model, @unchecked Sendable {
    static let schema = "ur_committee_members"
    var properties: [any AnyProperty] { listed([$id, $hospital, $user, $financialInterest, $addedByName, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "hospital_id") var hospital: Organization
    @Parent(key: "user_id") var user: User
    @OptionalField(key: "financial_interest") var financialInterest: String?
    @Field(key: "added_by_name") var addedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A committee member's determination on an advisor referral: the outcome and rationale, the attending's view, and the
/// second member who concurred when the attending did not [42 CFR 482.30(d)].
final class URDeterminationRecord: Model, @unchecked Sendable {
    static let schema = "ur_determinations"
    var properties: [any AnyProperty] {
        listed([$id, $referral, $stay, $outcome, $rationale, $attendingView, $determinedAt, $member, $memberName, $secondMember, $secondMemberName, $createdAt])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "referral_id") var referral: AdvisorReferral
    @Parent(key: "stay_id") var stay: HospitalStay
    /// An `AdvisorDetermination` raw value.
    @Field(key: "outcome") var outcome: String
    @Field(key: "rationale") var rationale: String
    /// An `AttendingView` raw value.
    @Field(key: "attending_view") var attendingView: String
    @Field(key: "determined_at") var determinedAt: Date
    @OptionalParent(key: "member_id") var member: User?
    @Field(key: "member_name") var memberName: String
    @OptionalParent(key: "second_member_id") var secondMember: User?
    @OptionalField(key: "second_member_name") var secondMemberName: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
