import Fluent
import Foundation

/// One version of an assessment: one instrument filled in for one patient, a draft until it is signed.
/// A correction is a new row that `amends` the signed one; both stay.
final class AssessmentRecord: Model, @unchecked Sendable {
    static let schema = "assessments"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $episode, $kind, $instrumentID, $instrumentVersion, $version, $amendsID, $amendmentReason, $status,
            $answers, $assessedOn, $visitedAt, $startedBy, $signedBy, $signedAt, $scoreValue, $scoreSummary, $findings, $alerts, $createdAt,
            $updatedAt
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @OptionalParent(key: "episode_id") var episode: EpisodeRecord?
    /// An `AssessmentKind` raw value: start_of_care, recertification, …
    @Field(key: "kind") var kind: String
    @Field(key: "instrument_id") var instrumentID: String
    @Field(key: "instrument_version") var instrumentVersion: String
    /// 1 for the original; each amendment adds one.
    @Field(key: "version") var version: Int
    /// The signed version this one corrects.
    @OptionalField(key: "amends_id") var amendsID: UUID?
    @OptionalField(key: "amendment_reason") var amendmentReason: String?
    /// An `AssessmentStatus` raw value: draft, signed, amended.
    @Field(key: "status") var status: String
    /// `AssessmentAnswers` as JSON; a draft is saved as it is typed.
    @Field(key: "answers") var answers: String
    /// The day the assessment was done (the visit day), `YYYY-MM-DD`.
    @Field(key: "assessed_on") var assessedOn: String
    /// The date and time of the visit, when recorded; the 48-hour rules are met by it, not the signature [42 CFR 484.55(a)(1), (d)(2)].
    @OptionalField(key: "visited_at") var visitedAt: Date?
    @OptionalParent(key: "started_by_id") var startedBy: User?
    @OptionalParent(key: "signed_by_id") var signedBy: User?
    @OptionalField(key: "signed_at") var signedAt: Date?
    /// The headline score at signing, for the list and the trend chart.
    @OptionalField(key: "score_value") var scoreValue: Double?
    @OptionalField(key: "score_summary") var scoreSummary: String?
    /// Suggested care-plan problems and safety alerts at signing, as JSON arrays.
    @OptionalField(key: "findings") var findings: String?
    @OptionalField(key: "alerts") var alerts: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
