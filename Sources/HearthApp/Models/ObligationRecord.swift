import Fluent
import Foundation

/// One obligation of an episode as the regulatory clock last computed it, kept so that caseload and compliance
/// lists can filter and sort across the agency. The chart computes obligations afresh; this is the index.
/// Whether an outstanding obligation is open, due soon or overdue is decided at query time from `opens` and `due`.
final class ObligationRecord: Model, @unchecked Sendable {
    static let schema = "obligations"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $episode, $key, $ruleID, $title, $citation, $opensAt, $dueAt, $dueDay, $outstanding, $state, $metBy,
            $computedAt
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Parent(key: "episode_id") var episode: EpisodeRecord
    /// "recertification-assessment#2": the rule and which occurrence.
    @Field(key: "obligation_key") var key: String
    @Field(key: "rule_id") var ruleID: String
    @Field(key: "title") var title: String
    @Field(key: "citation") var citation: String
    @Field(key: "opens_at") var opensAt: Date
    @Field(key: "due_at") var dueAt: Date
    /// The due day in the agency's zone, `YYYY-MM-DD`, for display.
    @Field(key: "due_day") var dueDay: String
    /// Not met, waived or ended: still owed.
    @Field(key: "outstanding") var outstanding: Bool
    /// An `Obligation.StateKind` raw value when computed (met, waived and not-applicable do not change with time).
    @Field(key: "state") var state: String
    @OptionalField(key: "met_by") var metBy: String?
    @Field(key: "computed_at") var computedAt: Date

    init() {}
}
