import Fluent
import Foundation

/// A form's one-time token, claimed by its first post.
final class FormSubmission: Model, @unchecked Sendable {
    static let schema = "form_submissions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token") var token: String
    @OptionalField(key: "user_id") var userID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(token: String, userID: UUID?) {
        self.token = token
        self.userID = userID
    }
}
