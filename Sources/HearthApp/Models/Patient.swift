import Fluent
import Foundation

/// A person receiving care from the agency.
final class Patient: Model, @unchecked Sendable {
    static let schema = "patients"
    var properties: [any AnyProperty] {
        listed([
            $id, $mrn, $givenName, $familyName, $familyKey, $givenKey, $birthDate, $sex, $phone, $addressLine, $city, $state,
            $postalCode, $latitude, $longitude, $preferredName, $genderIdentity, $language, $interpreterNeeded, $alternatePhone,
            $timeZone, $codeStatus, $emergencyPriority, $evacuationNeeds, $emergencyEquipment, $caseManager, $physician, $referredBy,
            $middleNames, $raceJSON, $ethnicityJSON, $birthSex, $languageCode, $createdAt, $updatedAt
        ])
    }

    @ID(key: .id) var id: UUID?
    /// The medical record number people say out loud; the UUID is for machines.
    @Field(key: "mrn") var mrn: String
    @Field(key: "given_name") var givenName: String
    @Field(key: "family_name") var familyName: String
    /// Calendar date `YYYY-MM-DD`: a birthday has no time zone.
    /// Lower-cased names for case-insensitive prefix search on every database.
    @Field(key: "family_key") var familyKey: String
    @Field(key: "given_key") var givenKey: String
    @Field(key: "birth_date") var birthDate: String
    @Field(key: "sex") var sex: String
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "address_line") var addressLine: String?
    @OptionalField(key: "city") var city: String?
    @OptionalField(key: "state") var state: String?
    @OptionalField(key: "postal_code") var postalCode: String?
    /// The home's coordinates, for travel estimates between visits.
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    @OptionalField(key: "preferred_name") var preferredName: String?
    /// A US Core gender identity code, e.g. "non-binary"; nil when not asked.
    @OptionalField(key: "gender_identity") var genderIdentity: String?
    @OptionalField(key: "language") var language: String?
    @OptionalField(key: "interpreter_needed") var interpreterNeeded: Bool?
    @OptionalField(key: "alternate_phone") var alternatePhone: String?
    /// IANA zone id; nil means the agency's zone.
    @OptionalField(key: "time_zone") var timeZone: String?
    /// A `CodeStatus` raw value.
    @OptionalField(key: "code_status") var codeStatus: String?
    /// `EmergencyPriority` 1–4 for the disaster plan.
    @OptionalField(key: "emergency_priority") var emergencyPriority: Int?
    @OptionalField(key: "evacuation_needs") var evacuationNeeds: String?
    @OptionalField(key: "emergency_equipment") var emergencyEquipment: String?
    @OptionalParent(key: "case_manager_id") var caseManager: User?
    @OptionalParent(key: "physician_id") var physician: User?
    @OptionalParent(key: "referred_by_id") var referredBy: User?
    /// Second and further given names, space separated.
    @OptionalField(key: "middle_names") var middleNames: String?
    /// US Core race and ethnicity, each a `DemographicAnswer` as JSON; nil when not asked.
    @OptionalField(key: "race_json") var raceJSON: String?
    @OptionalField(key: "ethnicity_json") var ethnicityJSON: String?
    /// A `BirthSex` raw value.
    @OptionalField(key: "birth_sex") var birthSex: String?
    /// The BCP-47 code of `language` ("es"), when a partner sent one.
    @OptionalField(key: "language_code") var languageCode: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, mrn: String, givenName: String, familyName: String, birthDate: String, sex: String) {
        self.id = id
        self.mrn = mrn
        self.givenName = givenName
        self.familyName = familyName
        self.familyKey = familyName.lowercased()
        self.givenKey = givenName.lowercased()
        self.birthDate = birthDate
        self.sex = sex
    }
}

/// A member of a patient's care team inside the agency (nurse, therapist, aide, social worker, physician).
final class CareTeamMember: Model, @unchecked Sendable {
    static let schema = "care_team_members"
    var properties: [any AnyProperty] { listed([$id, $patient, $user, $teamRole, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Parent(key: "user_id") var user: User
    /// What the member does for this patient, e.g. "Skilled nursing", "Home health aide".
    @Field(key: "team_role") var teamRole: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(patientID: UUID, userID: UUID, teamRole: String) {
        self.$patient.id = patientID
        self.$user.id = userID
        self.teamRole = teamRole
    }
}

/// A family member, friend or neighbour the agency may call.
final class PatientContact: Model, @unchecked Sendable {
    static let schema = "patient_contacts"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $name, $relationship, $phone, $livesWith, $isCaregiver, $isDecisionMaker, $createdAt
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Field(key: "name") var name: String
    @Field(key: "relationship") var relationship: String
    @Field(key: "phone") var phone: String
    @Field(key: "lives_with") var livesWith: Bool
    @Field(key: "is_caregiver") var isCaregiver: Bool
    @Field(key: "is_decision_maker") var isDecisionMaker: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A living will, health-care power of attorney, DNR order or POLST, and where it is kept.
final class AdvanceDirective: Model, @unchecked Sendable {
    static let schema = "advance_directives"
    var properties: [any AnyProperty] { listed([$id, $patient, $kind, $onFile, $location, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    /// An `AdvanceDirectiveDraft.Kind` raw value.
    @Field(key: "kind") var kind: String
    @Field(key: "on_file") var onFile: Bool
    @Field(key: "location") var location: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// Someone outside the agency on the patient's care team: another physician, a pharmacy, a community service.
final class ExternalCareContact: Model, @unchecked Sendable {
    static let schema = "external_care_contacts"
    var properties: [any AnyProperty] { listed([$id, $patient, $role, $name, $organization, $phone, $fax, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Field(key: "role") var role: String
    @OptionalField(key: "name") var name: String?
    @OptionalField(key: "organization") var organization: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "fax") var fax: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
