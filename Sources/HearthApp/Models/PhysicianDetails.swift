import Fluent
import Foundation

/// How to reach a physician who orders care: NPI, office phone and fax. A physician outside the agency is a user who
/// cannot sign in (no one knows the password) until an administrator invites them; orders reach them by fax.
final class PhysicianDetails: Model, @unchecked Sendable {
    static let schema = "physician_details"
    var properties: [any AnyProperty] { listed([$id, $user, $npi, $phone, $fax, $practice, $isOutside, $createdAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "npi") var npi: String
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "fax") var fax: String?
    @OptionalField(key: "practice") var practice: String?
    /// Outside the agency: not on the staff list, reached by phone and fax.
    @Field(key: "is_outside") var isOutside: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
