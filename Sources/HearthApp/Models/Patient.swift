import Fluent
import Foundation

/// A person receiving care from the agency.
final class Patient: Model, @unchecked Sendable {
    static let schema = "patients"

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
    @OptionalParent(key: "case_manager_id") var caseManager: User?
    @OptionalParent(key: "physician_id") var physician: User?
    @OptionalParent(key: "referred_by_id") var referredBy: User?
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
