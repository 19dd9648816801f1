import Fluent
import Foundation

/// A unit (ward) of a hospital: the hospital is an organization (kind provider), its units are data.
final class HospitalUnit: Model, @unchecked Sendable {
    static let schema = "hospital_units"
    var properties: [any AnyProperty] { listed([$id, $hospital, $code, $name, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "hospital_id") var hospital: Organization
    /// The short name on the whiteboard: "4W", "CDU".
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(hospitalID: UUID, code: String, name: String) {
        self.$hospital.id = hospitalID
        self.code = code
        self.name = name
    }
}

/// A hospital case manager assigned to a unit: the stays she sees are her units' (`AccessPolicy.decideStay`).
final class HospitalUnitAssignment: Model, @unchecked Sendable {
    static let schema = "hospital_unit_assignments"
    var properties: [any AnyProperty] { listed([$id, $unit, $user, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: HospitalUnit
    @Parent(key: "user_id") var user: User
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(unitID: UUID, userID: UUID) {
        self.$unit.id = unitID
        self.$user.id = userID
    }
}

/// A patient's stay in a hospital bed, with the hospital's own registration (its MRN and the patient's name): the
/// hospital's record, not the home-health agency's chart. `patientID` links it once the patient is referred to the agency.
final class HospitalStay: Model, @unchecked Sendable {
    static let schema = "hospital_stays"
    var properties: [any AnyProperty] {
        listed([$id, $unit, $hospitalMRN, $familyName, $givenName, $birthDate, $bed, $attending, $workingDiagnosis, $payer, $medicare, $arrivedAt,
                $status, $expectedDischarge, $plannedDisposition, $dischargedAt, $disposition, $patient, $createdAt, $updatedAt])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: HospitalUnit
    @Field(key: "hospital_mrn") var hospitalMRN: String
    @Field(key: "family_name") var familyName: String
    @Field(key: "given_name") var givenName: String
    /// `YYYY-MM-DD`.
    @Field(key: "birth_date") var birthDate: String
    @OptionalField(key: "bed") var bed: String?
    @OptionalField(key: "attending") var attending: String?
    @OptionalField(key: "working_diagnosis") var workingDiagnosis: String?
    @OptionalField(key: "payer") var payer: String?
    /// Original Medicare or Medicare Advantage: the notices are owed to Medicare beneficiaries.
    @Field(key: "medicare") var medicare: Bool
    @Field(key: "arrived_at") var arrivedAt: Date
    /// The current `StayStatus`, kept beside the history so the unit list sorts and filters without it.
    @Field(key: "status") var status: String
    /// `YYYY-MM-DD`.
    @OptionalField(key: "expected_discharge") var expectedDischarge: String?
    /// A `Disposition` raw value.
    @OptionalField(key: "planned_disposition") var plannedDisposition: String?
    @OptionalField(key: "discharged_at") var dischargedAt: Date?
    @OptionalField(key: "disposition") var disposition: String?
    @OptionalParent(key: "patient_id") var patient: Patient?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var listName: String { "\(familyName), \(givenName)" }
}

/// One status the stay was in from `startsAt`: the status timeline, with who recorded it and any condition code 44.
final class HospitalStayStatus: Model, @unchecked Sendable {
    static let schema = "hospital_stay_statuses"
    var properties: [any AnyProperty] {
        listed([$id, $stay, $status, $startsAt, $reason, $urReviewer, $concurringAttending, $recordedBy, $recordedByName, $createdAt])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "stay_id") var stay: HospitalStay
    @Field(key: "status") var status: String
    /// When the order took effect.
    @Field(key: "starts_at") var startsAt: Date
    @OptionalField(key: "reason") var reason: String?
    /// Condition code 44: the UR committee physician who made the determination.
    @OptionalField(key: "ur_reviewer") var urReviewer: String?
    /// Condition code 44: the attending who concurred.
    @OptionalField(key: "concurring_attending") var concurringAttending: String?
    @OptionalParent(key: "recorded_by") var recordedBy: User?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A notice delivered on a stay (IM, its follow-up copy, MOON, condition code 44 notice): when, by whom, signed or refused.
final class HospitalNotice: Model, @unchecked Sendable {
    static let schema = "hospital_notices"
    var properties: [any AnyProperty] {
        listed([$id, $stay, $kind, $deliveredAt, $outcome, $recipient, $note, $deliveredBy, $deliveredByName, $createdAt])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "stay_id") var stay: HospitalStay
    /// A `StayNoticeKind` raw value.
    @Field(key: "kind") var kind: String
    @Field(key: "delivered_at") var deliveredAt: Date
    /// `signed` or `refused`.
    @Field(key: "outcome") var outcome: String
    /// Who received it: the patient, or the representative's name.
    @Field(key: "recipient") var recipient: String
    @OptionalField(key: "note") var note: String?
    @OptionalParent(key: "delivered_by") var deliveredBy: User?
    @Field(key: "delivered_by_name") var deliveredByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
