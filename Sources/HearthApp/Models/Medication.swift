import Fluent
import Foundation

/// One medication on a patient's profile. The whole entry (`HearthCore.Medication`) is stored as JSON; the other
/// columns copy what lists, the caseload's refill flags and FHIR search filter on.
final class MedicationRecord: Model, @unchecked Sendable {
    static let schema = "medications"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $name, $rxnorm, $highAlert, $administeredBy, $startOn, $stopOn, $refillDueOn, $runsOutOn, $medicationJSON,
            $safetyOverridesJSON, $createdBy, $createdAt, $updatedAt
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Field(key: "name") var name: String
    @OptionalField(key: "rxnorm") var rxnorm: String?
    /// A `HighAlertCategory` raw value when the drug is on the high-alert list.
    @OptionalField(key: "high_alert") var highAlert: String?
    /// A `MedicationAdministrator` raw value: self, caregiver, aide, nurse.
    @Field(key: "administered_by") var administeredBy: String
    /// YYYY-MM-DD; the first day taken.
    @Field(key: "start_on") var startOn: String
    /// YYYY-MM-DD; the last day taken, or nil while it continues.
    @OptionalField(key: "stop_on") var stopOn: String?
    /// YYYY-MM-DD: when to ask for a refill and when the supply runs out, for the caseload's flags.
    @OptionalField(key: "refill_due_on") var refillDueOn: String?
    @OptionalField(key: "runs_out_on") var runsOutOn: String?
    @Field(key: "medication_json") var medicationJSON: String
    /// `[MedicationSafetyOverride]` as JSON: each decision to save despite an allergy or duplicate-therapy finding.
    @OptionalField(key: "safety_overrides_json") var safetyOverridesJSON: String?
    @OptionalParent(key: "created_by_id") var createdBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// A reconciliation at a transition (start of care, resumption after a hospital stay, discharge): the home list
/// against another list, with the case manager's decision on each line. The reconciliation is stored as JSON while
/// it is being decided; finishing it changes the profile and sends an order for signature.
final class MedicationReconciliationRecord: Model, @unchecked Sendable {
    static let schema = "medication_reconciliations"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $episode, $transition, $source, $status, $reconciliationJSON, $order, $createdBy, $createdAt, $finishedAt
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @OptionalParent(key: "episode_id") var episode: EpisodeRecord?
    /// A `TransitionKind` raw value: soc, roc, discharge.
    @Field(key: "transition") var transition: String
    /// Where the other list came from: "Discharge list, Mercy General Hospital".
    @Field(key: "source") var source: String
    /// open or finished.
    @Field(key: "status") var status: String
    @Field(key: "reconciliation_json") var reconciliationJSON: String
    @OptionalParent(key: "order_id") var order: PhysicianOrderRecord?
    @OptionalParent(key: "created_by_id") var createdBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}
}

/// One line of the medication administration record: a dose given, held, refused or missed.
final class MedicationAdministrationRecord: Model, @unchecked Sendable {
    static let schema = "medication_administrations"
    var properties: [any AnyProperty] { listed([$id, $patient, $medication, $givenOn, $slot, $status, $reason, $recordedBy, $recordedAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Parent(key: "medication_id") var medication: MedicationRecord
    /// YYYY-MM-DD in the agency's zone.
    @Field(key: "given_on") var givenOn: String
    /// "08:00": the scheduled time this entry answers, or nil for an as-needed dose.
    @OptionalField(key: "slot") var slot: String?
    /// An `AdministrationStatus` raw value: given, held, refused, missed.
    @Field(key: "status") var status: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

/// A check at a visit of how a self- or caregiver-administered medicine is being taken.
final class AdherenceCheckRecord: Model, @unchecked Sendable {
    static let schema = "adherence_checks"
    var properties: [any AnyProperty] { listed([$id, $patient, $medication, $checkedOn, $result, $note, $recordedBy, $recordedAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Parent(key: "medication_id") var medication: MedicationRecord
    @Field(key: "checked_on") var checkedOn: String
    /// An `AdherenceResult` raw value: taken, missed_doses, wrong_dose.
    @Field(key: "result") var result: String
    @OptionalField(key: "note") var note: String?
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

/// A side effect the patient or caregiver reported, and what was done about it.
final class SideEffectRecord: Model, @unchecked Sendable {
    static let schema = "side_effects"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $medication, $symptom, $severity, $reportedOn, $actionTaken, $recordedBy, $createdAt
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @OptionalParent(key: "medication_id") var medication: MedicationRecord?
    @Field(key: "symptom") var symptom: String
    @Field(key: "severity") var severity: String
    @Field(key: "reported_on") var reportedOn: String
    @OptionalField(key: "action_taken") var actionTaken: String?
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// Teaching given to the patient or a caregiver, with the teach-back result; about a medication or any other topic.
final class TeachingLog: Model, @unchecked Sendable {
    static let schema = "teaching_records"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $medication, $topic, $learner, $learnerName, $method, $result, $material, $note, $taughtOn, $recordedBy,
            $createdAt
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @OptionalParent(key: "medication_id") var medication: MedicationRecord?
    @Field(key: "topic") var topic: String
    /// A `Learner` raw value: patient, caregiver, family or other.
    @Field(key: "learner") var learner: String
    /// The caregiver or family member taught, by name.
    @OptionalField(key: "learner_name") var learnerName: String?
    /// A `TeachingMethod` raw value.
    @Field(key: "method") var method: String
    /// A `TeachBackResult` raw value: understood, needs_reinforcement, unable.
    @Field(key: "result") var result: String
    @OptionalField(key: "material") var material: String?
    @OptionalField(key: "note") var note: String?
    @Field(key: "taught_on") var taughtOn: String
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
