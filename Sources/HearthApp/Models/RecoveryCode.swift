import Fluent
import Foundation

/// One single-use recovery code of a user's two-step sign-in, as its hash (`HearthCore.RecoveryCodes.hash`).
final class RecoveryCode: Model, @unchecked Sendable {
    static let schema = "mfa_recovery_codes"
    var properties: [any AnyProperty] { listed([$id, $user, $codeHash, $createdAt, $usedAt]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}

    init(userID: UUID, codeHash: String, now: Date) {
        self.$user.id = userID
        self.codeHash = codeHash
        self.createdAt = now
    }
}
