import Fluent
import Foundation

/// One room-by-room home safety walk-through (`HearthCore.HomeSafetyEvaluation` as JSON). Its hazards become
/// `HomeSafetyFindingRecord`s once the clinician has said who fixes each one and by when.
final class HomeSafetyEvaluationRecord: Model, @unchecked Sendable {
    static let schema = "home_safety_evaluations"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $evaluatedOn, $checklistVersion, $evaluationJSON, $hazards, $findingsRecorded, $evaluatedBy, $createdAt
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Field(key: "evaluated_on") var evaluatedOn: String
    @Field(key: "checklist_version") var checklistVersion: String
    @Field(key: "evaluation_json") var evaluationJSON: String
    @Field(key: "hazards") var hazards: Int
    /// False until a finding is recorded for every hazard.
    @Field(key: "findings_recorded") var findingsRecorded: Bool
    @OptionalParent(key: "evaluated_by_id") var evaluatedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A hazard found in a patient's home, tracked until resolved or the risk is accepted
/// (`HearthCore.HomeSafetyFinding` as JSON; state and follow-up day are columns for lists and the worklist).
final class HomeSafetyFindingRecord: Model, @unchecked Sendable {
    static let schema = "home_safety_findings"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $evaluation, $itemID, $state, $followUpOn, $findingJSON, $createdAt, $updatedAt
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @OptionalParent(key: "evaluation_id") var evaluation: HomeSafetyEvaluationRecord?
    @Field(key: "item_id") var itemID: String
    /// A `HomeSafetyFindingState` raw value.
    @Field(key: "state") var state: String
    @Field(key: "follow_up_on") var followUpOn: String
    @Field(key: "finding_json") var findingJSON: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
