import Fluent
import Foundation

/// A utilization review nurse who reviews a hospital's stays: the stays she sees are every unit's of that hospital
/// (`AccessPolicy.decideStay`).
final class HospitalReviewer: Model, @unchecked Sendable {
    static let schema = "hospital_reviewers"
    var properties: [any AnyProperty] { listed([$id, $hospital, $user, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "hospital_id") var hospital: Organization
    @Parent(key: "user_id") var user: User
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(hospitalID: UUID, userID: UUID) {
        self.$hospital.id = hospitalID
        self.$user.id = userID
    }
}

/// One utilization review of a stay: the level of care reviewed, the criteria source and its answer, the evidence,
/// the working DRG and procedures, the next review date, the reviewer.
final class StayReview: Model, @unchecked Sendable {
    static let schema = "stay_reviews"
    var properties: [any AnyProperty] {
        listed([$id, $stay, $kind, $reviewedAt, $levelOfCare, $criteriaSource, $criteriaMet, $evidence, $drg, $procedureCodes, $nextReview,
                $reviewer, $reviewerName, $createdAt])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "stay_id") var stay: HospitalStay
    /// A `ReviewKind` raw value.
    @Field(key: "kind") var kind: String
    @Field(key: "reviewed_at") var reviewedAt: Date
    /// A `StayStatus` raw value: the level of care reviewed.
    @Field(key: "level_of_care") var levelOfCare: String
    /// A `CriteriaSource` id.
    @Field(key: "criteria_source") var criteriaSource: String
    @Field(key: "criteria_met") var criteriaMet: Bool
    @Field(key: "evidence") var evidence: String
    @OptionalField(key: "drg") var drg: String?
    /// Comma-separated CPT/HCPCS codes.
    @OptionalField(key: "procedure_codes") var procedureCodes: String?
    /// `YYYY-MM-DD`.
    @Field(key: "next_review") var nextReview: String
    @OptionalParent(key: "reviewer_id") var reviewer: User?
    @Field(key: "reviewer_name") var reviewerName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A stay's referral to a physician advisor, who passed the UR committee's conflict rule [42 CFR 482.30(b)(3)].
final class AdvisorReferral: Model, @unchecked Sendable {
    static let schema = "advisor_referrals"
    var properties: [any AnyProperty] { listed([$id, $stay, $advisor, $advisorUser, $question, $referredAt, $recordedBy, $recordedByName, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "stay_id") var stay: HospitalStay
    /// The advisor's name as referred.
    @Field(key: "advisor") var advisor: String
    /// The committee member referred to (migration 035); empty on a referral made before the roster, by name only.
    @OptionalParent(key: "advisor_id") var advisorUser: User?
    @Field(key: "question") var question: String
    @Field(key: "referred_at") var referredAt: Date
    @OptionalParent(key: "recorded_by") var recordedBy: User?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// One exchange with the payer about a stay: clinicals sent, days approved, the next review the payer asked for.
final class PayerCommunication: Model, @unchecked Sendable {
    static let schema = "payer_communications"
    var properties: [any AnyProperty] {
        listed([$id, $stay, $communicatedAt, $method, $contact, $clinicalsSent, $daysApproved, $approvedThrough, $nextReview, $reference, $note,
                $recordedBy, $recordedByName, $createdAt])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "stay_id") var stay: HospitalStay
    @Field(key: "communicated_at") var communicatedAt: Date
    /// `PayerContactMethod` raw value.
    @Field(key: "method") var method: String
    @Field(key: "contact") var contact: String
    @Field(key: "clinicals_sent") var clinicalsSent: Bool
    @OptionalField(key: "days_approved") var daysApproved: Int?
    /// `YYYY-MM-DD`: the last day the payer approved.
    @OptionalField(key: "approved_through") var approvedThrough: String?
    /// `YYYY-MM-DD`: when the payer wants the next clinical update.
    @OptionalField(key: "next_review") var nextReview: String?
    @OptionalField(key: "reference") var reference: String?
    @OptionalField(key: "note") var note: String?
    @OptionalParent(key: "recorded_by") var recordedBy: User?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A payer's denial of a stay or some of its days, with its specific reason.
final class PayerDenialRecord: Model, @unchecked Sendable {
    static let schema = "payer_denials"
    var properties: [any AnyProperty] {
        listed([$id, $stay, $payerKind, $kind, $receivedOn, $daysDenied, $reason, $reference, $recordedByName, $createdAt])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "stay_id") var stay: HospitalStay
    /// `PayerKind` raw value: which appeal levels apply.
    @Field(key: "payer_kind") var payerKind: String
    /// `DenialKind` raw value.
    @Field(key: "kind") var kind: String
    /// `YYYY-MM-DD`: the appeal clock starts when the denial is received.
    @Field(key: "received_on") var receivedOn: String
    @OptionalField(key: "days_denied") var daysDenied: Int?
    @Field(key: "reason") var reason: String
    @OptionalField(key: "reference") var reference: String?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// One appeal level filed against a denial: when, by its deadline or with the good cause for filing late, and its outcome.
final class PayerAppealRecord: Model, @unchecked Sendable {
    static let schema = "payer_appeals"
    var properties: [any AnyProperty] {
        listed([$id, $denial, $level, $filedOn, $deadline, $lateReason, $decidedOn, $outcome, $note, $recordedByName, $createdAt])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "denial_id") var denial: PayerDenialRecord
    /// An `AppealLevel` id from Resources/Rules/utilization-review.json.
    @Field(key: "level") var level: String
    @Field(key: "filed_on") var filedOn: String
    @Field(key: "deadline") var deadline: String
    @OptionalField(key: "late_reason") var lateReason: String?
    @OptionalField(key: "decided_on") var decidedOn: String?
    /// `AppealOutcome` raw value.
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A run of avoidable days on a stay, with its reason and owner.
final class AvoidableDayRecord: Model, @unchecked Sendable {
    static let schema = "avoidable_days"
    var properties: [any AnyProperty] { listed([$id, $stay, $reason, $owner, $fromDay, $throughDay, $note, $recordedByName, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "stay_id") var stay: HospitalStay
    @Field(key: "reason") var reason: String
    @Field(key: "owner") var owner: String
    @Field(key: "from_day") var fromDay: String
    @OptionalField(key: "through_day") var throughDay: String?
    @OptionalField(key: "note") var note: String?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
