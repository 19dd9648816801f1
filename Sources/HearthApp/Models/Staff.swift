import Fluent
import Foundation

/// What the agency knows of a staff member for scheduling: discipline, home base and working hours.
final class StaffProfileRecord: Model, @unchecked Sendable {
    static let schema = "staff_profiles"
    var properties: [any AnyProperty] {
        listed([
            $id, $user, $discipline, $homeAddress, $homeLatitude, $homeLongitude, $workingHours, $team, $createdAt, $updatedAt
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    /// A `StaffDiscipline` raw value: RN, LPN, PT, PTA, OT, COTA, SLP, MSW, HHA.
    @Field(key: "discipline") var discipline: String
    @OptionalField(key: "home_address") var homeAddress: String?
    @OptionalField(key: "home_lat") var homeLatitude: Double?
    @OptionalField(key: "home_lon") var homeLongitude: Double?
    /// `WorkingHours` as JSON: a shift per weekday and days off.
    @Field(key: "working_hours") var workingHours: String
    /// The field team they work in ("East"); a supervisor plans one team's day at a time.
    @OptionalField(key: "team") var team: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// A license or certification on file for a staff member, as verified with the issuing board.
final class CredentialRecord: Model, @unchecked Sendable {
    static let schema = "staff_credentials"
    var properties: [any AnyProperty] { listed([$id, $user, $type, $state, $number, $issuedOn, $expiresOn, $recordedBy, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    /// A `CredentialType` raw value.
    @Field(key: "type") var type: String
    @OptionalField(key: "state") var state: String?
    @Field(key: "number") var number: String
    @OptionalField(key: "issued_on") var issuedOn: String?
    /// YYYY-MM-DD, the last valid day; nil when it does not expire.
    @OptionalField(key: "expires_on") var expiresOn: String?
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A clinician's private calendar feed: the URL carries a random token; only its hash is kept, and revoking ends it.
final class CalendarFeedRecord: Model, @unchecked Sendable {
    static let schema = "calendar_feeds"
    var properties: [any AnyProperty] { listed([$id, $user, $tokenHash, $createdAt, $revokedAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "token_hash") var tokenHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}
}
