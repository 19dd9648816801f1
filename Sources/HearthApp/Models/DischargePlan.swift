import Fluent
import Foundation
import HearthCore

/// A stay's discharge plan: the needs assessment's answers and what they predict, where the patient will live, and the
/// facts a home health claim depends on (face-to-face, homebound, the physician who will sign, the authorization).
final class DischargePlan: Model, @unchecked Sendable {
    static let schema = "discharge_plans"
    var properties: [any AnyProperty] {
        listed([$id, $stay, $answersJSON, $instrumentVersion, $needs, $laceTotal, $laceBand, $addressLine, $city, $state, $postalCode, $phone, $sex,
                $startOfCare, $primaryDiagnosis, $medications, $faceToFaceDate, $faceToFaceBy, $homeboundOne, $homeboundTwo,
                $certifyingPhysician, $certifyingNPI, $authorizationNumber, $assessedByName, $assessedAt, $createdAt, $updatedAt])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "stay_id") var stay: HospitalStay
    /// The discharge-needs instrument's answers (`AssessmentAnswers` JSON).
    @Field(key: "answers_json") var answersJSON: String
    @OptionalField(key: "instrument_version") var instrumentVersion: String?
    /// The predicted `ContinuingNeed` raw values, comma-separated, as of the last save.
    @Field(key: "needs") var needs: String
    @OptionalField(key: "lace_total") var laceTotal: Double?
    @OptionalField(key: "lace_band") var laceBand: String?
    /// Where the patient will live after discharge: the service area is matched on the ZIP.
    @OptionalField(key: "address_line") var addressLine: String?
    @OptionalField(key: "city") var city: String?
    @OptionalField(key: "state") var state: String?
    @OptionalField(key: "postal_code") var postalCode: String?
    @OptionalField(key: "phone") var phone: String?
    /// FHIR administrative sex, for the referral's Patient.
    @OptionalField(key: "sex") var sex: String?
    /// `YYYY-MM-DD`: the ordered start of home health.
    @OptionalField(key: "start_of_care") var startOfCare: String?
    /// The ICD-10-CM code of the primary reason for home health.
    @OptionalField(key: "primary_diagnosis") var primaryDiagnosis: String?
    /// The discharge medication list, one "name: directions" per line.
    @OptionalField(key: "medications") var medications: String?
    @OptionalField(key: "face_to_face_date") var faceToFaceDate: String?
    @OptionalField(key: "face_to_face_by") var faceToFaceBy: String?
    @OptionalField(key: "homebound_one") var homeboundOne: String?
    @OptionalField(key: "homebound_two") var homeboundTwo: String?
    @OptionalField(key: "certifying_physician") var certifyingPhysician: String?
    @OptionalField(key: "certifying_npi") var certifyingNPI: String?
    @OptionalField(key: "authorization_number") var authorizationNumber: String?
    @OptionalField(key: "assessed_by_name") var assessedByName: String?
    @OptionalField(key: "assessed_at") var assessedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// The patient's (or representative's) choice of post-acute provider, kept with the list exactly as it was shown.
final class DischargeChoiceRecord: Model, @unchecked Sendable {
    static let schema = "discharge_choices"
    var properties: [any AnyProperty] {
        listed([$id, $stay, $setting, $shownJSON, $chosen, $chooser, $representative, $recordedBy, $recordedByName, $recordedAt])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "stay_id") var stay: HospitalStay
    /// The `Disposition` the list was for.
    @Field(key: "setting") var setting: String
    /// The list as shown: each provider with its network, needs, quality data, source and date, and disclosures.
    @Field(key: "shown_json") var shownJSON: String
    /// Provider ids chosen, first choice first, comma-separated.
    @Field(key: "chosen") var chosen: String
    /// `patient`, `representative` or `declined`.
    @Field(key: "chooser") var chooser: String
    @OptionalField(key: "representative") var representative: String?
    @OptionalParent(key: "recorded_by") var recordedBy: User?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    var chosenIDs: [String] { chosen.split(separator: ",").map(String.init) }
}

/// A referral to one post-acute provider, one of several sent in parallel, with the deadline for its answer. A referral
/// to a Hearth agency on this installation is filed in its intake inbox (`inboundReferral`) and answered there.
final class PostAcuteReferralRecord: Model, @unchecked Sendable {
    static let schema = "post_acute_referrals"
    var properties: [any AnyProperty] {
        listed([$id, $stay, $choice, $providerID, $providerName, $setting, $sentAt, $deadline, $status, $answeredAt, $acceptedAt, $declineReason,
                $networkOverride, $preflightOverride, $preflightJSON, $inboundReferral, $delayReason, $sentBy, $sentByName,
                $partnerID, $bundleJSON, $remoteTaskID, $remoteTaskStatus, $remoteProblem, $lastCheckedAt, $remoteFirstVisit])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "stay_id") var stay: HospitalStay
    @OptionalParent(key: "choice_id") var choice: DischargeChoiceRecord?
    @Field(key: "provider_id") var providerID: String
    @Field(key: "provider_name") var providerName: String
    @Field(key: "setting") var setting: String
    @Field(key: "sent_at") var sentAt: Date
    @Field(key: "deadline") var deadline: Date
    /// A `PostAcuteReferralStatus` raw value.
    @Field(key: "status") var status: String
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    @OptionalField(key: "decline_reason") var declineReason: String?
    /// Why it went out of the patient's network.
    @OptionalField(key: "network_override") var networkOverride: String?
    /// Why it went with the pre-flight not clear.
    @OptionalField(key: "preflight_override") var preflightOverride: String?
    /// The pre-flight checks as they stood when it was sent.
    @OptionalField(key: "preflight_json") var preflightJSON: String?
    @OptionalParent(key: "inbound_referral_id") var inboundReferral: InboundReferral?
    /// The avoidable days a late answer causes are owed to this reason ("post-acute acceptance").
    @Field(key: "delay_reason") var delayReason: String
    @OptionalParent(key: "sent_by") var sentBy: User?
    @Field(key: "sent_by_name") var sentByName: String
    /// The `ReferralPartner` (a Hearth agency on another installation) it went to over HTTP.
    @OptionalField(key: "partner_id") var partnerID: UUID?
    /// The Bundle as sent to the partner, sent again as is on a retry (the agency knows it by its digest).
    @OptionalField(key: "bundle_json") var bundleJSON: String?
    /// The agency's Task id (`inbound-…`); nil while the referral is not delivered.
    @OptionalField(key: "remote_task_id") var remoteTaskID: String?
    /// The Task status last read from the agency (a `RemoteTaskStatus` raw value).
    @OptionalField(key: "remote_task_status") var remoteTaskStatus: String?
    /// Why the last delivery or status check failed (a `RemoteDeliveryProblem` message); nil once it worked.
    @OptionalField(key: "remote_problem") var remoteProblem: String?
    @OptionalField(key: "last_checked_at") var lastCheckedAt: Date?
    /// The day of the agency's first completed visit, as its Task's `executionPeriod.start` says.
    @OptionalField(key: "remote_first_visit") var remoteFirstVisit: String?

    init() {}

    /// Sent to a partner and not yet taken by it: the case manager retries.
    var isUndelivered: Bool { partnerID != nil && remoteTaskID == nil }

    /// Withdrawn here, and the agency's Task not yet cancelled (nor declined by it): the case manager retries.
    var isWithdrawalUndelivered: Bool {
        partnerID != nil && remoteTaskID != nil && status == PostAcuteReferralStatus.withdrawn.rawValue
            && ![RemoteTaskStatus.cancelled.rawValue, RemoteTaskStatus.rejected.rawValue].contains(remoteTaskStatus ?? "")
    }
}

/// A Hearth home health agency on another installation: its FHIR base URL and the bearer token it issued to this
/// hospital, kept to send and never shown again in full (the page shows `token_hint`).
final class ReferralPartner: Model, @unchecked Sendable {
    static let schema = "referral_partners"
    var properties: [any AnyProperty] { listed([$id, $providerID, $baseURL, $token, $tokenHint, $updatedByName, $updatedAt]) }

    @ID(key: .id) var id: UUID?
    /// The post-acute directory's provider this agency is (`PostAcuteProvider.id`).
    @Field(key: "provider_id") var providerID: String
    @Field(key: "base_url") var baseURL: String
    @Field(key: "token") var token: String
    @Field(key: "token_hint") var tokenHint: String
    @Field(key: "updated_by_name") var updatedByName: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
